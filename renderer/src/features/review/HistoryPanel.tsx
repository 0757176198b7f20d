import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../../app/contract/audit';
import { call } from '../../api/client';

/** The document's audit trail: who imported, viewed, changed and approved it, and when. */
export function HistoryPanel({ documentId, revision }: { documentId: string; revision: number }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('documents.history', { documentId })
      .then((result) => live && setEntries(result.entries))
      .catch((loadError: unknown) => live && setError(loadError instanceof Error ? loadError.message : 'The history could not be loaded.'));
    return () => {
      live = false;
    };
  }, [documentId, revision]);

  if (error) return <p className="notice error">{error}</p>;
  if (!entries) return <p className="muted history">Loading…</p>;
  // Views are many and say little; the changes are what a supervisor looks for.
  const shown = entries.filter((entry) => entry.kind !== 'view');
  return (
    <ol className="history" aria-label="Document history">
      {shown.map((entry) => (
        <HistoryItem key={entry.seq} entry={entry} />
      ))}
      <li className="muted">{entries.length - shown.length} views not listed.</li>
    </ol>
  );
}

/** One audit row: when, who, what, and the document it is about where the list spans documents. */
export function HistoryItem({ entry, documentName }: { entry: HistoryEntry; documentName?: string | null }) {
  return (
    <li data-kind={entry.kind}>
      <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
      <span className="history-actor">{entry.actor ?? 'Folio'}</span>
      <span>{entry.summary}</span>
      {documentName && <span className="muted">{documentName}</span>}
    </li>
  );
}
