import type { Migration } from './index';

/**
 * Extracted fields and the document kind. A field row keeps the whole extracted field as JSON
 * (validated on read) so the field model can grow without a migration per attribute; `edited`
 * marks values the person typed, which re-extraction must never overwrite.
 */
export const m005FieldsAndKind: Migration = {
  version: 5,
  name: 'fields and document kind',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN classification TEXT;
      ALTER TABLE documents ADD COLUMN kind TEXT;
      ALTER TABLE documents ADD COLUMN kind_overridden INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE fields (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        data TEXT NOT NULL,
        edited INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, id)
      ) STRICT;
      CREATE INDEX fields_by_document ON fields(document_id, seq);
    `);
  },
};
