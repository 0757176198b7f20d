import { randomUUID } from 'node:crypto';
import { FolioError, isFolioError } from '../../app/contract/errors';
import type { ImportOutcome, MethodInput, MethodOutput } from '../../app/contract/methods';
import type { DocumentDetail, DocumentSummary, Word } from '../../app/model/document';
import { openPageSource } from '../imaging/decode';
import { logger } from '../log/logger';
import type { OcrEngine } from '../ocr/engine';
import { recognizeDisplayedPage } from '../ocr/recognize-page';
import type { JobQueue } from '../pipeline/job-queue';
import type { DocumentStore, NewPage } from '../vault/document-store';
import type { EventBus } from './event-bus';

const log = logger('documents');

export interface DocumentServiceDeps {
  store: DocumentStore;
  engine: OcrEngine;
  queue: JobQueue;
  events: EventBus;
  now?: () => Date;
}

/** Import, OCR scheduling, review edits and approval of documents. */
export class DocumentService {
  private readonly now: () => Date;

  constructor(private readonly deps: DocumentServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async importFiles(input: MethodInput<'documents.import'>): Promise<MethodOutput<'documents.import'>> {
    const outcomes: ImportOutcome[] = [];
    for (const file of input.files) {
      // One bad file gets its own outcome; the rest of the batch carries on.
      try {
        const documentId = await this.importOne(file.name, Buffer.from(file.dataBase64, 'base64'));
        outcomes.push({ ok: true, name: file.name, documentId });
      } catch (error) {
        const failure = isFolioError(error)
          ? { code: error.code, message: error.message }
          : { code: 'internal' as const, message: 'The file could not be imported.' };
        if (!isFolioError(error)) log.error('import failed unexpectedly', error);
        outcomes.push({ ok: false, name: file.name, error: failure });
      }
    }
    return { outcomes };
  }

  /** Decodes every page before anything is stored, so a failed import leaves nothing behind. */
  private async importOne(name: string, bytes: Buffer): Promise<string> {
    const source = await openPageSource(bytes);
    const pages: NewPage[] = [];
    for (let index = 0; index < source.pageCount; index++) {
      const page = await source.page(index);
      pages.push({ index, width: page.width, height: page.height, dpi: page.dpi, image: page.display });
    }
    const id = randomUUID();
    this.deps.store.insertDocument(
      { id, name, format: source.format, pageCount: pages.length, original: bytes },
      pages,
      this.now().toISOString(),
    );
    log.info('document imported', { pages: pages.length, format: source.format });
    this.deps.events.emit('pipeline.progress', { documentId: id, pageIndex: null, pageCount: pages.length, stage: 'queued', percent: 0 });
    for (const page of pages) this.enqueueOcr(id, page.index, pages.length);
    return id;
  }

  /** Puts back every page a crash or restart left unfinished. */
  resumeUnfinished(): number {
    const unfinished = this.deps.store.unfinishedPages();
    for (const { documentId, pageIndex } of unfinished) {
      const pageCount = this.deps.store.summary(documentId)?.pageCount ?? 0;
      this.deps.store.setPageStatus(documentId, pageIndex, 'queued');
      this.enqueueOcr(documentId, pageIndex, pageCount);
    }
    if (unfinished.length > 0) log.info('resumed unfinished pages', { pages: unfinished.length });
    return unfinished.length;
  }

  private enqueueOcr(documentId: string, pageIndex: number, pageCount: number): void {
    this.deps.queue.push({
      group: documentId,
      run: (signal) => this.recognizePage(documentId, pageIndex, pageCount, signal),
    });
  }

  private async recognizePage(documentId: string, pageIndex: number, pageCount: number, signal: AbortSignal): Promise<void> {
    const { store, engine, events } = this.deps;
    const page = store.pageForOcr(documentId, pageIndex);
    if (!page) return;
    store.setPageStatus(documentId, pageIndex, 'processing');
    store.setDocumentStatus(documentId, 'processing');
    events.emit('pipeline.progress', { documentId, pageIndex, pageCount, stage: 'ocr', percent: this.percentDone(documentId) });
    try {
      const result = await recognizeDisplayedPage(engine, page, { signal });
      store.savePageOcr(documentId, pageIndex, { engine: result.engine, words: result.words });
    } catch (error) {
      const failure = isFolioError(error)
        ? { code: error.code, message: error.message }
        : { code: 'ocr_failed' as const, message: 'This page could not be read.' };
      store.setPageStatus(documentId, pageIndex, failure.code === 'cancelled' ? 'cancelled' : 'failed', failure);
      log.warn('page failed', { code: failure.code });
    }
    this.settleDocument(documentId, pageIndex, pageCount);
  }

  private percentDone(documentId: string): number {
    const statuses = this.deps.store.pageStatuses(documentId);
    const finished = statuses.filter((status) => status !== 'queued' && status !== 'processing').length;
    return statuses.length === 0 ? 100 : Math.round((finished / statuses.length) * 100);
  }

  private settleDocument(documentId: string, pageIndex: number, pageCount: number): void {
    const statuses = this.deps.store.pageStatuses(documentId);
    const percent = this.percentDone(documentId);
    if (statuses.some((status) => status === 'queued' || status === 'processing')) {
      this.deps.events.emit('pipeline.progress', { documentId, pageIndex, pageCount, stage: 'ocr', percent });
      return;
    }
    const anyDone = statuses.includes('done');
    if (this.deps.store.summary(documentId)?.status !== 'approved') {
      this.deps.store.setDocumentStatus(documentId, anyDone ? 'ready' : 'failed');
    }
    this.deps.events.emit('pipeline.progress', { documentId, pageIndex, pageCount, stage: anyDone ? 'done' : 'failed', percent: 100 });
  }

  list(): DocumentSummary[] {
    return this.deps.store.list();
  }

  get(documentId: string): DocumentDetail {
    const detail = this.deps.store.detail(documentId);
    if (!detail) throw new FolioError('not_found', 'That document does not exist.');
    return detail;
  }

  pageImage(documentId: string, pageIndex: number): Buffer | null {
    return this.deps.store.pageImage(documentId, pageIndex);
  }

  updateWord(input: MethodInput<'words.update'>): Word {
    const summary = this.deps.store.summary(input.documentId);
    if (!summary) throw new FolioError('not_found', 'That document does not exist.');
    if (summary.status === 'approved') {
      throw new FolioError('conflict', 'This document is approved. Reopen it before changing words.');
    }
    if (!this.deps.store.word(input.documentId, input.wordId)) throw new FolioError('not_found', 'That word does not exist.');
    this.deps.store.updateWordText(input.documentId, input.wordId, input.text.trim());
    return this.deps.store.word(input.documentId, input.wordId) as Word;
  }

  approve(documentId: string): DocumentSummary {
    const summary = this.deps.store.summary(documentId);
    if (!summary) throw new FolioError('not_found', 'That document does not exist.');
    if (summary.status === 'approved') return summary;
    if (summary.status !== 'ready') {
      throw new FolioError('conflict', 'This document is still being read. Approve it when recognition has finished.');
    }
    this.deps.store.approve(documentId, this.now().toISOString());
    return this.deps.store.summary(documentId) as DocumentSummary;
  }

  cancel(documentId?: string): void {
    this.deps.queue.cancel(documentId);
  }
}
