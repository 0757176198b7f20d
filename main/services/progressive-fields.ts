import { logger } from '../log/logger';
import type { DocumentStore } from '../vault/document-store';
import type { EventBus } from './event-bus';
import type { FieldService } from './field-service';

const log = logger('pipeline');

/** A page that is neither waiting nor being read. */
const settledPage = (status: string): boolean => status !== 'queued' && status !== 'processing';

/**
 * Fields of a long document as its pages are read: after each page, the fields of the pages
 * read so far are extracted and stored, so a 60-page claim is reviewed from its first page
 * instead of after the last. One extraction per document at a time: a page read during one
 * asks for one more after it, and the whole document's extraction waits for any still running,
 * so a late partial result never overwrites the final one.
 */
export class ProgressiveFields {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(private readonly deps: { fields: FieldService; store: DocumentStore; events: EventBus }) {}

  /** A page of the document is stored; others may still be waiting. */
  pageRead(documentId: string): void {
    if ((this.deps.store.summary(documentId)?.pageCount ?? 0) < 2) return;
    if (this.running.has(documentId)) {
      this.again.add(documentId);
      return;
    }
    const run = this.partial(documentId)
      .catch((error: unknown) => log.error('progressive field extraction failed', error))
      .finally(() => this.running.delete(documentId));
    this.running.set(documentId, run);
  }

  /** Every page has settled: the whole document's fields, after any partial extraction ends. */
  async documentRead(documentId: string): Promise<void> {
    this.again.delete(documentId);
    await this.running.get(documentId);
    await this.deps.fields.analyse(documentId);
  }

  private async partial(documentId: string): Promise<void> {
    do {
      this.again.delete(documentId);
      const statuses = this.deps.store.pageStatuses(documentId);
      // Once every page has settled, the whole document's extraction follows (documentRead).
      if (this.deps.store.summary(documentId)?.status !== 'processing' || statuses.every(settledPage)) return;
      await this.deps.fields.analyse(documentId);
      const read = this.deps.store.pageStatuses(documentId).filter(settledPage).length;
      this.deps.events.emit('pipeline.progress', {
        documentId,
        pageIndex: null,
        pageCount: statuses.length,
        stage: 'fields',
        percent: statuses.length === 0 ? 100 : Math.round((read / statuses.length) * 100),
        pagesRead: read,
      });
    } while (this.again.has(documentId));
  }
}
