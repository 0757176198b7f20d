import type { DocumentStatus, DocumentSummary, Page, PageStatus, QueueCounts, QueueFilter, Word } from '../../app/model/document';
import type { ContractErrorShape } from '../../app/contract/errors';
import type { OcrEngineName } from '../../app/model/document';
import { ATTENTION_STATUSES, type DocumentKind } from '../../app/model/field';
import { WORD_CONFIDENT_MIN } from '../../app/confidence/words';
import type { BlobRow, BlobStore } from './blob-store';
import { statementCache, type VaultDatabase } from './database';

interface DocumentRow {
  id: string;
  name: string;
  status: DocumentStatus;
  page_count: number;
  imported_at: string;
  approved_at: string | null;
  exported_at: string | null;
  words_to_check: number;
  fields_to_check: number;
  fields_invalid: number;
  kind: DocumentKind | null;
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

/** A decoded page. Pages not decoded at import are stored empty (0 × 0) and filled in by the pipeline. */
export interface NewPage {
  index: number;
  width: number;
  height: number;
  dpi: number;
  image: Buffer;
}

const UNDECODED: Omit<NewPage, 'index'> = { width: 0, height: 0, dpi: 0, image: Buffer.alloc(0) };

export interface PageOcrResult {
  engine: OcrEngineName;
  words: Array<Omit<Word, 'id' | 'pageIndex' | 'edited' | 'ocrText'>>;
}

const WORD_COLUMNS = 'id, page_index, line, text, ocr_text, confidence, x, y, width, height, edited';

const FILTER_SQL: Record<QueueFilter, string> = {
  open: `d.status NOT IN ('approved', 'rejected')`,
  approved: `d.status = 'approved'`,
  rejected: `d.status = 'rejected'`,
  all: '',
};

/** The queue listing: exported so a test can hold it to its indexes (migration 9). */
export const SUMMARY_SELECT = `
  SELECT d.id, d.name, d.status, d.page_count, d.imported_at, d.approved_at,
    (SELECT count(*) FROM words w WHERE w.document_id = d.id AND w.edited = 0 AND w.confidence < ${WORD_CONFIDENT_MIN}) AS words_to_check,
    (SELECT count(*) FROM fields f WHERE f.document_id = d.id AND f.status IN (${ATTENTION_STATUSES.map((status) => `'${status}'`).join(', ')})) AS fields_to_check,
    (SELECT count(*) FROM fields f WHERE f.document_id = d.id AND f.status = 'invalid') AS fields_invalid,
    d.kind, d.exported_at
  FROM documents d`;

/**
 * Documents, pages and words in the vault database; originals and page images in its blob
 * files (their rows name them). Short statements only: this runs on the main thread.
 */
export class DocumentStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: VaultDatabase,
    private readonly blobs: BlobStore,
  ) {
    this.sql = statementCache(db);
  }

  /** Stores the document with every page row; `decoded` holds the pages already decoded. */
  insertDocument(doc: NewDocument, decoded: NewPage[], importedAt: string): void {
    const insertDoc = this.sql(
      `INSERT INTO documents (id, name, format, status, page_count, imported_at, original, original_blob)
       VALUES (?, ?, ?, 'queued', ?, ?, x'', ?)`,
    );
    const insertPage = this.sql(
      `INSERT INTO pages (document_id, page_index, width, height, dpi, status, image, image_blob)
       VALUES (?, ?, ?, ?, ?, 'queued', x'', ?)`,
    );
    this.db.transaction(() => {
      const withImage = decoded.filter((page) => page.image.length > 0);
      const [originalBlob, ...imageBlobs] = this.blobs.putAll([doc.original, ...withImage.map((page) => page.image)]);
      const blobOfPage = new Map(withImage.map((page, i) => [page.index, imageBlobs[i] as string]));
      insertDoc.run(doc.id, doc.name, doc.format, doc.pageCount, importedAt, originalBlob);
      for (let index = 0; index < doc.pageCount; index++) {
        const page = decoded.find((candidate) => candidate.index === index) ?? { ...UNDECODED, index };
        insertPage.run(doc.id, index, page.width, page.height, page.dpi, blobOfPage.get(index) ?? null);
      }
    })();
  }

  /** An undecoded page has no image yet, and no blob. */
  private imageBlob(image: Buffer): string | null {
    return image.length > 0 ? (this.blobs.putAll([image])[0] as string) : null;
  }

  /** Newest first; `after` is the last document of the page before. Asks for one more than `limit` to know if more follow. */
  list(filter: QueueFilter = 'all', limit = 1000, after?: { importedAt: string; id: string }): { documents: DocumentSummary[]; more: boolean } {
    const where = [FILTER_SQL[filter], after ? '(d.imported_at < @importedAt OR (d.imported_at = @importedAt AND d.id > @id))' : ''].filter(Boolean);
    const rows = this.sql(`${SUMMARY_SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.imported_at DESC, d.id LIMIT @limit`).all({
      limit: limit + 1,
      ...(after ?? {}),
    }) as DocumentRow[];
    return { documents: rows.slice(0, limit).map(toSummary), more: rows.length > limit };
  }

  counts(): QueueCounts {
    const rows = this.sql(`SELECT status, count(*) AS n, sum(exported_at IS NULL) AS unexported FROM documents GROUP BY status`).all() as Array<{
      status: DocumentStatus;
      n: number;
      unexported: number;
    }>;
    const of = (status: DocumentStatus): number => rows.find((row) => row.status === status)?.n ?? 0;
    const all = rows.reduce((sum, row) => sum + row.n, 0);
    return {
      open: all - of('approved') - of('rejected'),
      approved: of('approved'),
      rejected: of('rejected'),
      all,
      exportPending: rows.find((row) => row.status === 'approved')?.unexported ?? 0,
    };
  }

  summary(id: string): DocumentSummary | null {
    const row = this.sql(`${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
    return row ? toSummary(row) : null;
  }

  /** Pages with their words, for the review view. */
  pages(id: string): Page[] {
    const pageRows = this.sql(
      `SELECT page_index, width, height, status, engine, error_code, error_message
       FROM pages WHERE document_id = ? ORDER BY page_index`,
    ).all(id) as PageRow[];
    const pages: Page[] = pageRows.map((row) => ({
      index: row.page_index,
      width: row.width,
      height: row.height,
      status: row.status,
      engine: row.engine,
      error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
      words: [],
    }));
    for (const word of this.words(id)) pages[word.pageIndex]?.words.push(word);
    return pages;
  }

  pageImage(id: string, pageIndex: number): Buffer | null {
    return this.pageForOcr(id, pageIndex)?.image ?? null;
  }

  /** The stored page for recognition; `image` is null when the page has not been decoded yet. */
  pageForOcr(id: string, pageIndex: number): { image: Buffer | null; dpi: number; width: number; height: number } | null {
    // The blob's key comes with the page row: one query per image shown, not two.
    const row = this.sql(
      `SELECT p.dpi, p.width, p.height, p.image_blob, b.id, b.key, b.bytes FROM pages p LEFT JOIN blobs b ON b.id = p.image_blob
       WHERE p.document_id = ? AND p.page_index = ?`,
    ).get(id, pageIndex) as ({ dpi: number; width: number; height: number; image_blob: string | null } & Partial<BlobRow>) | undefined;
    if (!row) return null;
    const size = { dpi: row.dpi, width: row.width, height: row.height };
    if (!row.image_blob) return { image: null, ...size };
    // A page naming a blob its table lacks reads as missing, never as a page still to decode.
    const image = row.id && row.key && row.bytes !== undefined ? this.blobs.read({ id: row.id, key: row.key, bytes: row.bytes }) : this.blobs.get(row.image_blob);
    return { image, ...size };
  }

  setPageImage(id: string, page: NewPage): void {
    this.db.transaction(() => {
      this.sql('UPDATE pages SET width = ?, height = ?, dpi = ?, image_blob = ? WHERE document_id = ? AND page_index = ?')
        .run(page.width, page.height, page.dpi, this.imageBlob(page.image), id, page.index);
    })();
  }

  /** A decoded page and, for born-digital pages, its text layer as the page's words: one transaction. */
  savePageDecoded(id: string, page: NewPage, textLayer: PageOcrResult | null): void {
    this.db.transaction(() => {
      this.setPageImage(id, page);
      if (textLayer) this.savePageOcr(id, page.index, textLayer);
    })();
  }

  format(id: string): string | null {
    const row = this.sql('SELECT format FROM documents WHERE id = ?').get(id) as { format: string } | undefined;
    return row?.format ?? null;
  }

  original(id: string): Buffer | null {
    const row = this.sql('SELECT original_blob FROM documents WHERE id = ?').get(id) as { original_blob: string | null } | undefined;
    return row?.original_blob ? this.blobs.get(row.original_blob) : null;
  }

  /** Every word of the document in reading order, for field extraction. */
  words(id: string): Word[] {
    const rows = this.sql(
      `SELECT ${WORD_COLUMNS} FROM words WHERE document_id = ? ORDER BY page_index, seq`,
    ).all(id) as WordRow[];
    return rows.map(toWord);
  }

  setDocumentStatus(id: string, status: DocumentStatus): void {
    this.sql('UPDATE documents SET status = ? WHERE id = ?').run(status, id);
  }

  setPageStatus(id: string, pageIndex: number, status: PageStatus, error: ContractErrorShape | null = null): void {
    this.sql('UPDATE pages SET status = ?, error_code = ?, error_message = ? WHERE document_id = ? AND page_index = ?')
      .run(status, error?.code ?? null, error?.message ?? null, id, pageIndex);
  }

  /** Stores a page's OCR words and marks it done, in one transaction, replacing any earlier run. */
  savePageOcr(id: string, pageIndex: number, result: PageOcrResult): void {
    const insert = this.sql(
      `INSERT INTO words (id, document_id, page_index, seq, line, text, ocr_text, confidence, x, y, width, height)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      this.sql('DELETE FROM words WHERE document_id = ? AND page_index = ?').run(id, pageIndex);
      result.words.forEach((word, seq) => {
        const { x, y, width, height } = word.box;
        insert.run(`${id}:${pageIndex}:${seq}`, id, pageIndex, seq, word.line, word.text, word.text, word.confidence, x, y, width, height);
      });
      this.sql(`UPDATE pages SET status = 'done', engine = ?, error_code = NULL, error_message = NULL WHERE document_id = ? AND page_index = ?`)
        .run(result.engine, id, pageIndex);
    })();
  }

  /** Pages not yet done, in documents not approved or rejected: what a restart must finish. */
  unfinishedPages(): Array<{ documentId: string; pageIndex: number }> {
    return this.sql(
      `SELECT p.document_id AS documentId, p.page_index AS pageIndex FROM pages p
       JOIN documents d ON d.id = p.document_id
       WHERE p.status IN ('queued', 'processing') AND d.status NOT IN ('approved', 'rejected')
       ORDER BY d.imported_at, p.page_index`,
    ).all() as Array<{ documentId: string; pageIndex: number }>;
  }

  /** Documents still marked queued or processing: after a crash, some have every page read already. */
  unsettledDocuments(): string[] {
    return (this.sql(`SELECT id FROM documents WHERE status IN ('queued', 'processing') ORDER BY imported_at`).all() as Array<{ id: string }>).map(
      (row) => row.id,
    );
  }

  /** The engine that read a page, or null while it has not been read. */
  pageEngine(id: string, pageIndex: number): OcrEngineName | null {
    return ((this.sql('SELECT engine FROM pages WHERE document_id = ? AND page_index = ?').get(id, pageIndex) as { engine: OcrEngineName | null } | undefined)?.engine ?? null);
  }

  pageStatuses(id: string): PageStatus[] {
    return (this.sql('SELECT status FROM pages WHERE document_id = ? ORDER BY page_index').all(id) as Array<{ status: PageStatus }>).map(
      (row) => row.status,
    );
  }

  word(documentId: string, wordId: string): Word | null {
    const row = this.sql(
      `SELECT ${WORD_COLUMNS} FROM words WHERE document_id = ? AND id = ?`,
    ).get(documentId, wordId) as WordRow | undefined;
    return row ? toWord(row) : null;
  }

  updateWordText(documentId: string, wordId: string, text: string): void {
    this.sql('UPDATE words SET text = ?, edited = (? != ocr_text) WHERE document_id = ? AND id = ?').run(text, text, documentId, wordId);
  }

  /** Back to review after a supervisor's reopen: the approval or rejection is withdrawn, the audit trail keeps it. */
  reopen(id: string): void {
    this.sql(`UPDATE documents SET status = 'ready', approved_at = NULL, exported_at = NULL WHERE id = ? AND status IN ('approved', 'rejected')`).run(id);
  }

  reject(id: string): void {
    this.sql(`UPDATE documents SET status = 'rejected', approved_at = NULL, exported_at = NULL WHERE id = ?`).run(id);
  }

  approve(id: string, approvedAt: string): void {
    this.sql(`UPDATE documents SET status = 'approved', approved_at = ?, exported_at = NULL WHERE id = ?`).run(approvedAt, id);
  }

  /** An export of the approved document, stamped with the same time as its audit rows. */
  markExported(id: string, exportedAt: string): void {
    this.sql(`UPDATE documents SET exported_at = ? WHERE id = ? AND status = 'approved'`).run(exportedAt, id);
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
    exportedAt: row.exported_at,
    wordsToCheck: row.words_to_check,
    fieldsToCheck: row.fields_to_check,
    fieldsInvalid: row.fields_invalid,
    kind: row.kind,
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
