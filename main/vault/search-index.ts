import type { VaultDatabase } from './database';

export interface SearchHit {
  documentId: string;
  /** Null for a hit in field values rather than a page's OCR text. */
  pageIndex: number | null;
  /** A short excerpt around the match, with `[` `]` around matched terms. PHI: show, never log. */
  snippet: string;
}

const MAX_QUERY_TERMS = 16;

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every term is
 * quoted (so `-`, `:`, `AND`, `*` typed by a person are text, not operators), terms are ANDed,
 * and the last one matches as a prefix, so results appear while typing.
 */
export function toFtsQuery(typed: string): string | null {
  const terms = typed
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return terms.map((term, i) => `"${term}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * Full-text search over OCR text, inside the encrypted database. Word writes only mark pages
 * dirty (triggers from migration 004); `refresh()` rebuilds those pages' rows. Call it after a
 * batch of writes (end of a page's OCR, a word edit), or let `search()` do it first.
 */
export class SearchIndex {
  constructor(private readonly db: VaultDatabase) {}

  /** Rebuilds every dirty page; returns how many. One transaction, so a search never sees half. */
  refresh(): number {
    const dirty = this.db.prepare('SELECT document_id, page_index FROM search_dirty').all() as Array<{
      document_id: string;
      page_index: number;
    }>;
    if (dirty.length === 0) return 0;
    const pageText = this.db.prepare(
      'SELECT group_concat(text, char(32)) AS body FROM (SELECT text FROM words WHERE document_id = ? AND page_index = ? ORDER BY seq)',
    );
    const removeRow = this.db.prepare("DELETE FROM search_text WHERE document_id = ? AND page_index = ? AND source = 'ocr'");
    const addRow = this.db.prepare("INSERT INTO search_text (document_id, page_index, source, body) VALUES (?, ?, 'ocr', ?)");
    const clean = this.db.prepare('DELETE FROM search_dirty WHERE document_id = ? AND page_index = ?');
    this.db
      .transaction(() => {
        for (const page of dirty) {
          const { body } = pageText.get(page.document_id, page.page_index) as { body: string | null };
          removeRow.run(page.document_id, page.page_index);
          // A page whose words are all gone (document deleted) simply leaves the index.
          if (body) addRow.run(page.document_id, page.page_index, body);
          clean.run(page.document_id, page.page_index);
        }
      })
      .immediate();
    return dirty.length;
  }

  /**
   * Field values for one document, as one row. Replaces what was there, so the caller passes
   * the document's current values after every change.
   */
  setFieldText(documentId: string, values: readonly string[]): void {
    this.db
      .transaction(() => {
        this.db.prepare("DELETE FROM search_text WHERE document_id = ? AND source = 'fields'").run(documentId);
        const body = values.filter((value) => value.trim().length > 0).join(' ');
        if (body) {
          this.db.prepare("INSERT INTO search_text (document_id, page_index, source, body) VALUES (?, NULL, 'fields', ?)").run(documentId, body);
        }
      })
      .immediate();
  }

  /**
   * Best matches first (bm25). Ranks first and builds snippets only for the rows returned:
   * inside one ORDER BY ... LIMIT statement SQLite would build a snippet for every match
   * before sorting, which for a common word is every document.
   */
  search(typed: string, limit = 50): SearchHit[] {
    this.refresh();
    const query = toFtsQuery(typed);
    if (query === null) return [];
    const ranked = this.db
      .prepare('SELECT rowid, document_id, page_index FROM search_text WHERE search_text MATCH ? ORDER BY bm25(search_text) LIMIT ?')
      .all(query, limit) as Array<{ rowid: number; document_id: string; page_index: number | null }>;
    const snippet = this.db.prepare(
      `SELECT snippet(search_text, 3, '[', ']', '…', 12) AS snippet FROM search_text WHERE search_text MATCH ? AND rowid = ?`,
    );
    return ranked.map((row) => ({
      documentId: row.document_id,
      pageIndex: row.page_index,
      snippet: (snippet.get(query, row.rowid) as { snippet: string } | undefined)?.snippet ?? '',
    }));
  }
}
