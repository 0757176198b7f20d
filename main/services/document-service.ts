import { randomUUID } from 'node:crypto';
import { FolioError, isFolioError } from '../../app/contract/errors';
import { MAX_LIST_DOCUMENTS, type ImportOutcome, type MethodInput, type MethodOutput } from '../../app/contract/methods';
import type { DocumentDetail, DocumentSummary, Word } from '../../app/model/document';
import { openPageSource, type DecodedPage } from '../imaging/decode';
import { logger } from '../log/logger';
import type { JobQueue } from '../pipeline/job-queue';
import type { DocumentStore } from '../vault/document-store';
import type { FieldStore } from '../vault/field-store';
import type { EventBus } from './event-bus';
import { toNewPage, type PagePipeline } from './page-pipeline';

const log = logger('documents');

export interface DocumentServiceDeps {
  store: DocumentStore;
  fields: FieldStore;
  pipeline: PagePipeline;
  queue: JobQueue;
  events: EventBus;
  now?: () => Date;
}

/** Import, review edits and approval of documents. Reading pages is the pipeline's job. */
export class DocumentService {
  private readonly now: () => Date;

  constructor(private readonly deps: DocumentServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async importFiles(input: MethodInput<'documents.import'>): Promise<MethodOutput<'documents.import'>> {
    const outcomes: ImportOutcome[] = [];
    // One bad file gets its own outcome; the rest of the batch carries on.
    for (const file of input.files) outcomes.push(await this.importFile(file.name, Buffer.from(file.dataBase64, 'base64')));
    return { outcomes };
  }

  /** One file, from wherever it came (a host's upload, the watch folder). Never throws. */
  async importFile(name: string, bytes: Buffer): Promise<ImportOutcome> {
    try {
      return { ok: true, name, documentId: await this.importOne(name, bytes) };
    } catch (error) {
      if (!isFolioError(error)) log.error('import failed unexpectedly', error);
      const failure = isFolioError(error)
        ? { code: error.code, message: error.message }
        : { code: 'internal' as const, message: 'The file could not be imported.' };
      return { ok: false, name, error: failure };
    }
  }

  /**
   * Checks the file and decodes its first page before anything is stored, so a file that is not
   * a readable document leaves nothing behind. Later pages are decoded by the pipeline, one at a
   * time: a 500-page PDF is never held decoded in memory.
   */
  private async importOne(name: string, bytes: Buffer): Promise<string> {
    const source = await openPageSource(bytes);
    let first: DecodedPage | null = null;
    let firstError: FolioError | null = null;
    try {
      first = await source.page(0);
    } catch (error) {
      // A single-page file that cannot be decoded is not a document; a long one keeps its other pages.
      if (source.pageCount === 1 || !isFolioError(error)) {
        await source.close();
        throw error;
      }
      firstError = error;
    }
    const id = randomUUID();
    const { store, pipeline } = this.deps;
    store.insertDocument({ id, name, format: source.format, pageCount: source.pageCount, original: bytes }, first ? [toNewPage(first)] : [], this.now().toISOString());
    if (first?.textLayer) store.savePageOcr(id, 0, { engine: 'pdf-text', words: first.textLayer });
    if (firstError) store.setPageStatus(id, 0, 'failed', { code: firstError.code, message: firstError.message });
    log.info('document imported', { pages: source.pageCount, format: source.format });
    this.deps.events.emit('pipeline.progress', { documentId: id, pageIndex: null, pageCount: source.pageCount, stage: 'queued', percent: 0 });

    const toRead = store.pageStatuses(id).flatMap((status, index) => (status === 'queued' ? [index] : []));
    if (toRead.length === 0) {
      await source.close();
      await pipeline.settleImported(id);
    } else {
      pipeline.adopt(id, source);
      for (const index of toRead) pipeline.enqueue(id, index);
    }
    return id;
  }

  list(input: MethodInput<'documents.list'> = {}): MethodOutput<'documents.list'> {
    const page = this.deps.store.list(input.filter ?? 'all', input.limit ?? MAX_LIST_DOCUMENTS, input.after);
    return { ...page, counts: this.deps.store.counts() };
  }

  get(documentId: string): DocumentDetail {
    const summary = this.deps.store.summary(documentId);
    if (!summary) throw new FolioError('not_found', 'That document does not exist.');
    const kind = this.deps.fields.kind(documentId);
    return {
      ...summary,
      pages: this.deps.store.pages(documentId),
      classification: kind.classification,
      kindOverridden: kind.overridden,
      fields: this.deps.fields.fields(documentId),
    };
  }

  pageImage(documentId: string, pageIndex: number): Buffer | null {
    return this.deps.store.pageImage(documentId, pageIndex);
  }

  /** Refuses changes to an approved or rejected document (a supervisor must reopen it first). */
  assertEditable(documentId: string): DocumentSummary {
    const summary = this.deps.store.summary(documentId);
    if (!summary) throw new FolioError('not_found', 'That document does not exist.');
    if (summary.status === 'approved' || summary.status === 'rejected') {
      throw new FolioError('conflict', `This document is ${summary.status}. A supervisor must reopen it before it can be changed.`);
    }
    return summary;
  }

  /** A document read to the end (or that could not be read) can be rejected; one still being read cannot. */
  reject(documentId: string): void {
    const summary = this.assertEditable(documentId);
    if (summary.status !== 'ready' && summary.status !== 'failed') {
      throw new FolioError('conflict', 'This document is still being read. Stop reading it or wait, then reject it.');
    }
    this.deps.store.reject(documentId);
  }

  updateWord(input: MethodInput<'words.update'>): Word {
    this.assertEditable(input.documentId);
    if (!this.deps.store.word(input.documentId, input.wordId)) throw new FolioError('not_found', 'That word does not exist.');
    this.deps.store.updateWordText(input.documentId, input.wordId, input.text.trim());
    return this.deps.store.word(input.documentId, input.wordId) as Word;
  }

  approve(input: MethodInput<'documents.approve'>): DocumentSummary {
    const summary = this.deps.store.summary(input.documentId);
    if (!summary) throw new FolioError('not_found', 'That document does not exist.');
    if (summary.status === 'approved') return summary;
    if (summary.status === 'rejected') throw new FolioError('conflict', 'This document is rejected. A supervisor must reopen it before it can be approved.');
    if (summary.status !== 'ready') {
      throw new FolioError('conflict', 'This document is still being read. Approve it when recognition has finished.');
    }
    // Each flagged field is either resolved or approved as it is, knowingly: a wrong value
    // approved with no question asked is how OCR errors reach a claim.
    const flagged = summary.fieldsToCheck - summary.fieldsInvalid;
    if (flagged > 0 && !input.acknowledgeFlagged) {
      throw new FolioError('conflict', `${flagged} field(s) are still to check or not found. Resolve them, or confirm that you approve the document as it is.`);
    }
    if (summary.fieldsInvalid > 0 && !(input.acknowledgeInvalid && input.overrideReason)) {
      throw new FolioError('conflict', `${summary.fieldsInvalid} field(s) failed a check. Correct them, or give the reason you approve them as they are.`);
    }
    this.deps.store.approve(input.documentId, this.now().toISOString());
    return this.deps.store.summary(input.documentId) as DocumentSummary;
  }

  /**
   * Marks one settled page of an editable document to be read again; the caller queues it
   * (`pipeline.enqueue`) once this and its audit row have committed.
   */
  markForReread(documentId: string, pageIndex: number): void {
    this.assertEditable(documentId);
    const page = this.deps.store.pageStatuses(documentId)[pageIndex];
    if (page === undefined) throw new FolioError('not_found', 'That page does not exist.');
    if (page === 'queued' || page === 'processing') throw new FolioError('conflict', 'This page is being read already.');
    // A born-digital page's words are the PDF's own text: a scan-reading engine could only do worse.
    if (this.deps.store.pageEngine(documentId, pageIndex) === 'pdf-text') {
      throw new FolioError('conflict', "This page's text comes from the PDF itself; there is nothing to read again.");
    }
    this.deps.store.setPageStatus(documentId, pageIndex, 'queued');
    this.deps.store.setDocumentStatus(documentId, 'processing');
  }

  cancel(documentId?: string): number {
    return this.deps.queue.cancel(documentId);
  }
}
