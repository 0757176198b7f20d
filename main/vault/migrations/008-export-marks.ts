import type { Migration } from './index';

/**
 * When an approved document was last exported since its approval, kept on the document: the
 * queue shows it and the next export leaves it out by default. The audit trail holds every
 * export; reading it back for each document of a 10,000-document queue cost 22 ms a listing.
 * Existing vaults are filled in from the trail, by the same rule.
 */
export const m008ExportMarks: Migration = {
  version: 8,
  name: 'export marks',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN exported_at TEXT;
      UPDATE documents SET exported_at = (
        SELECT max(e.at) FROM audit_events e
         WHERE e.document_id = documents.id AND e.kind = 'export'
           AND e.seq > (SELECT max(a.seq) FROM audit_events a WHERE a.document_id = documents.id AND a.kind = 'approve')
      ) WHERE status = 'approved';
    `);
  },
};
