import type { Migration } from './index';

/**
 * Named API tokens (issue 13, finding 2): an admin creates one for a program on this computer,
 * for a profile it acts as and a scope (read or write), and revokes it when done. Only a hash of
 * the token is kept: the token is shown once and a copy of the database does not yield it. A
 * revoked token keeps its row (revoked_at set), so the trail's rows that name it still resolve.
 */
export const m012ApiTokens: Migration = {
  version: 12,
  name: 'api tokens',
  up(db) {
    db.exec(`
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
        user_id TEXT NOT NULL REFERENCES users(id),
        token_hash BLOB NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        last_used_at TEXT,
        revoked_at TEXT
      ) STRICT;
    `);
  },
};
