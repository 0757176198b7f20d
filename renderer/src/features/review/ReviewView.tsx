import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentDetail, Word } from '../../../../app/model/document';
import { wordConfidenceLevel } from '../../../../app/confidence/words';
import { call } from '../../api/client';
import { PageImage } from './PageImage';
import { LinesEditor } from './LinesEditor';

/** One document: the page image with word boxes beside the recognised lines, and Approve. */
export function ReviewView({ documentId, revision, onChanged }: { documentId: string; revision: number; onChanged: () => void }) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pageIndex, setPageIndex] = useState(0);
  const [focusedWordId, setFocusedWordId] = useState<string | null>(null);

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
  const words = page?.words ?? [];
  const toCheck = useMemo(() => words.filter((word) => !word.edited && wordConfidenceLevel(word.confidence) !== 'confident'), [words]);

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

  async function approve(): Promise<void> {
    try {
      await call('documents.approve', { documentId });
      await load();
      onChanged();
    } catch (approveError) {
      setError(approveError instanceof Error ? approveError.message : 'The document could not be approved.');
    }
  }

  function nextToCheck(): void {
    const currentIndex = toCheck.findIndex((word) => word.id === focusedWordId);
    const next = toCheck[(currentIndex + 1) % Math.max(1, toCheck.length)];
    if (next) {
      setFocusedWordId(next.id);
      document.querySelector<HTMLInputElement>(`input[data-word-id="${CSS.escape(next.id)}"]`)?.focus();
    }
  }

  if (error && !detail) return <section className="review"><p className="notice error">{error}</p></section>;
  if (!detail) return <section className="review"><p className="muted">Loading…</p></section>;

  const approved = detail.status === 'approved';
  return (
    <section className="review" aria-label="Review">
      <div className="review-toolbar">
        <h2 className="review-title">{detail.name}</h2>
        <span className={`status status-${detail.status}`} data-testid="document-status">
          {approved ? 'Approved' : detail.status === 'ready' ? 'To review' : detail.status}
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
        <button type="button" disabled={toCheck.length === 0} onClick={nextToCheck}>
          Next to check ({toCheck.length})
        </button>
        <button type="button" className="primary" disabled={approved || detail.status !== 'ready'} onClick={() => void approve()}>
          {approved ? 'Approved' : 'Approve'}
        </button>
      </div>
      {error && <p className="notice error">{error}</p>}
      {page?.error && <p className="notice error">This page failed: {page.error.message}</p>}
      <div className="review-panes">
        {page && (
          <PageImage documentId={documentId} page={page} focusedWordId={focusedWordId} onSelectWord={setFocusedWordId} />
        )}
        <LinesEditor
          documentId={documentId}
          words={words}
          readOnly={approved}
          focusedWordId={focusedWordId}
          onFocusWord={setFocusedWordId}
          onSaved={onWordSaved}
        />
      </div>
      <p className="legend">
        <span className="swatch level-check" /> check &nbsp; <span className="swatch level-unreadable" /> unreadable &nbsp;
        <span className="swatch level-edited" /> corrected — words without a mark were read with high confidence.
      </p>
    </section>
  );
}
