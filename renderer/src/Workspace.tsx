import { useCallback, useEffect, useState } from 'react';
import type { DocumentSummary } from '../../app/model/document';
import { call, folio } from './api/client';
import { ExportControl } from './features/export/ExportControl';
import { ImportControl, type ImportNotice } from './features/import/ImportControl';
import { QueueList } from './features/queue/QueueList';
import { SearchBox } from './features/search/SearchBox';
import { ReviewView } from './features/review/ReviewView';

/** The signed-in workstation: the queue and the review of one document. */
export function Workspace({ canReopen }: { canReopen: boolean }) {
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notices, setNotices] = useState<ImportNotice[]>([]);
  const [revision, setRevision] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async (): Promise<DocumentSummary[]> => {
    try {
      const { documents: list } = await call('documents.list', {});
      setDocuments(list);
      setLoadError(null);
      return list;
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : 'The queue could not be loaded.');
      return [];
    }
  }, []);

  /** After an approval or rejection, straight on to the next document waiting for review, if there is one. */
  const nextToReview = useCallback(async () => {
    const list = await refresh();
    const current = list.findIndex((doc) => doc.id === selectedId);
    const waiting = (doc: DocumentSummary): boolean => doc.status === 'ready' && doc.id !== selectedId;
    const next = list.slice(current + 1).find(waiting) ?? list.find(waiting);
    if (next) setSelectedId(next.id);
  }, [refresh, selectedId]);

  useEffect(() => {
    void refresh();
    // Progress arrives per page; the queue and the open document reload when a document settles.
    return folio.on('pipeline.progress', (event) => {
      if (event.stage === 'done' || event.stage === 'failed' || event.stage === 'queued' || event.stage === 'cancelled') {
        void refresh();
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
        <ExportControl documents={documents} onNotice={(notice) => setNotices([notice])} onExported={() => void refresh()} />
        <ImportControl onImported={onImported} />
      </div>
      {notices.length > 0 && (
        <ul className="notices" aria-live="polite">
          {notices.map((notice, index) => (
            <li key={index} className={notice.ok ? 'notice ok' : 'notice error'}>
              {notice.text}
            </li>
          ))}
        </ul>
      )}
      {loadError && <p className="notice error">{loadError}</p>}
      <main className="workspace">
        <div className="left-column">
          <SearchBox onOpen={setSelectedId} />
          <QueueList documents={documents} selectedId={selectedId} onSelect={setSelectedId} />
        </div>
        {selectedId ? (
          <ReviewView key={selectedId} documentId={selectedId} revision={revision} canReopen={canReopen} onChanged={() => void refresh()} onSignedOff={() => void nextToReview()} />
        ) : (
          <section className="empty-state">
            <p>Import a scanned page or PDF to start. You can also drop files anywhere on this window.</p>
          </section>
        )}
      </main>
    </>
  );
}
