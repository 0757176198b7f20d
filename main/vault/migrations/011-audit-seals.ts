import type { Migration } from './index';

/**
 * Seals for the audit trail (issue 13, finding 1). The hash chain alone proves nothing to
 * someone holding the vault key: they can rewrite a row and recompute every hash after it, and
 * `audit_head` with them. Each row now also gets a seal, an HMAC of its sequence number and hash
 * under a key the database does not hold (the audit anchor: a keychain entry of its own, or a
 * file of its own beside the key file; see audit-anchor.ts). Rewriting a row means forging its
 * seal, which takes the anchor, not the vault key. The sealed head (last sequence number and
 * hash) lives outside the database too, so rows cut off the end are noticed.
 *
 * Rows written before this migration have no seal: the anchor records from which row on it
 * seals, and Verify says so. Like the trail, seals are never updated or deleted by our code.
 */
export const m011AuditSeals: Migration = {
  version: 11,
  name: 'audit seals',
  up(db) {
    db.exec(`
      CREATE TABLE audit_seals (
        seq INTEGER PRIMARY KEY,
        mac BLOB NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
        BEGIN SELECT RAISE(ABORT, 'audit seals are append-only'); END;
      CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
        BEGIN SELECT RAISE(ABORT, 'audit seals are append-only'); END;
    `);
  },
};
