import type { KeyboardEvent } from 'react';
import { ReadingProgress, type PagesRead } from './ReadingProgress';
import type { DocumentStatus, DocumentSummary, QueueCounts, QueueFilter } from '../../../../app/model/document';

const STATUS_LABEL: Record<DocumentStatus, string> = {
  queued: 'Queued',
  processing: 'Reading…',
  ready: 'To review',
  failed: 'Failed',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** The queue opens on the work still to do; signed-off work is a click away. */
const FILTERS: ReadonlyArray<{ filter: QueueFilter; label: string }> = [
  { filter: 'open', label: 'To do' },
  { filter: 'approved', label: 'Approved' },
  { filter: 'rejected', label: 'Rejected' },
  { filter: 'all', label: 'All' },
];

/**
 * Up and Down (Home, End) move along the queue, Enter opens, x selects for approving at once:
 * the queue is worked from the keyboard like the review.
 */
function moveInQueue(event: KeyboardEvent<HTMLUListElement>, onToggle: (id: string) => void): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.queue-item')];
  const at = items.findIndex((item) => item === document.activeElement);
  if (at < 0) return;
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
  if (to !== undefined) {
    event.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
  } else if (event.key === 'x' && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const id = items[at]?.dataset.documentId;
    if (id) onToggle(id);
  }
}

/** One page of the queue at a time (newest first): a vault of months holds tens of thousands of documents. */
export function QueueList({
  documents,
  counts,
  filter,
  onFilter,
  more,
  onMore,
  selectedId,
  onSelect,
  picked,
  onPick,
  reading,
}: {
  documents: DocumentSummary[];
  counts: QueueCounts | null;
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  more: boolean;
  onMore: () => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Documents ticked for approving at once. */
  picked: ReadonlySet<string>;
  onPick: (ids: ReadonlySet<string>) => void;
  /** Pages read so far of the documents being read. */
  reading: ReadonlyMap<string, PagesRead>;
}) {
  const toggle = (id: string): void => {
    const next = new Set(picked);
    if (!next.delete(id)) next.add(id);
    onPick(next);
  };
  return (
    <nav className="queue" aria-label="Document queue">
      <h2>Queue</h2>
      <div className="queue-filters" role="tablist" aria-label="Show">
        {FILTERS.map((candidate) => (
          <button key={candidate.filter} type="button" role="tab" aria-selected={filter === candidate.filter} onClick={() => onFilter(candidate.filter)}>
            {candidate.label} ({counts?.[candidate.filter] ?? 0})
          </button>
        ))}
      </div>
      {counts?.all === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : documents.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : (
        <ul aria-label="Documents (Up and Down to move, x to select)" onKeyDown={(event) => moveInQueue(event, toggle)}>
          {documents.map((doc) => (
            <li key={doc.id} className="queue-row">
              <input type="checkbox" className="queue-pick" aria-label={`Select ${doc.name}`} checked={picked.has(doc.id)} onChange={() => toggle(doc.id)} />
              <button
                type="button"
                data-document-id={doc.id}
                className={doc.id === selectedId ? 'queue-item selected' : 'queue-item'}
                aria-current={doc.id === selectedId}
                onClick={() => onSelect(doc.id)}
              >
                <span className="queue-name">{doc.name}</span>
                <span className={`status status-${doc.status}`}>{STATUS_LABEL[doc.status]}</span>
                <span className="queue-meta">
                  {doc.pageCount} {doc.pageCount === 1 ? 'page' : 'pages'}
                  {doc.status === 'ready' && doc.fieldsToCheck > 0 && ` · ${doc.fieldsToCheck} ${doc.fieldsToCheck === 1 ? 'field' : 'fields'} to check`}
                  {doc.status === 'ready' && doc.wordsToCheck > 0 && ` · ${doc.wordsToCheck} faint ${doc.wordsToCheck === 1 ? 'word' : 'words'}`}
                  {doc.exportedAt !== null && ' · exported'}
                  {(doc.status === 'processing' || doc.status === 'queued') && reading.has(doc.id) && (
                    <>
                      {' · '}
                      <ReadingProgress progress={reading.get(doc.id) as PagesRead} name={doc.name} />
                    </>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" className="queue-more" onClick={onMore}>
          Show more
        </button>
      )}
    </nav>
  );
}
