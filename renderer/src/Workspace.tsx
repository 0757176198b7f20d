import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSummary, QueueCounts, QueueFilter } from '../../app/model/document';
import { MAX_LIST_DOCUMENTS } from '../../app/contract/methods';
import { call, folio } from './api/client';
import { ExportControl } from './features/export/ExportControl';
import { ImportControl, type ImportNotice } from './features/import/ImportControl';
import { BulkApprove } from './features/queue/BulkApprove';
import { QueueList } from './features/queue/QueueList';
import type { PagesRead } from './features/queue/ReadingProgress';
import { SearchBox } from './features/search/SearchBox';
import { ReviewView } from './features/review/ReviewView';
import { reviewResume } from './features/review/review-resume';

/** Documents fetched per page of the queue. */
const QUEUE_PAGE = 200;

/** The signed-in workstation: the queue and the review of one document. */
export function Workspace({ canReopen }: { canReopen: boolean }) {
  const [filter, setFilter] = useState<QueueFilter>('open');
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  const [more, setMore] = useState(false);
  /** How many the person has paged in, so a refresh keeps what "Show more" opened. */
  const loaded = useRef(QUEUE_PAGE);
  // After a lock, the document that was open opens again (the review puts the cursor back on its field).
  const [selectedId, setSelectedId] = useState<string | null>(() => reviewResume.documentId());
  const [notices, setNotices] = useState<ImportNotice[]>([]);
  /** Documents ticked in the queue for approving at once. */
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  /** Pages read so far of each document being read, from the pipeline's progress. */
  const [reading, setReading] = useState<ReadonlyMap<string, PagesRead>>(new Map());
  /** A search hit opens its document on the hit's page. */
  const [openPage, setOpenPage] = useState<{ pageIndex: number; key: number } | null>(null);
  const [revision, setRevision] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const page = await call('documents.list', { filter, limit: Math.min(MAX_LIST_DOCUMENTS, Math.max(QUEUE_PAGE, loaded.current)) });
      setDocuments(page.documents);
      setCounts(page.counts);
      setMore(page.more);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'The queue could not be loaded.');
    }
  }, [filter]);

  const showMore = useCallback(async (): Promise<void> => {
    const last = documents[documents.length - 1];
    if (!last) return;
    try {
      const page = await call('documents.list', { filter, limit: QUEUE_PAGE, after: { importedAt: last.importedAt, id: last.id } });
      loaded.current = documents.length + page.documents.length;
      setDocuments([...documents, ...page.documents]);
      setMore(page.more);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'The queue could not be loaded.');
    }
  }, [documents, filter]);

  const changeFilter = useCallback((next: QueueFilter) => {
    loaded.current = QUEUE_PAGE;
    setFilter(next);
  }, []);

  /**
   * After an approval or rejection, straight on to the next document waiting for review: the
   * next one down the queue (older), else the newest one waiting.
   */
  const nextToReview = useCallback(async () => {
    const current = documents.find((doc) => doc.id === selectedId);
    void refresh();
    const waiting = async (after?: DocumentSummary): Promise<DocumentSummary | undefined> => {
      const page = await call('documents.list', { filter: 'open', limit: QUEUE_PAGE, ...(after ? { after: { importedAt: after.importedAt, id: after.id } } : {}) });
      return page.documents.find((doc) => doc.status === 'ready' && doc.id !== selectedId);
    };
    try {
      const next = (current ? await waiting(current) : undefined) ?? (await waiting());
      if (next) setSelectedId(next.id);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'The queue could not be loaded.');
    }
  }, [documents, refresh, selectedId]);

  useEffect(() => {
    void refresh();
    // Progress arrives per page; the queue and the open document reload when a document settles.
    return folio.on('pipeline.progress', (event) => {
      const settled = event.stage === 'done' || event.stage === 'failed' || event.stage === 'cancelled';
      if (event.pagesRead !== undefined && event.pageCount > 1 && !settled) {
        setReading((current) => new Map(current).set(event.documentId, { read: event.pagesRead ?? 0, total: event.pageCount }));
      }
      if (settled || event.stage === 'queued') {
        void refresh();
        setRevision((value) => value + 1);
      } else if (event.stage === 'fields') {
        // The fields of the pages read so far: the open document shows them as they come.
        setRevision((value) => value + 1);
      } else if (event.stage === 'page-done' && event.pageIndex === 0) {
        // The first page is reviewable while the rest of a long document is still being read.
        setRevision((value) => value + 1);
      }
    });
  }, [refresh]);

  const onImported = useCallback(
    (importedIds: string[], newNotices: ImportNotice[]) => {
      setNotices(newNotices);
      void refresh();
      if (importedIds[0]) setSelectedId(importedIds[0]);
    },
    [refresh],
  );

  return (
    <>
      <div className="toolbar-row">
        {documents.some((doc) => doc.status === 'queued' || doc.status === 'processing') && (
          <button type="button" onClick={() => void call('documents.cancel', {}).then(refresh, refresh)}>
            Stop reading all
          </button>
        )}
        <ExportControl counts={counts} onNotice={(notice) => setNotices([notice])} onExported={() => void refresh()} />
        <ImportControl onImported={onImported} />
      </div>
      {notices.length > 0 && (
        <ul className="notices" aria-live="polite">
          {notices.map((notice, index) => (
            <li key={index} className={notice.ok ? 'notice ok' : 'notice error'}>
              <span>{notice.text}</span>
              <button type="button" className="notice-dismiss" aria-label="Dismiss this notice" onClick={() => setNotices((current) => current.filter((_, at) => at !== index))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {loadError && <p className="notice error">{loadError}</p>}
      <div className="workspace">
        <div className="left-column">
          <SearchBox
            onOpen={(documentId, pageIndex) => {
              setSelectedId(documentId);
              setOpenPage(pageIndex === null ? null : { pageIndex, key: Date.now() });
            }}
          />
          <QueueList
            documents={documents}
            counts={counts}
            filter={filter}
            onFilter={changeFilter}
            more={more}
            onMore={() => void showMore()}
            selectedId={selectedId}
            onSelect={setSelectedId}
            picked={picked}
            onPick={setPicked}
            reading={reading}
          />
          <BulkApprove
            documents={documents}
            selected={picked}
            onSelect={setPicked}
            onDone={(notice) => {
              setNotices([notice]);
              void refresh();
            }}
          />
        </div>
        {selectedId ? (
          <ReviewView key={selectedId} documentId={selectedId} openPage={openPage} revision={revision} canReopen={canReopen} onChanged={() => void refresh()} onSignedOff={() => void nextToReview()} />
        ) : (
          <section className="empty-state">
            <p>Import a scanned page or PDF to start. You can also drop files anywhere on this window.</p>
          </section>
        )}
      </div>
    </>
  );
}
