import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { writeSealedBlob } from '../blob-store';
import { syncDirectory } from '../durable-files';
import type { Migration } from './index';

/**
 * Originals and page images move out of the database into AES-256-GCM files, one random key
 * per file kept in the new `blobs` table (main/vault/blob-store.ts says why). The old BLOB
 * columns stay (SQLite cannot drop a NOT NULL column without rebuilding the table) and are
 * emptied; their bytes are moved here, inside the migration's transaction. A file written for
 * a transaction that then rolls back is named by no row and swept on a later start.
 *
 * The SQL is this migration's own, not BlobStore's, so later changes to the store cannot
 * change what version 7 did.
 */
export const m007BlobFiles: Migration = {
  version: 7,
  name: 'originals and page images in encrypted files',
  up(db, context) {
    db.exec(`
      CREATE TABLE blobs (
        id TEXT PRIMARY KEY,
        key BLOB NOT NULL,
        bytes INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE documents ADD COLUMN original_blob TEXT REFERENCES blobs(id);
      ALTER TABLE pages ADD COLUMN image_blob TEXT REFERENCES blobs(id);
    `);
    const addBlob = db.prepare('INSERT INTO blobs (id, key, bytes) VALUES (?, ?, ?)');
    const move = (bytes: Buffer): string => {
      const id = randomBytes(16).toString('hex');
      const key = randomBytes(32);
      writeSealedBlob(context.blobDir, id, key, bytes);
      addBlob.run(id, key, bytes.length);
      return id;
    };
    // One row at a time: a vault's originals together can be far larger than memory.
    const original = db.prepare('SELECT original FROM documents WHERE id = ?').pluck();
    const setOriginal = db.prepare(`UPDATE documents SET original_blob = ?, original = x'' WHERE id = ?`);
    for (const id of db.prepare('SELECT id FROM documents').pluck().all() as string[]) {
      setOriginal.run(move(original.get(id) as Buffer), id);
    }
    const image = db.prepare('SELECT image FROM pages WHERE document_id = ? AND page_index = ?').pluck();
    const setImage = db.prepare(`UPDATE pages SET image_blob = ?, image = x'' WHERE document_id = ? AND page_index = ?`);
    const decoded = db.prepare('SELECT document_id, page_index FROM pages WHERE length(image) > 0').all() as Array<{ document_id: string; page_index: number }>;
    for (const page of decoded) setImage.run(move(image.get(page.document_id, page.page_index) as Buffer), page.document_id, page.page_index);
    if (fs.existsSync(context.blobDir)) syncDirectory(context.blobDir);
  },
};
