import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type VaultDatabase } from '../../../main/vault/database';
import { DocumentStore } from '../../../main/vault/document-store';
import { m001Documents } from '../../../main/vault/migrations/001-documents';
import { SCHEMA_VERSION } from '../../../main/vault/migrations/index';
import { SearchIndex } from '../../../main/vault/search-index';
import { openTestVault, randomKey, useTempDirs } from './vault-fixtures';

function addDocument(store: DocumentStore, id: string, pages: string[][]): void {
  store.insertDocument(
    { id, name: `${id}.png`, format: 'png', pageCount: pages.length, original: Buffer.from('original') },
    pages.map((_, index) => ({ index, width: 100, height: 100, dpi: 300, image: Buffer.from('page') })),
    '2025-03-01T09:00:00.000Z',
  );
  pages.forEach((words, pageIndex) => {
    store.savePageOcr(id, pageIndex, {
      engine: 'tesseract-cli',
      words: words.map((text, i) => ({ text, line: 0, confidence: 95, box: { x: i * 10, y: 0, width: 9, height: 9 } })),
    });
  });
}

describe('full-text search inside the encrypted vault', () => {
  const tempDir = useTempDirs();
  let db: VaultDatabase;
  let store: DocumentStore;
  let search: SearchIndex;

  beforeEach(() => {
    const vault = openTestVault(tempDir());
    db = vault.db;
    store = new DocumentStore(db, vault.blobs);
    search = new SearchIndex(db);
    addDocument(store, 'rx-1', [['Patient:', 'Margarethe', 'Zylinski', 'MRN', '448812'], ['Amoxicillin', '500', 'mg']]);
    addDocument(store, 'rx-2', [['Patient:', 'John', 'Smith', 'Lisinopril', '10', 'mg']]);
  });
  afterEach(() => db.close());

  it('finds OCR text by word, by phrase across words, and by prefix while typing', () => {
    expect(search.search('zylinski').map((hit) => [hit.documentId, hit.pageIndex])).toEqual([['rx-1', 0]]);
    expect(search.search('john smith').map((hit) => hit.documentId)).toEqual(['rx-2']);
    expect(search.search('amoxi').map((hit) => [hit.documentId, hit.pageIndex])).toEqual([['rx-1', 1]]);
    expect(search.search('mg').map((hit) => hit.documentId).sort()).toEqual(['rx-1', 'rx-2']);
    expect(search.search('margarethe')[0]?.snippet).toContain('[Margarethe]');
  });

  it('treats operators and quotes typed by a person as text, never as a syntax error', () => {
    for (const typed of ['"', 'NOT', 'AND OR', 'mrn:448812', 'zylinski*', '(', '-', '  ', 'NEAR(a b)']) {
      expect(() => search.search(typed)).not.toThrow();
    }
    expect(search.search('MRN: 448812').map((hit) => hit.documentId)).toEqual(['rx-1']);
    expect(search.search('   ')).toEqual([]);
  });

  it('follows corrections, re-OCR and deletion', () => {
    const word = db.prepare("SELECT id FROM words WHERE document_id = 'rx-2' AND text = 'Smith'").get() as { id: string };
    store.updateWordText('rx-2', word.id, 'Smyth');
    expect(search.search('smith')).toEqual([]);
    expect(search.search('smyth').map((hit) => hit.documentId)).toEqual(['rx-2']);

    store.savePageOcr('rx-1', 1, {
      engine: 'tesseract-cli',
      words: [{ text: 'Azithromycin', line: 0, confidence: 90, box: { x: 0, y: 0, width: 1, height: 1 } }],
    });
    expect(search.search('amoxicillin')).toEqual([]);
    expect(search.search('azithromycin').map((hit) => hit.documentId)).toEqual(['rx-1']);

    db.prepare("DELETE FROM documents WHERE id = 'rx-1'").run();
    expect(search.search('zylinski')).toEqual([]);
    expect(search.search('azithromycin')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM search_dirty').get()).toEqual({ n: 0 });
  });

  it('searches field values alongside OCR text, and replaces them on change', () => {
    search.setFieldText('rx-2', ['Lisinopril 10 mg tablet', 'Dr. Harriet Quimby']);
    expect(search.search('quimby')).toEqual([{ documentId: 'rx-2', pageIndex: null, snippet: expect.stringContaining('[Quimby]') }]);
    search.setFieldText('rx-2', ['Dr. Amelia Earhart']);
    expect(search.search('quimby')).toEqual([]);
  });
});

describe('schema migrations on an existing vault', () => {
  const tempDir = useTempDirs();

  it('brings a version-1 vault with OCR text up to date and indexes its pages', () => {
    const file = path.join(tempDir(), 'folio.db');
    const key = randomKey();
    const old = new Database(file);
    old.pragma(`cipher='sqlcipher'`);
    old.pragma('legacy=4');
    old.pragma(`key="x'${key.toString('hex')}'"`);
    old.transaction(() => {
      m001Documents.up(old, { blobDir: path.join(path.dirname(file), 'blobs') });
      old.pragma('user_version = 1');
    })();
    // Version 1's own tables, written as version 1 wrote them.
    old.prepare(`INSERT INTO documents (id, name, format, status, page_count, imported_at, original) VALUES ('legacy', 'legacy.png', 'png', 'ready', 1, '2025-03-01T09:00:00.000Z', x'00')`).run();
    old.prepare(`INSERT INTO pages (document_id, page_index, width, height, dpi, status, image) VALUES ('legacy', 0, 100, 100, 300, 'done', x'00')`).run();
    ['Quetiapine', '25', 'mg'].forEach((text, seq) =>
      old.prepare(`INSERT INTO words (id, document_id, page_index, seq, line, text, ocr_text, confidence, x, y, width, height) VALUES (?, 'legacy', 0, ?, 0, ?, ?, 95, 0, 0, 9, 9)`).run(`legacy:0:${seq}`, seq, text, text),
    );
    old.close();

    const db = openDatabase({ file, key });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(new SearchIndex(db).search('quetiapine').map((hit) => hit.documentId)).toEqual(['legacy']);
    db.close();
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });
});
