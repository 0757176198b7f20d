import { FolioError, isFolioError, type ContractErrorShape } from '../../app/contract/errors';
import type { PipelineStage } from '../../app/contract/events';
import { openPageSource, type DecodedPage, type PageSource } from '../imaging/decode';
import { withFormFieldWords, type FormFieldWords } from '../imaging/pdf-form-fields';
import { logger } from '../log/logger';
import type { OcrEngine, OcrWord } from '../ocr/engine';
import { bestRegistration, readFormPage } from '../ocr/read-form-page';
import { recognizeDisplayedPage } from '../ocr/recognize-page';
import type { Word } from '../../app/model/document';
import type { FormTemplate } from '../../app/templates/template';
import type { JobQueue } from '../pipeline/job-queue';
import type { DocumentStore, NewPage } from '../vault/document-store';
import type { EventBus } from './event-bus';

const log = logger('pipeline');

export interface PagePipelineDeps {
  store: DocumentStore;
  /** The engine for the next page (settings can change it while the app runs). */
  engine: () => OcrEngine;
  /** The forms a page may be registered to (built-in and the site's own). */
  templates: () => readonly FormTemplate[];
  queue: JobQueue;
  events: EventBus;
  /** Runs once every page of a document has settled (done, failed or cancelled). */
  onDocumentRead(documentId: string): Promise<void>;
  /** Runs after each page is stored, while others may still be read (progressive fields). */
  onPageRead?(documentId: string): void;
}

interface OpenSource {
  source: Promise<PageSource>;
  /** Pages still to run; the source is closed when none remain. */
  pending: number;
}

/** OCR words in the model's shape, for registering a page to a template. */
function asPageWords(words: readonly OcrWord[]): Word[] {
  return words.map((w, i) => ({ id: String(i), pageIndex: 0, line: w.line, text: w.text, ocrText: w.text, confidence: w.confidence, box: w.box, edited: false }));
}

export function toNewPage(page: DecodedPage): NewPage {
  return { index: page.index, width: page.width, height: page.height, dpi: page.dpi, image: page.display };
}

/**
 * Reads documents page by page: decode (lazily, from the stored original), then the PDF text
 * layer or OCR, then store. At most `queue.concurrency` pages at once, whatever the batch size;
 * a failed page is marked with its reason and the rest carry on.
 */
export class PagePipeline {
  private readonly sources = new Map<string, OpenSource>();

  constructor(private readonly deps: PagePipelineDeps) {}

  /** Hands over a source already opened at import, so a long PDF is not parsed twice. */
  adopt(documentId: string, source: PageSource): void {
    this.sources.set(documentId, { source: Promise.resolve(source), pending: 0 });
  }

  enqueue(documentId: string, pageIndex: number): void {
    const open = this.sources.get(documentId);
    if (open) open.pending++;
    else this.sources.set(documentId, { source: this.openStored(documentId), pending: 1 });
    this.deps.queue.push({
      group: documentId,
      run: (signal) => this.readPage(documentId, pageIndex, signal),
      dropped: () => {
        this.deps.store.setPageStatus(documentId, pageIndex, 'cancelled', { code: 'cancelled', message: 'Reading this page was cancelled.' });
        this.release(documentId);
        void this.settle(documentId, pageIndex);
      },
    });
  }

  /** Puts back every page a crash or restart left unfinished; returns how many. */
  resumeUnfinished(): number {
    const unfinished = this.deps.store.unfinishedPages();
    for (const { documentId, pageIndex } of unfinished) {
      this.deps.store.setPageStatus(documentId, pageIndex, 'queued');
      this.enqueue(documentId, pageIndex);
    }
    // Documents whose pages were all read but which stopped before their fields were stored.
    const unsettled = this.deps.store.unsettledDocuments().filter((id) => !unfinished.some((page) => page.documentId === id));
    for (const documentId of unsettled) void this.settle(documentId, 0);
    if (unfinished.length + unsettled.length > 0) log.info('resumed unfinished work', { pages: unfinished.length, documents: unsettled.length });
    return unfinished.length;
  }

  /** Settles a document whose pages were all decided at import (one page, text layer or failed). */
  settleImported(documentId: string): Promise<void> {
    return this.settle(documentId, 0);
  }

  /** Async so that a missing or damaged original rejects, for the page that needs it to fail with. */
  private async openStored(documentId: string): Promise<PageSource> {
    const original = this.deps.store.original(documentId);
    if (!original) throw new FolioError('not_found', 'The document is gone.');
    return openPageSource(original);
  }

