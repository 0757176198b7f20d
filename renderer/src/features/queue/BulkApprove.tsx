import { useState } from 'react';
import type { DocumentSummary } from '../../../../app/model/document';
import { call } from '../../api/client';
import type { ImportNotice } from '../import/ImportControl';

/** A document the queue offers for approval without opening: read, and nothing left to check. */
export function isSettled(doc: DocumentSummary): boolean {
  return doc.status === 'ready' && doc.fieldsToCheck === 0;
}

/**
 * Approving the selected documents at once. The service approves only those whose every field
 * is sure or confirmed (each with its own audit row) and says why it left any other.
 */
export function BulkApprove({
  documents,
  selected,
  onSelect,
  onDone,
}: {
  documents: readonly DocumentSummary[];
  selected: ReadonlySet<string>;
  onSelect: (ids: ReadonlySet<string>) => void;
  onDone: (notice: ImportNotice) => void;
}) {
  const [busy, setBusy] = useState(false);
  const settled = documents.filter(isSettled);

  async function approve(): Promise<void> {
    setBusy(true);
    try {
      const { approved, skipped } = await call('documents.approveSettled', { documentIds: [...selected] });
      const left = skipped.length > 0 ? ` ${skipped.length} left for review: ${skipped[0]?.reason ?? ''}` : '';
      onDone({ ok: skipped.length === 0, text: `Approved ${approved.length} ${approved.length === 1 ? 'document' : 'documents'}.${left}` });
      onSelect(new Set());
    } catch (error) {
      onDone({ ok: false, text: error instanceof Error ? error.message : 'The documents could not be approved.' });
    } finally {
      setBusy(false);
    }
  }

  if (settled.length === 0 && selected.size === 0) return null;
  return (
    <div className="bulk-approve" role="group" aria-label="Approve several">
      {settled.length > 0 && (
        <button type="button" onClick={() => onSelect(new Set(settled.map((doc) => doc.id)))}>
          Select all with nothing to check ({settled.length})
        </button>
      )}
      {selected.size > 0 && (
        <>
          <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
            Approve selected ({selected.size})
          </button>
          <button type="button" onClick={() => onSelect(new Set())}>
            Clear selection
          </button>
        </>
      )}
    </div>
  );
}
