import { useEffect, useRef, useState } from 'react';
import type { flaggedCounts } from './review-attention';

/**
 * Asked before approving a document whose fields are not all resolved: how many, of which
 * kind, and, where a check failed, the reason for approving anyway (kept in the history).
 */
export function ApproveQuestion({
  counts,
  onApprove,
  onCancel,
}: {
  counts: ReturnType<typeof flaggedCounts>;
  onApprove: (overrideReason: string | undefined) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const needsReason = counts.invalid > 0;
  const ready = !needsReason || reason.trim().length >= 3;
  const parts = [
    counts.check > 0 ? `${counts.check} to check` : null,
    counts.missing > 0 ? `${counts.missing} not found` : null,
    counts.invalid > 0 ? `${counts.invalid} failed a check` : null,
  ].filter(Boolean);
  const approve = (): void => {
    if (ready) onApprove(needsReason ? reason.trim() : undefined);
  };
  return (
    <div
      className="notice error confirm approve-question"
      role="alertdialog"
      aria-label="Confirm approval"
      aria-describedby="approve-question-text"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id="approve-question-text">
        {counts.total} {counts.total === 1 ? 'field is' : 'fields are'} not resolved ({parts.join(', ')}). Approve the document as it is?
      </p>
      {needsReason && (
        <label className="override-reason">
          Why approve with a failed check (kept in the history)
          <input
            ref={first}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                approve();
              }
            }}
          />
        </label>
      )}
      <button ref={needsReason ? undefined : first} type="button" disabled={!ready} onClick={approve}>
        Approve anyway
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Go back
      </button>
    </div>
  );
}
