import type { Migration } from './index';

export const m001Documents: Migration = {
  version: 1,
  name: 'documents, pages and words',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        status TEXT NOT NULL,
        page_count INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        approved_at TEXT,
        original BLOB NOT NULL
      ) STRICT;
      CREATE TABLE pages (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        dpi REAL NOT NULL,
        status TEXT NOT NULL,
        engine TEXT,
        error_code TEXT,
        error_message TEXT,
        image BLOB NOT NULL,
        PRIMARY KEY (document_id, page_index)
      ) STRICT;
      CREATE TABLE words (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL,
        page_index INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        line INTEGER NOT NULL,
        text TEXT NOT NULL,
        ocr_text TEXT NOT NULL,
        confidence REAL NOT NULL,
        x REAL NOT NULL, y REAL NOT NULL, width REAL NOT NULL, height REAL NOT NULL,
        edited INTEGER NOT NULL DEFAULT 0,
        FOREIGN KEY (document_id, page_index) REFERENCES pages(document_id, page_index) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX words_by_page ON words(document_id, page_index, seq);
    `);
  },
};
