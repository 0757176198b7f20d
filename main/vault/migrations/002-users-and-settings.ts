import type { Migration } from './index';

/**
 * Local profiles and settings. The passphrase hash keeps its own scrypt parameters and salt,
 * so raising the cost later re-hashes on next unlock instead of locking anyone out. The
 * failed-attempt count lives here, inside the encrypted database, so restarting the app does
 * not reset the backoff.
 */
export const m002UsersAndSettings: Migration = {
  version: 2,
  name: 'users and settings',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('reviewer', 'supervisor', 'admin')),
        passphrase_hash BLOB NOT NULL,
        passphrase_salt BLOB NOT NULL,
        scrypt_n INTEGER NOT NULL,
        scrypt_r INTEGER NOT NULL,
        scrypt_p INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        last_failed_at INTEGER
      ) STRICT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
