import type { Migration } from './index';

/**
 * The audit trail. Rows are hash-chained (see audit-log.ts); the triggers refuse UPDATE and
 * DELETE so no code path of ours can rewrite history by mistake. Someone holding the key can
 * still drop the triggers, which is what the chain and `verify()` are for. `audit_head` keeps
 * the last sequence number and hash, so cutting rows off the end is noticed too.
 */
export const m003AuditTrail: Migration = {
  version: 3,
  name: 'audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT,
        kind TEXT NOT NULL,
        document_id TEXT,
        details TEXT NOT NULL,
        prev_hash BLOB NOT NULL,
        hash BLOB NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_document ON audit_events(document_id, seq) WHERE document_id IS NOT NULL;
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash BLOB NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    `);
  },
};
