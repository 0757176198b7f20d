import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { FolioError } from '../../app/contract/errors';
import { ensurePrivateFolder, restrictToOwner } from '../platform/paths';
import { blobDirFor } from './blob-store';
import { migrations, SCHEMA_VERSION, type MigrationContext } from './migrations/index';

export type VaultDatabase = Database.Database;

/**
 * Prepares each distinct statement once per connection and hands back the same one after:
 * better-sqlite3 caches nothing, and preparing costs several times a short query's run.
 * Statements handed out must not be switched to `pluck()` or `raw()`: they are shared.
 */
export function statementCache(db: VaultDatabase): (sql: string) => Database.Statement {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}

export interface OpenDatabaseOptions {
  file: string;
  /**
   * 256-bit key for SQLCipher. Key handling (keychain, passphrase, recovery code) lives in
   * VaultKeyStore; this function only applies what it is given, so callers never change.
   */
  key: Buffer | null;
}

/**
 * Opens (creating if needed) the database file and brings its schema up to date in one
 * transaction. A database written by a newer Folio is refused, never downgraded.
 */
export function openDatabase(options: OpenDatabaseOptions): VaultDatabase {
  ensurePrivateFolder(path.dirname(options.file));
  // SQLite creates a database with the process's default mode (0644 under the usual umask), and
  // its -wal and -shm files take the database's mode: made here first, empty and owner-only,
  // all three stay 0600. A vault an older Folio left wider is narrowed before it is opened.
  if (!fs.existsSync(options.file)) fs.writeFileSync(options.file, '', { flag: 'wx', mode: 0o600 });
  for (const file of [options.file, `${options.file}-wal`, `${options.file}-shm`]) restrictToOwner(file);
  const db = new Database(options.file);
  try {
    if (options.key) {
      if (options.key.length !== 32) throw new FolioError('internal', 'The vault key has the wrong length.');
      db.pragma(`cipher='sqlcipher'`);
      db.pragma(`legacy=4`);
      db.pragma(`key="x'${options.key.toString('hex')}'"`);
    }
    assertReadable(db);
    // SQLite3MC encrypts the database and its WAL but not temporary files, and this build puts
    // them on disk by default (TEMP_STORE=1): a large sort, temp index or VACUUM would spill
    // plaintext rows to /var/tmp. In memory they never touch disk.
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, { blobDir: blobDirFor(options.file) });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertReadable(db: VaultDatabase): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new FolioError('unauthorized', 'The vault could not be opened with this key. Nothing was changed.');
  }
}

export function migrate(db: VaultDatabase, context: MigrationContext): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) {
    throw new FolioError(
      'conflict',
      `This vault was written by a newer version of Folio (schema ${current}, this app knows ${SCHEMA_VERSION}). Update Folio to open it.`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db, context);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
