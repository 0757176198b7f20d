import type { Migration } from './index';

/**
 * The queue's counts per document (words still to check, fields flagged) read every word and
 * field row of every document: 2,000 read documents took 250 ms to list, on the main thread, at
 * every refresh. A partial index holds only the unsure, unedited words (a few per page), and the
 * field index carries the status, so each count is a short index scan. The queue is paged
 * newest first, from an index in that order.
 *
 * 85 is WORD_CONFIDENT_MIN (app/confidence/words.ts) as this migration shipped; SQLite uses the
 * index only while the listing's threshold is the same literal. If the threshold moves, a new
 * migration rebuilds it (tests/integration/vault/queue-indexes.test.ts fails until then).
 */
export const m009QueueIndexes: Migration = {
  version: 9,
  name: 'queue indexes',
  up(db) {
    db.exec(`
      CREATE INDEX words_to_check ON words(document_id) WHERE edited = 0 AND confidence < 85;
      CREATE INDEX fields_by_status ON fields(document_id, status);
      CREATE INDEX documents_by_import ON documents(imported_at DESC, id);
    `);
  },
};
