import type { DocumentDetail, DocumentStatus, DocumentSummary, Page, PageStatus, Word } from '../../app/model/document';
import type { ContractErrorShape } from '../../app/contract/errors';
import type { OcrEngineName } from '../../app/model/document';
import { WORD_CONFIDENT_MIN } from '../../app/confidence/words';
import type { VaultDatabase } from './database';

interface DocumentRow {
  id: string;
  name: string;
  status: DocumentStatus;
  page_count: number;
  imported_at: string;
  approved_at: string | null;
  words_to_check: number;
}

interface PageRow {
  page_index: number;
  width: number;
  height: number;
  status: PageStatus;
  engine: OcrEngineName | null;
  error_code: ContractErrorShape['code'] | null;
  error_message: string | null;
}

interface WordRow {
  id: string;
  page_index: number;
  line: number;
  text: string;
  ocr_text: string;
  confidence: number;
  x: number;
  y: number;
  width: number;
  height: number;
  edited: number;
}

export interface NewDocument {
  id: string;
  name: string;
  format: string;
  pageCount: number;
  original: Buffer;
}

export interface NewPage {
  index: number;
  width: number;
  height: number;
  dpi: number;
  image: Buffer;
}

export interface PageOcrResult {
  engine: OcrEngineName;
  words: Array<Omit<Word, 'id' | 'pageIndex' | 'edited' | 'ocrText'>>;
}

const SUMMARY_SELECT = `
  SELECT d.id, d.name, d.status, d.page_count, d.imported_at, d.approved_at,
    (SELECT count(*) FROM words w WHERE w.document_id = d.id AND w.edited = 0 AND w.confidence < ${WORD_CONFIDENT_MIN}) AS words_to_check
  FROM documents d`;

/** Documents, pages and words in the vault database. Short statements only: this runs on the main thread. */
export class DocumentStore {
  constructor(private readonly db: VaultDatabase) {}

  insertDocument(doc: NewDocument, pages: NewPage[], importedAt: string): void {
    const insertDoc = this.db.prepare(
      `INSERT INTO documents (id, name, format, status, page_count, imported_at, original)
       VALUES (@id, @name, @format, 'queued', @pageCount, @importedAt, @original)`,
    );
    const insertPage = this.db.prepare(
      `INSERT INTO pages (document_id, page_index, width, height, dpi, status, image)
       VALUES (?, ?, ?, ?, ?, 'queued', ?)`,
    );
    this.db.transaction(() => {
      insertDoc.run({ ...doc, importedAt });
      for (const page of pages) insertPage.run(doc.id, page.index, page.width, page.height, page.dpi, page.image);
    })();
  }

  list(): DocumentSummary[] {
    const rows = this.db.prepare(`${SUMMARY_SELECT} ORDER BY d.imported_at DESC, d.id`).all() as DocumentRow[];
    return rows.map(toSummary);
  }

  summary(id: string): DocumentSummary | null {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
    return row ? toSummary(row) : null;
  }

  detail(id: string): DocumentDetail | null {
    const summary = this.summary(id);
    if (!summary) return null;
    const pageRows = this.db
      .prepare(
        `SELECT page_index, width, height, status, engine, error_code, error_message
         FROM pages WHERE document_id = ? ORDER BY page_index`,
      )
      .all(id) as PageRow[];
    const wordRows = this.db
      .prepare(
        `SELECT id, page_index, line, text, ocr_text, confidence, x, y, width, height, edited
         FROM words WHERE document_id = ? ORDER BY page_index, seq`,
      )
      .all(id) as WordRow[];
    const pages: Page[] = pageRows.map((row) => ({
      index: row.page_index,
      width: row.width,
      height: row.height,
      status: row.status,
      engine: row.engine,
      error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
      words: [],
    }));
    for (const row of wordRows) pages[row.page_index]?.words.push(toWord(row));
    return { ...summary, pages };
  }

