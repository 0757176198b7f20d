import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Box, DocumentDetail, Word } from '../../../../app/model/document';
import type { ReviewField } from '../../../../app/model/field';
import { wordConfidenceLevel } from '../../../../app/confidence/words';
import { statusReasons } from '../../../../app/confidence/status-reason';
import { call } from '../../api/client';
import { ApproveQuestion } from './ApproveQuestion';
import type { CapturedText, FieldCommit } from './FieldRow';
import { FieldsPanel } from './FieldsPanel';
import { FormMatch } from './FormMatch';
import { HistoryPanel } from './HistoryPanel';
import { LinesEditor } from './LinesEditor';
import { fieldInputSelector, fieldsToCheck, flaggedCounts, focusSoon, nextFieldToCheck } from './review-attention';
import { reviewResume } from './review-resume';
import { ReviewPages } from './ReviewPages';
import { ReviewToolbar } from './ReviewToolbar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SignOffQuestions } from './SignOffQuestions';
import { useFieldEditing } from './use-field-editing';
import { useReviewKeys } from './use-review-keys';
import { readRegion } from './region-reading';
import type { PageViewCommands } from './viewer/use-page-view';

type Tab = 'fields' | 'text' | 'history';

const message = (error: unknown, fallback: string): string => (error instanceof Error ? error.message : fallback);

