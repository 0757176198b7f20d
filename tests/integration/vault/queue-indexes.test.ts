import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORD_CONFIDENT_MIN } from '../../../app/confidence/words';
import { openDatabase } from '../../../main/vault/database';
import { SUMMARY_SELECT } from '../../../main/vault/document-store';
import { randomKey, useTempDirs } from './vault-fixtures';

// The queue is listed at every refresh, on the main thread. Its counts per document must come
// from the indexes migration 9 made: without them 2,000 read documents took 250 ms to list
// (measured; 8 ms with them). This holds the listing to its query plan, not to a stopwatch.
describe('the queue listing reads its counts from indexes (real encrypted vault)', () => {
  const tempDir = useTempDirs();

  it('counts words to check through the partial index, and flagged fields through the status index', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'folio.db'), key: randomKey() });
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${SUMMARY_SELECT}`).all() as Array<{ detail: string }>).map((row) => row.detail);
      // The partial index only serves the literal it was built with.
      expect(WORD_CONFIDENT_MIN, 'the word threshold moved: add a migration rebuilding words_to_check').toBe(85);
      expect(plan.some((step) => /SEARCH w USING (COVERING )?INDEX words_to_check\b/.test(step)), plan.join('\n')).toBe(true);
      expect(plan.filter((step) => /SEARCH f USING (COVERING )?INDEX fields_by_status\b/.test(step)).length, plan.join('\n')).toBe(2);
      expect(plan.some((step) => /SCAN (w|f)\b/.test(step)), plan.join('\n')).toBe(false);
    } finally {
      db.close();
    }
  });
});
