import { useState } from 'react';
import type { DocumentStatus, DocumentSummary } from '../../../../app/model/document';

const STATUS_LABEL: Record<DocumentStatus, string> = {
  queued: 'Queued',
  processing: 'Reading…',
  ready: 'To review',
  failed: 'Failed',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** What the queue shows: the work still open by default, signed-off work a click away. */
type QueueFilter = 'open' | 'approved' | 'rejected' | 'all';
const FILTERS: ReadonlyArray<{ filter: QueueFilter; label: string; matches: (status: DocumentStatus) => boolean }> = [
  { filter: 'open', label: 'To do', matches: (status) => status !== 'approved' && status !== 'rejected' },
  { filter: 'approved', label: 'Approved', matches: (status) => status === 'approved' },
  { filter: 'rejected', label: 'Rejected', matches: (status) => status === 'rejected' },
  { filter: 'all', label: 'All', matches: () => true },
];

export function QueueList({
  documents,
  selectedId,
  onSelect,
}: {
  documents: DocumentSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const [filter, setFilter] = useState<QueueFilter>('open');
  const matches = FILTERS.find((candidate) => candidate.filter === filter)?.matches ?? (() => true);
  const shown = documents.filter((doc) => matches(doc.status));
  return (
    <nav className="queue" aria-label="Document queue">
      <h2>Queue</h2>
      <div className="queue-filters" role="tablist" aria-label="Show">
        {FILTERS.map((candidate) => (
          <button key={candidate.filter} type="button" role="tab" aria-selected={filter === candidate.filter} onClick={() => setFilter(candidate.filter)}>
            {candidate.label} ({documents.filter((doc) => candidate.matches(doc.status)).length})
          </button>
        ))}
      </div>
      {documents.length === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : shown.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : (
        <ul>
          {shown.map((doc) => (
            <li key={doc.id}>
              <button
                type="button"
                className={doc.id === selectedId ? 'queue-item selected' : 'queue-item'}
                aria-current={doc.id === selectedId}
                onClick={() => onSelect(doc.id)}
              >
                <span className="queue-name">{doc.name}</span>
                <span className={`status status-${doc.status}`}>{STATUS_LABEL[doc.status]}</span>
                <span className="queue-meta">
                  {doc.pageCount} {doc.pageCount === 1 ? 'page' : 'pages'}
                  {doc.status === 'ready' && doc.wordsToCheck > 0 && ` · ${doc.wordsToCheck} to check`}
                  {doc.exportedAt !== null && ' · exported'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
