import type { Migration } from './index';

/**
 * Files taken in from the watch folder, by content hash: a scan is imported once, even when it
 * stays in the folder across restarts or is copied there again under another name.
 */
export const m006WatchFolder: Migration = {
  version: 6,
  name: 'watch folder imports',
  up(db) {
    db.exec(`
      CREATE TABLE watch_imports (
        sha256 TEXT PRIMARY KEY,
        document_id TEXT,
        outcome TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