/** One document: the page viewer beside its fields (or its recognised text, or its history), and sign-off. */
export function ReviewView({
  documentId,
  openPage,
  revision,
  canReopen,
  onChanged,
  onSignedOff,
}: {
  documentId: string;
  /** Show this page (a search hit's); `key` changes with each hit opened. */
  openPage?: { pageIndex: number; key: number } | null;
  revision: number;
  /** Supervisors may reopen an approved document (with a reason, kept in the audit trail). */
  canReopen: boolean;
  onChanged: () => void;
  /** Approved or rejected: the workspace moves on to the next document to review. */
  onSignedOff: () => void;
}) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pageIndex, setPageIndex] = useState(openPage?.pageIndex ?? 0);
  const [tab, setTab] = useState<Tab>('fields');
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [historyRevision, setHistoryRevision] = useState(0);
  const [approving, setApproving] = useState<ReturnType<typeof flaggedCounts> | null>(null);
  const [asking, setAsking] = useState<'reject' | 'reopen' | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  /** Asking before a re-read replaces this many corrected words; null when not asking. */
  const [confirmingReread, setConfirmingReread] = useState<number | null>(null);
  const [captured, setCaptured] = useState<CapturedText | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState<{ box: Box; key: string } | null>(null);
  const viewer = useRef<PageViewCommands | null>(null);
  /** Fields left by Enter or F8, so Shift+Enter goes back the way the person came. */
  const trail = useRef<string[]>([]);

  const load = useCallback(async () => {
    try {
      setDetail(await call('documents.get', { documentId }));
      setError(null);
    } catch (loadError) {
      setError(message(loadError, 'The document could not be loaded.'));
    }
  }, [documentId]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  useEffect(() => {
    if (openPage) setPageIndex(openPage.pageIndex);
  }, [openPage]);

  const page = detail?.pages[pageIndex];
  const words = useMemo(() => page?.words ?? [], [page]);
  const fields = useMemo(() => detail?.fields ?? [], [detail]);
  const wordsById = useMemo(() => new Map((detail?.pages ?? []).flatMap((p) => p.words.map((word) => [word.id, word] as const))), [detail]);
  const wordsToCheck = useMemo(() => words.filter((word) => !word.edited && wordConfidenceLevel(word.confidence) !== 'confident'), [words]);
  const toCheck = useMemo(() => fieldsToCheck(fields), [fields]);
  const settled = detail?.status === 'approved' || detail?.status === 'rejected';
  const focusedField = tab === 'fields' ? fields.find((field) => field.id === focusedId) : undefined;
  const capturing = Boolean(focusedField) && !settled;

  const onFieldsSaved = useCallback(
    (next: ReviewField[]) => {
      setDetail((current) => current && { ...current, fields: next, fieldsInvalid: next.filter((field) => field.status === 'invalid').length });
      setHistoryRevision((value) => value + 1);
      onChanged();
    },
    [onChanged],
  );
  const editing = useFieldEditing(documentId, onFieldsSaved, setError);

  /** Focusing a field (Tab, F8, a click) brings its place on the page into view. */
  const onFocusField = useCallback(
    (id: string) => {
      setFocusedId(id);
      setPicked(new Set());
      reviewResume.remember(documentId, id);
      const region = fields.find((field) => field.id === id)?.region;
      if (!region) return;
      setPageIndex(region.pageIndex);
      setTarget({ box: region.box, key: `${id}:${Date.now()}` });
    },
    [documentId, fields],
  );

  function focusField(id: string): void {
    if (focusedId && focusedId !== id) trail.current.push(focusedId);
    setTab('fields');
    focusSoon(fieldInputSelector(id));
  }

  function nextToCheck(direction: 1 | -1): void {
    if (tab !== 'fields') {
      const current = wordsToCheck.findIndex((word) => word.id === focusedId);
      const next = wordsToCheck[(current + direction + wordsToCheck.length) % Math.max(1, wordsToCheck.length)];
      if (!next) return;
      setFocusedId(next.id);
      focusSoon(`input[data-word-id="${CSS.escape(next.id)}"]`);
      return;
    }
    const next = nextFieldToCheck(fields, focusedId, direction);
    if (next) focusField(next.id);
    else focusSoon('.review-toolbar button.primary');
  }

  function onCommit(field: ReviewField, value: string, how: FieldCommit): void {
    void editing.save(field, value, how === 'confirm-next');
    if (how === 'confirm-next') nextToCheck(1);
    else if (how === 'save-back') {
      const back = trail.current.pop() ?? nextFieldToCheck(fields, field.id, -1)?.id;
      if (back) {
        setTab('fields');
        focusSoon(fieldInputSelector(back));
      }
    }
  }

  async function undoOrRedo(which: 'undo' | 'redo'): Promise<void> {
    const fieldId = await editing[which]();
    if (fieldId) focusField(fieldId);
  }

  /** A word clicked while a field is focused gives it its text (Shift+click adds the word). */
  function onPageSelect(hit: { kind: 'word' | 'field'; id: string }, additive: boolean): void {
    if (hit.kind === 'field') return focusField(hit.id);
    if (capturing && focusedField) {
      const next = new Set(additive ? [...picked, hit.id] : [hit.id]);
      setPicked(next);
      const text = [...next]
        .flatMap((id) => wordsById.get(id) ?? [])
        .sort((a, b) => a.line - b.line || a.box.x - b.box.x)
        .map((word) => word.text)
        .join(' ');
      setCaptured({ fieldId: focusedField.id, text, key: Date.now() });
      return;
    }
    const owner = fields.find((field) => field.sourceWordIds.includes(hit.id));
    if (tab === 'fields' && owner) return focusField(owner.id);
    setTab('text');
    setFocusedId(hit.id);
    focusSoon(`input[data-word-id="${CSS.escape(hit.id)}"]`);
  }

  /** A region drawn while a field is focused is read again; its best reading goes into the field. */
  async function onRegion(box: Box): Promise<void> {
    if (!capturing || !focusedField) return;
    const fieldId = focusedField.id;
    try {
      const reading = await readRegion(documentId, pageIndex, box, focusedField.name);
      setCaptured({ fieldId, text: reading.text, key: Date.now(), candidates: reading.candidates });
    } catch (readError) {
      setError(message(readError, 'The region could not be read.'));
    }
  }

  async function approve(overrideReason?: string): Promise<void> {
    if (!detail || detail.status !== 'ready') return;
    const counts = flaggedCounts(fields);
    if (counts.total > 0 && !approving) {
      setApproving(counts);
      return;
    }
    setApproving(null);
    try {
      const answered = counts.total > 0 ? { acknowledgeFlagged: true, acknowledgeInvalid: counts.invalid > 0, ...(overrideReason ? { overrideReason } : {}) } : {};
      await call('documents.approve', { documentId, ...answered });
      await load();
      setHistoryRevision((value) => value + 1);
      onChanged();
      onSignedOff();
    } catch (approveError) {
      setError(message(approveError, 'The document could not be approved.'));
    }
  }

  /** Reopen or reject, each with the person's reason: the status changes and the history grows. */
  async function withReason(method: 'documents.reopen' | 'documents.reject', reason: string): Promise<void> {
    try {
      await call(method, { documentId, reason });
      setAsking(null);
      await load();
      setHistoryRevision((value) => value + 1);
      onChanged();
      if (method === 'documents.reject') onSignedOff();
    } catch (changeError) {
      setError(message(changeError, method === 'documents.reject' ? 'The document could not be rejected.' : 'The document could not be reopened.'));
    }
  }

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
      setError(message(rereadError, 'The page could not be read again.'));
    }
  }

  const goToPage = (to: 'next' | 'previous' | 'first' | 'last'): void => {
    const last = (detail?.pages.length ?? 1) - 1;
    setPageIndex((current) => (to === 'first' ? 0 : to === 'last' ? last : Math.min(last, Math.max(0, current + (to === 'next' ? 1 : -1)))));
  };

  useReviewKeys(
    {
      nextToCheck,
      approve: () => void approve(),
      reject: () => {
        if (detail?.status === 'ready' || detail?.status === 'failed') setAsking('reject');
      },
      undo: () => void undoOrRedo('undo'),
      redo: () => void undoOrRedo('redo'),
      page: goToPage,
      view: (command) => {
        const commands = viewer.current;
        if (!commands) return;
        if (command === 'zoom-in') commands.zoomBy(1.25);
        else if (command === 'zoom-out') commands.zoomBy(1 / 1.25);
        else if (command === 'fit-width') commands.fitWidth();
        else if (command === 'fit-page') commands.fitPage();
        else if (command === 'actual-size') commands.actualSize();
        else commands.rotate();
      },
      focusImage: () => focusSoon('.page-viewport'),
      help: () => setHelpOpen(true),
      refocus: () => focusSoon(focusedId && tab === 'fields' ? fieldInputSelector(focusedId) : '.review-title'),
    },
    !helpOpen && approving === null && asking === null,
  );

  // On opening, the keyboard is in the review: on the field it was on before a lock, else the heading.
  const opened = detail !== null;
  useEffect(() => {
    if (!opened) return;
    const resumeField = reviewResume.fieldId(documentId);
    reviewResume.remember(documentId, resumeField);
    focusSoon(resumeField ? fieldInputSelector(resumeField) : '.review-title');
  }, [opened, documentId]);

  if (error && !detail) return <section className="review"><p className="notice error">{error}</p></section>;
  if (!detail) return <section className="review"><p className="muted">Loading…</p></section>;

  const rejectable = detail.status === 'ready' || detail.status === 'failed';
  return (
    <section className="review" aria-label="Review">
      <ReviewToolbar
        detail={detail}
        pageIndex={pageIndex}
        toCheck={toCheck.length}
        wordsToCheck={tab === 'text' ? wordsToCheck.length : null}
        undoCount={editing.undoCount}
        redoCount={editing.redoCount}
        rejecting={asking === 'reject'}
        onPage={setPageIndex}
        onReread={!settled && page && page.engine !== 'pdf-text' && ['done', 'failed', 'cancelled'].includes(page.status) ? () => void reread(false) : null}
        onStop={
          detail.status === 'processing' || detail.status === 'queued'
            ? () => void call('documents.cancel', { documentId }).then(load).catch((cancelError: unknown) => setError(message(cancelError, 'Reading could not be stopped.')))
            : null
        }
        onNextToCheck={() => nextToCheck(1)}
        onUndo={() => void undoOrRedo('undo')}
        onRedo={() => void undoOrRedo('redo')}
        onReject={() => setAsking('reject')}
        onApprove={() => void approve()}
        onHelp={() => setHelpOpen(true)}
      />
      <SignOffQuestions
        asking={asking}
        rejectable={rejectable}
        reopenable={settled && canReopen}
        confirmingReread={confirmingReread}
        onAsk={setAsking}
        onReason={(method, reason) => void withReason(method, reason)}
        onReread={(confirmed) => (confirmed ? void reread(true) : setConfirmingReread(null))}
      />
      {approving && <ApproveQuestion counts={approving} onApprove={(reason) => void approve(reason)} onCancel={() => setApproving(null)} />}
      {error && <p className="notice error">{error}</p>}
      {page?.error && <p className="notice error">This page failed: {page.error.message}</p>}
      <FormMatch classification={detail.classification} />
      <div className="review-panes">
        <ReviewPages
          detail={detail}
          pageIndex={pageIndex}
          tab={tab}
          fields={fields}
          words={words}
          focusedId={focusedId}
          picked={picked}
          target={target}
          capturing={capturing}
          viewerRef={viewer}
          onPage={setPageIndex}
          onSelect={onPageSelect}
          onRegion={(box) => void onRegion(box)}
        />
        <div className="side-panel">
          <div className="tabs" role="tablist" aria-label="Document views">
            <button type="button" role="tab" aria-selected={tab === 'fields'} onClick={() => setTab('fields')}>
              Fields{toCheck.length > 0 ? ` (${toCheck.length} to check)` : ''}
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
              reasonsFor={(field) => statusReasons(field, wordsById)}
              pageWidths={detail.pages.map((p) => p.width)}
              captured={captured}
              onFocusField={onFocusField}
              onCommit={onCommit}
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
              onSaved={(saved: Word) => {
                setDetail(
                  (current) =>
                    current && {
                      ...current,
                      pages: current.pages.map((p) => (p.index === saved.pageIndex ? { ...p, words: p.words.map((w) => (w.id === saved.id ? saved : w)) } : p)),
                    },
                );
                onChanged();
              }}
            />
          )}
        </div>
      </div>
      <p className="legend">
        <span className="swatch level-check" /> check &nbsp; <span className="swatch level-invalid" /> failed a check &nbsp;
        <span className="swatch level-edited" /> corrected &nbsp; <span className="swatch level-confirmed" /> confirmed — anything without a mark was read with high confidence and passed its checks.
        Press ? for the keys.
      </p>
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
    </section>
  );
}
