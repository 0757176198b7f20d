import type { DocumentStatus, DocumentSummary } from '../../../../app/model/document';

const STATUS_LABEL: Record<DocumentStatus, string> = {
  queued: 'Queued',
  processing: 'Reading…',
  ready: 'To review',
  failed: 'Failed',
  approved: 'Approved',
  rejected: 'Rejected',
};

export function QueueList({
  documents,
  selectedId,
  onSelect,
}: {
  documents: DocumentSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <nav className="queue" aria-label="Document queue">
      <h2>Queue</h2>
      {documents.length === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : (
        <ul>
          {documents.map((doc) => (
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