  pageImage(id: string, pageIndex: number): Buffer | null {
    const row = this.db.prepare('SELECT image FROM pages WHERE document_id = ? AND page_index = ?').get(id, pageIndex) as
      | { image: Buffer }
      | undefined;
    return row?.image ?? null;
  }

  pageForOcr(id: string, pageIndex: number): { image: Buffer; dpi: number } | null {
    const row = this.db.prepare('SELECT image, dpi FROM pages WHERE document_id = ? AND page_index = ?').get(id, pageIndex) as
      | { image: Buffer; dpi: number }
      | undefined;
    return row ?? null;
  }

  setDocumentStatus(id: string, status: DocumentStatus): void {
    this.db.prepare('UPDATE documents SET status = ? WHERE id = ?').run(status, id);
  }

  setPageStatus(id: string, pageIndex: number, status: PageStatus, error: ContractErrorShape | null = null): void {
    this.db
      .prepare('UPDATE pages SET status = ?, error_code = ?, error_message = ? WHERE document_id = ? AND page_index = ?')
      .run(status, error?.code ?? null, error?.message ?? null, id, pageIndex);
  }

  /** Stores a page's OCR words and marks it done, in one transaction, replacing any earlier run. */
  savePageOcr(id: string, pageIndex: number, result: PageOcrResult): void {
    const insert = this.db.prepare(
      `INSERT INTO words (id, document_id, page_index, seq, line, text, ocr_text, confidence, x, y, width, height)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM words WHERE document_id = ? AND page_index = ?').run(id, pageIndex);
      result.words.forEach((word, seq) => {
        const { x, y, width, height } = word.box;
        insert.run(`${id}:${pageIndex}:${seq}`, id, pageIndex, seq, word.line, word.text, word.text, word.confidence, x, y, width, height);
      });
      this.db
        .prepare(`UPDATE pages SET status = 'done', engine = ?, error_code = NULL, error_message = NULL WHERE document_id = ? AND page_index = ?`)
        .run(result.engine, id, pageIndex);
    })();
  }

  /** Pages not yet done, in documents not approved: what a restart must finish. */
  unfinishedPages(): Array<{ documentId: string; pageIndex: number }> {
    return this.db
      .prepare(
        `SELECT p.document_id AS documentId, p.page_index AS pageIndex FROM pages p
         JOIN documents d ON d.id = p.document_id
         WHERE p.status IN ('queued', 'processing') AND d.status != 'approved'
         ORDER BY d.imported_at, p.page_index`,
      )
      .all() as Array<{ documentId: string; pageIndex: number }>;
  }

  pageStatuses(id: string): PageStatus[] {
    return (this.db.prepare('SELECT status FROM pages WHERE document_id = ? ORDER BY page_index').all(id) as Array<{ status: PageStatus }>).map(
      (row) => row.status,
    );
  }

  word(documentId: string, wordId: string): Word | null {
    const row = this.db
      .prepare(
        `SELECT id, page_index, line, text, ocr_text, confidence, x, y, width, height, edited
         FROM words WHERE document_id = ? AND id = ?`,
      )
      .get(documentId, wordId) as WordRow | undefined;
    return row ? toWord(row) : null;
  }

  updateWordText(documentId: string, wordId: string, text: string): void {
    this.db
      .prepare('UPDATE words SET text = ?, edited = (? != ocr_text) WHERE document_id = ? AND id = ?')
      .run(text, text, documentId, wordId);
  }

  approve(id: string, approvedAt: string): void {
    this.db.prepare(`UPDATE documents SET status = 'approved', approved_at = ? WHERE id = ?`).run(approvedAt, id);
  }
}

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    pageCount: row.page_count,
    importedAt: row.imported_at,
    approvedAt: row.approved_at,
    wordsToCheck: row.words_to_check,
  };
}

function toWord(row: WordRow): Word {
  return {
    id: row.id,
    pageIndex: row.page_index,
    line: row.line,
    text: row.text,
    ocrText: row.ocr_text,
    confidence: row.confidence,
    box: { x: row.x, y: row.y, width: row.width, height: row.height },
    edited: row.edited === 1,
  };
}