  private async readPage(documentId: string, pageIndex: number, signal: AbortSignal): Promise<void> {
    const { store } = this.deps;
    try {
      const stored = store.pageForOcr(documentId, pageIndex);
      if (!stored) return;
      store.setPageStatus(documentId, pageIndex, 'processing');
      if (store.summary(documentId)?.status === 'queued') store.setDocumentStatus(documentId, 'processing');
      let { image, dpi, width, height } = stored;
      if (!image) {
        this.progress(documentId, pageIndex, 'decode');
        const open = this.sources.get(documentId);
        const decoded = await (await (open?.source ?? this.openStored(documentId))).page(pageIndex);
        const textLayer = decoded.textLayer ? { engine: 'pdf-text' as const, words: decoded.textLayer } : null;
        store.savePageDecoded(documentId, toNewPage(decoded), textLayer);
        if (textLayer) {
          this.progress(documentId, pageIndex, 'page-done');
          return;
        }
        ({ display: image, dpi, width, height } = decoded);
      }
      if (signal.aborted) throw new FolioError('cancelled', 'Reading this page was cancelled.');
      this.progress(documentId, pageIndex, 'ocr');
      const engine = this.deps.engine();
      // A PDF form's typed values are exact: they replace each reading of their rendering, the
      // first one too, so the form is registered and its boxes found with the values in place.
      const typed = await this.formFieldWords(documentId, pageIndex, { width, height });
      const withTyped = (words: readonly OcrWord[]): OcrWord[] => (typed ? withFormFieldWords(words, typed) : [...words]);
      const templates = this.deps.templates();
      const size = { width, height };
      // A page a template registers to keeps the reading the template is read against; any
      // other page is read in the layout it calls for (a table or receipt a second time, as rows).
      const formApplies = (words: readonly OcrWord[]): boolean => templates.length > 0 && bestRegistration(asPageWords(withTyped(words)), size, templates) !== null;
      const result = await recognizeDisplayedPage(engine, { image, dpi }, { signal, formApplies });
      const first = withTyped(result.words);
      // A page of a known form is read a second time without the form's own ink.
      const form = await readFormPage(engine, { image, dpi, width, height }, first, templates, signal);
      store.savePageOcr(documentId, pageIndex, { engine: result.engine, words: form ? withTyped(form.words) : first });
      this.progress(documentId, pageIndex, 'page-done');
    } catch (error) {
      const failure: ContractErrorShape = isFolioError(error)
        ? { code: error.code, message: error.message }
        : { code: 'ocr_failed', message: 'This page could not be read.' };
      if (!isFolioError(error)) log.error('page failed unexpectedly', error);
      store.setPageStatus(documentId, pageIndex, failure.code === 'cancelled' ? 'cancelled' : 'failed', failure);
    } finally {
      this.release(documentId);
      await this.settle(documentId, pageIndex);
    }
  }

  /** The values of a PDF form's fields on the page, from the source its page was decoded from. */
  private async formFieldWords(documentId: string, pageIndex: number, size: { width: number; height: number }): Promise<FormFieldWords | null> {
    const open = this.sources.get(documentId);
    // A source that cannot be opened again (a damaged original) leaves the page its OCR words.
    const source = open ? await open.source.catch(() => null) : null;
    return (await source?.formFieldWords?.(pageIndex, size)) ?? null;
  }

  private release(documentId: string): void {
    const open = this.sources.get(documentId);
    if (!open) return;
    open.pending--;
    if (open.pending > 0) return;
    this.sources.delete(documentId);
    void open.source.then((source) => source.close()).catch(() => undefined);
  }

  private pagesRead(documentId: string): { read: number; percent: number } {
    const statuses = this.deps.store.pageStatuses(documentId);
    const read = statuses.filter((status) => status !== 'queued' && status !== 'processing').length;
    return { read, percent: statuses.length === 0 ? 100 : Math.round((read / statuses.length) * 100) };
  }

  private progress(documentId: string, pageIndex: number | null, stage: PipelineStage): void {
    const pageCount = this.deps.store.summary(documentId)?.pageCount ?? 0;
    const { read, percent } = this.pagesRead(documentId);
    this.deps.events.emit('pipeline.progress', { documentId, pageIndex, pageCount, stage, percent, pagesRead: read });
    if (stage === 'page-done') this.deps.onPageRead?.(documentId);
  }

  /** When no page is left to read: the document becomes reviewable and its fields are extracted. */
  private async settle(documentId: string, pageIndex: number): Promise<void> {
    const { store } = this.deps;
    const statuses = store.pageStatuses(documentId);
    if (statuses.some((status) => status === 'queued' || status === 'processing')) {
      this.progress(documentId, pageIndex, 'ocr');
      return;
    }
    const anyDone = statuses.includes('done');
    if (anyDone) {
      this.progress(documentId, null, 'extract');
      try {
        await this.deps.onDocumentRead(documentId);
      } catch (error) {
        // The words are still there to review; the fields can be extracted again by a re-read.
        log.error('field extraction failed', error);
      }
    }
    // Reviewable only once its fields exist: a crash before this point leaves the document
    // `processing`, and the next start settles it again (resumeUnfinished).
    const settled = store.summary(documentId)?.status;
    if (settled !== 'approved' && settled !== 'rejected') store.setDocumentStatus(documentId, anyDone ? 'ready' : 'failed');
    this.progress(documentId, null, anyDone ? 'done' : statuses.every((s) => s === 'cancelled') ? 'cancelled' : 'failed');
  }
}
