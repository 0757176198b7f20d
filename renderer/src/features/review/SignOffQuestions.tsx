import { ReasonBar } from './ReasonBar';

/**
 * The questions around signing a document off: the reason for rejecting or reopening it (each
 * kept in its history), and whether to read a page again over the person's word corrections.
 */
export function SignOffQuestions({
  asking,
  rejectable,
  reopenable,
  confirmingReread,
  onAsk,
  onReason,
  onReread,
}: {
  asking: 'reject' | 'reopen' | null;
  rejectable: boolean;
  /** Signed off, and the person may reopen it (a supervisor). */
  reopenable: boolean;
  /** How many corrected words a re-read would replace; null when not asking. */
  confirmingReread: number | null;
  onAsk: (question: 'reject' | 'reopen' | null) => void;
  onReason: (method: 'documents.reject' | 'documents.reopen', reason: string) => void;
  onReread: (confirmed: boolean) => void;
}) {
  return (
    <>
      {rejectable && asking === 'reject' && (
        <ReasonBar
          label="Reason for rejecting"
          placeholder="Why it cannot be used (illegible, wrong patient, duplicate…)"
          action="Reject"
          onSubmit={(reason) => onReason('documents.reject', reason)}
          onCancel={() => onAsk(null)}
        />
      )}
      {reopenable && asking !== 'reopen' && (
        <div className="reopen">
          <button type="button" onClick={() => onAsk('reopen')}>
            Reopen…
          </button>
        </div>
      )}
      {reopenable && asking === 'reopen' && (
        <ReasonBar label="Reason for reopening" placeholder="Why it needs another look" action="Reopen" onSubmit={(reason) => onReason('documents.reopen', reason)} onCancel={() => onAsk(null)} />
      )}
      {confirmingReread !== null && (
        <div className="notice error confirm" role="alertdialog" aria-label="Confirm reading again">
          {confirmingReread} corrected word(s) on this page will be replaced by the new reading (the history keeps them). Read it again?{' '}
          <button type="button" onClick={() => onReread(true)}>
            Read again
          </button>{' '}
          <button type="button" onClick={() => onReread(false)}>
            Keep my corrections
          </button>
        </div>
      )}
    </>
  );
}
