import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentDetail, Word } from '../../../../app/model/document';
import type { ReviewField } from '../../../../app/model/field';
import { wordConfidenceLevel } from '../../../../app/confidence/words';
import { call } from '../../api/client';
import { FieldsPanel } from './FieldsPanel';
import { FormMatch } from './FormMatch';
import { HistoryPanel } from './HistoryPanel';
import { LinesEditor } from './LinesEditor';
import { PageImage, type Highlight } from './PageImage';

type Tab = 'fields' | 'text' | 'history';

function focusInput(selector: string): void {
  document.querySelector<HTMLInputElement>(selector)?.focus();
}

/** One document: the page image beside its fields (or its recognised text), and Approve. */
export function ReviewView({
  documentId,
  revision,
  canReopen,
  onChanged,
  onSignedOff,
}: {
  documentId: string;
  revision: number;
  /** Supervisors may reopen an approved document (with a reason, kept in the audit trail). */
  canReopen: boolean;
  onChanged: () => void;
  /** Approved or rejected: the workspace moves on to the next document to review. */
  onSignedOff: () => void;
}) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pageIndex, setPageIndex] = useState(0);
  const [tab, setTab] = useState<Tab>('fields');
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [confirmingInvalid, setConfirmingInvalid] = useState(false);
  const [historyRevision, setHistoryRevision] = useState(0);
  const [reopenReason, setReopenReason] = useState<string | null>(null);
  const [rejectReason, setRejectReason] = useState<string | null>(null);
  /** Asking before a re-read replaces this many corrected words; null when not asking. */
  const [confirmingReread, setConfirmingReread] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await call('documents.get', { documentId }));
      setError(null);
    } catch (loadError) {
      setError(loadError instanceof Error ? loadError.message : 'The document could not be loaded.');
    }
  }, [documentId]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  const page = detail?.pages[pageIndex];
  const words = useMemo(() => page?.words ?? [], [page]);
  const fields = useMemo(() => detail?.fields ?? [], [detail]);
  const wordsToCheck = useMemo(() => words.filter((word) => !word.edited && wordConfidenceLevel(word.confidence) !== 'confident'), [words]);
  const fieldsToCheck = useMemo(() => fields.filter((field) => field.status === 'check' || field.status === 'invalid'), [fields]);

  const highlights: Highlight[] = useMemo(() => {
    if (tab === 'text') {
      return words.map((word) => ({ id: word.id, box: word.box, kind: 'word', level: word.edited ? 'edited' : wordConfidenceLevel(word.confidence) }));
    }
    return fields.flatMap((field) =>
      field.region && field.region.pageIndex === pageIndex
        ? [{ id: field.id, box: field.region.box, kind: 'field' as const, level: field.edited && field.status === 'confident' ? 'edited' : field.status }]
        : [],
    );
  }, [tab, words, fields, pageIndex]);

  const onWordSaved = useCallback(
    (saved: Word) => {
      setDetail((current) =>
        current && {
          ...current,
          pages: current.pages.map((p) => (p.index === saved.pageIndex ? { ...p, words: p.words.map((w) => (w.id === saved.id ? saved : w)) } : p)),
        },
      );
      onChanged();
    },
    [onChanged],
  );

  const onFieldsChanged = useCallback(
    (next: ReviewField[]) => {
      setDetail((current) => current && { ...current, fields: next, fieldsInvalid: next.filter((field) => field.status === 'invalid').length });
      onChanged();
    },
    [onChanged],
  );

  async function approve(acknowledgeInvalid: boolean): Promise<void> {
    if (!detail) return;
    const invalid = detail.fields.filter((field) => field.status === 'invalid').length;
    if (invalid > 0 && !acknowledgeInvalid) {
      setConfirmingInvalid(true);
      return;
    }
    setConfirmingInvalid(false);
    try {
      await call('documents.approve', { documentId, acknowledgeInvalid });
      await load();
      setHistoryRevision((value) => value + 1);
      onChanged();
      onSignedOff();
    } catch (approveError) {
      setError(approveError instanceof Error ? approveError.message : 'The document could not be approved.');
    }
  }

  /** Reopen or reject, each with the person's reason: the status changes and the history grows. */
  async function withReason(method: 'documents.reopen' | 'documents.reject', reason: string, done: () => void, failure: string): Promise<void> {
    try {
      await call(method, { documentId, reason });
      done();
      await load();
      setHistoryRevision((value) => value + 1);
      onChanged();
    } catch (changeError) {
      setError(changeError instanceof Error ? changeError.message : failure);
    }
  }
  const reopen = (): Promise<void> => withReason('documents.reopen', reopenReason ?? '', () => setReopenReason(null), 'The document could not be reopened.');
  const reject = (): Promise<void> =>
    withReason(
      'documents.reject',
      rejectReason ?? '',
      () => {
        setRejectReason(null);
        onSignedOff();
      },
      'The document could not be rejected.',
    );

  async function reread(confirmed: boolean): Promise<void> {
    const corrected = page?.words.filter((word) => word.edited).length ?? 0;
    if (corrected > 0 && !confirmed) {
      setConfirmingReread(corrected);
      return;
    }
    setConfirmingReread(null);
    try {
      await call('documents.reread', { documentId, pageIndex });
      await load();
      setHistoryRevision((value) => value + 1);
      onChanged();
    } catch (rereadError) {
      setError(rereadError instanceof Error ? rereadError.message : 'The page could not be read again.');
    }
  }

  function nextToCheck(): void {
    const list: Array<{ id: string; pageIndex: number }> =
      tab === 'fields' ? fieldsToCheck.map((field) => ({ id: field.id, pageIndex: field.region?.pageIndex ?? pageIndex })) : wordsToCheck;
    const current = list.findIndex((item) => item.id === focusedId);
    const next = list[(current + 1) % Math.max(1, list.length)];
    if (!next) return;
    setFocusedId(next.id);
    setPageIndex(next.pageIndex);
    focusInput(tab === 'fields' ? `#field-${CSS.escape(next.id)}` : `input[data-word-id="${CSS.escape(next.id)}"]`);
  }

  // The keys a reviewer's hands stay on: F8 (as in VS Code's next problem) and Ctrl+Enter.
  const keys = useRef<{ next: () => void; approve: () => void }>({ next: () => undefined, approve: () => undefined });
  keys.current = {
    next: nextToCheck,
    approve: () => {
      if (detail?.status === 'ready') void approve(false);
    },
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'F8') {
        event.preventDefault();
        keys.current.next();
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !isEditing(event.target)) {
        // Not from inside a field being typed in: its correction must be saved before anything is approved.
        event.preventDefault();
        keys.current.approve();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (error && !detail) return <section className="review"><p className="notice error">{error}</p></section>;
  if (!detail) return <section className="review"><p className="muted">Loading…</p></section>;

  const approved = detail.status === 'approved';
  const rejected = detail.status === 'rejected';
  /** Signed off either way: read-only until a supervisor reopens it. */
  const settled = approved || rejected;
  const rejectable = detail.status === 'ready' || detail.status === 'failed';
  const toCheckCount = tab === 'fields' ? fieldsToCheck.length : wordsToCheck.length;
  return (
    <section className="review" aria-label="Review">
      <div className="review-toolbar">
        <h2 className="review-title">{detail.name}</h2>
        <span className={`status status-${detail.status}`} data-testid="document-status">
          {approved ? 'Approved' : rejected ? 'Rejected' : detail.status === 'ready' ? 'To review' : detail.status === 'failed' ? 'Failed' : 'Reading…'}
        </span>
        {detail.pages.length > 1 && (
          <label>
            Page{' '}
            <select value={pageIndex} onChange={(event) => setPageIndex(Number(event.target.value))}>
              {detail.pages.map((p) => (
                <option key={p.index} value={p.index}>
                  {p.index + 1} of {detail.pages.length}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="engine">{page?.engine ? `Read by ${page.engine}` : ''}</span>
        {!settled && page && page.engine !== 'pdf-text' && (page.status === 'done' || page.status === 'failed' || page.status === 'cancelled') && (
          <button type="button" onClick={() => void reread(false)}>
            Read page again
          </button>
        )}
        {(detail.status === 'processing' || detail.status === 'queued') && (
          <button
            type="button"
            onClick={() =>
              void call('documents.cancel', { documentId })
                .then(load)
                .catch((cancelError: unknown) => setError(cancelError instanceof Error ? cancelError.message : 'Reading could not be stopped.'))
            }
          >
            Stop reading
          </button>
        )}
        <button type="button" disabled={toCheckCount === 0} onClick={nextToCheck} title="F8">
          Next to check ({toCheckCount})
        </button>
        {rejectable && rejectReason === null && (
          <button type="button" onClick={() => setRejectReason('')}>
            Reject…
          </button>
        )}
        <button type="button" className="primary" disabled={settled || detail.status !== 'ready'} onClick={() => void approve(false)} title="Ctrl+Enter">
          {approved ? 'Approved' : 'Approve'}
        </button>
      </div>
      {rejectable && rejectReason !== null && (
        <div className="reopen">
          <input
            placeholder="Why it cannot be used (illegible, wrong patient, duplicate…)"
            aria-label="Reason for rejecting"
            value={rejectReason}
            onChange={(event) => setRejectReason(event.target.value)}
          />
          <button type="button" disabled={rejectReason.trim().length < 3} onClick={() => void reject()}>
            Reject
          </button>
          <button type="button" onClick={() => setRejectReason(null)}>
            Cancel
          </button>
        </div>
      )}
      {settled && canReopen && (
        <div className="reopen">
          {reopenReason === null ? (
            <button type="button" onClick={() => setReopenReason('')}>
              Reopen…
            </button>
          ) : (
            <>
              <input placeholder="Why it needs another look" aria-label="Reason for reopening" value={reopenReason} onChange={(event) => setReopenReason(event.target.value)} />
              <button type="button" disabled={reopenReason.trim().length < 3} onClick={() => void reopen()}>
                Reopen
              </button>
            </>
          )}
        </div>
      )}
      {confirmingReread !== null && (
        <div className="notice error confirm" role="alertdialog" aria-label="Confirm reading again">
          {confirmingReread} corrected word(s) on this page will be replaced by the new reading (the history keeps them). Read it again?{' '}
          <button type="button" onClick={() => void reread(true)}>
            Read again
          </button>{' '}
          <button type="button" onClick={() => setConfirmingReread(null)}>
            Keep my corrections
          </button>
        </div>
      )}
      {confirmingInvalid && (
        <div className="notice error confirm" role="alertdialog" aria-label="Confirm approval">
          {detail.fields.filter((field) => field.status === 'invalid').length} field(s) failed a check. Approve the document as it is?{' '}
          <button type="button" onClick={() => void approve(true)}>
            Approve anyway
          </button>{' '}
          <button type="button" onClick={() => setConfirmingInvalid(false)}>
            Go back
          </button>
        </div>
      )}
      {error && <p className="notice error">{error}</p>}
      {page?.error && <p className="notice error">This page failed: {page.error.message}</p>}
      <FormMatch classification={detail.classification} />
      <div className="review-panes">
        {page && (
          <PageImage
            documentId={documentId}
            pageIndex={page.index}
            width={page.width}
            height={page.height}
            highlights={highlights}
            focusedId={focusedId}
            onSelect={(highlight) => {
              setFocusedId(highlight.id);
              focusInput(highlight.kind === 'field' ? `#field-${CSS.escape(highlight.id)}` : `input[data-word-id="${CSS.escape(highlight.id)}"]`);
            }}
          />
        )}
        <div className="side-panel">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'fields'} onClick={() => setTab('fields')}>
              Fields{fieldsToCheck.length > 0 ? ` (${fieldsToCheck.length} to check)` : ''}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'text'} onClick={() => setTab('text')}>
              Text
            </button>
            <button type="button" role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>
              History
            </button>
          </div>
          {tab === 'fields' ? (
            <FieldsPanel
              documentId={documentId}
              kind={detail.kind}
              kindConfidence={detail.kindOverridden ? null : (detail.classification?.confidence ?? null)}
              fields={fields}
              readOnly={settled}
              focusedFieldId={focusedId}
              onFocusField={setFocusedId}
              onFieldsChanged={onFieldsChanged}
              onKindChanged={() => void load()}
            />
          ) : tab === 'history' ? (
            <HistoryPanel documentId={documentId} revision={historyRevision} />
          ) : (
            <LinesEditor
              documentId={documentId}
              words={words}
              readOnly={settled}
              focusedWordId={focusedId}
              onFocusWord={setFocusedId}
              onSaved={onWordSaved}
            />
          )}
        </div>
      </div>
      <p className="legend">
        <span className="swatch level-check" /> check &nbsp; <span className="swatch level-invalid" /> failed a check &nbsp;
        <span className="swatch level-edited" /> corrected — anything without a mark was read with high confidence and passed its checks.
      </p>
    </section>
  );
}

function isEditing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
}
