import { ReadingProgress } from '../queue/ReadingProgress';
import type { DocumentDetail } from '../../../../app/model/document';

/** The document's heading and its actions: page, read again, next to check, undo, reject, approve. */
export function ReviewToolbar({
  detail,
  pageIndex,
  toCheck,
  wordsToCheck,
  undoCount,
  redoCount,
  rejecting,
  onPage,
  onReread,
  onStop,
  onNextToCheck,
  onUndo,
  onRedo,
  onReject,
  onApprove,
  onHelp,
}: {
  detail: DocumentDetail;
  pageIndex: number;
  /** Fields still to check (the one count); words are counted apart, and only on the Text tab. */
  toCheck: number;
  wordsToCheck: number | null;
  undoCount: number;
  redoCount: number;
  rejecting: boolean;
  onPage: (index: number) => void;
  onReread: (() => void) | null;
  onStop: (() => void) | null;
  onNextToCheck: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onReject: () => void;
  onApprove: () => void;
  onHelp: () => void;
}) {
  const approved = detail.status === 'approved';
  const rejected = detail.status === 'rejected';
  const settled = approved || rejected;
  const rejectable = detail.status === 'ready' || detail.status === 'failed';
  const page = detail.pages[pageIndex];
  return (
    <div className="review-toolbar">
      <h2 className="review-title" tabIndex={-1}>
        {detail.name}
      </h2>
      <span className={`status status-${detail.status}`} data-testid="document-status">
        {approved ? 'Approved' : rejected ? 'Rejected' : detail.status === 'ready' ? 'To review' : detail.status === 'failed' ? 'Failed' : 'Reading…'}
      </span>
      {(detail.status === 'processing' || detail.status === 'queued') && detail.pages.length > 1 && (
        <ReadingProgress
          progress={{ read: detail.pages.filter((p) => p.status !== 'queued' && p.status !== 'processing').length, total: detail.pages.length }}
          name={detail.name}
        />
      )}
      {detail.pages.length > 1 && (
        <label>
          Page{' '}
          <select value={pageIndex} onChange={(event) => onPage(Number(event.target.value))} aria-keyshortcuts="PageDown PageUp Control+Home Control+End">
            {detail.pages.map((p) => (
              <option key={p.index} value={p.index}>
                {p.index + 1} of {detail.pages.length}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="engine">{page?.engine ? `Read by ${page.engine}` : ''}</span>
      {onReread && (
        <button type="button" onClick={onReread}>
          Read page again
        </button>
      )}
      {onStop && (
        <button type="button" onClick={onStop}>
          Stop reading
        </button>
      )}
      <button type="button" disabled={toCheck === 0} onClick={onNextToCheck} title="F8" aria-keyshortcuts="F8">
        Next to check ({toCheck})
      </button>
      {wordsToCheck !== null && <span className="muted small">{wordsToCheck} words read faintly</span>}
      {!settled && (
        <>
          <button type="button" disabled={undoCount === 0} onClick={onUndo} title="Ctrl+Z" aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" disabled={redoCount === 0} onClick={onRedo} title="Ctrl+Shift+Z" aria-keyshortcuts="Control+Shift+Z">
            Redo
          </button>
        </>
      )}
      {rejectable && !rejecting && (
        <button type="button" onClick={onReject} title="Alt+R" aria-keyshortcuts="Alt+R">
          Reject…
        </button>
      )}
      <button type="button" className="primary" disabled={settled || detail.status !== 'ready'} onClick={onApprove} title="Ctrl+Enter" aria-keyshortcuts="Control+Enter">
        {approved ? 'Approved' : 'Approve'}
      </button>
      <button type="button" onClick={onHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" aria-keyshortcuts="Shift+? F1">
        ?
      </button>
    </div>
  );
}
