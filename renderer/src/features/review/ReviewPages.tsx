import { useMemo, type RefObject } from 'react';
import type { Box, DocumentDetail, Word } from '../../../../app/model/document';
import { needsAttention, type ReviewField } from '../../../../app/model/field';
import { wordConfidenceLevel } from '../../../../app/confidence/words';
import type { Highlight } from './viewer/HighlightLayer';
import { PageThumbnails, type ThumbnailPage } from './viewer/PageThumbnails';
import { PageViewer } from './viewer/PageViewer';
import type { PageViewCommands } from './viewer/use-page-view';

/**
 * The page side of the review: thumbnails for a document of several pages, and the viewer with
 * the boxes of the tab in use (fields and their words, or every word by confidence).
 */
export function ReviewPages({
  detail,
  pageIndex,
  tab,
  fields,
  words,
  focusedId,
  picked,
  target,
  capturing,
  viewerRef,
  onPage,
  onSelect,
  onRegion,
}: {
  detail: DocumentDetail;
  pageIndex: number;
  tab: 'fields' | 'text' | 'history';
  fields: readonly ReviewField[];
  words: readonly Word[];
  focusedId: string | null;
  picked: ReadonlySet<string>;
  target: { box: Box; key: string } | null;
  capturing: boolean;
  viewerRef: RefObject<PageViewCommands | null>;
  onPage: (index: number) => void;
  onSelect: (hit: { kind: 'word' | 'field'; id: string }, additive: boolean) => void;
  onRegion: (box: Box) => void;
}) {
  const page = detail.pages[pageIndex];

  const highlights: Highlight[] = useMemo(() => {
    if (tab === 'text') {
      return words.map((word) => ({ id: word.id, box: word.box, kind: 'word', level: word.edited ? 'edited' : wordConfidenceLevel(word.confidence) }));
    }
    const fieldBoxes: Highlight[] = fields.flatMap((field) =>
      field.region && field.region.pageIndex === pageIndex
        ? [{ id: field.id, box: field.region.box, kind: 'field' as const, level: field.edited && field.status === 'confident' ? 'edited' : field.status }]
        : [],
    );
    // Every word stays a target to click (its text into the focused field), drawn only on hover.
    const wordTargets: Highlight[] = words.map((word) => ({ id: word.id, box: word.box, kind: 'word', level: 'target' }));
    return [...fieldBoxes, ...wordTargets];
  }, [tab, words, fields, pageIndex]);

  const thumbnails: ThumbnailPage[] = useMemo(() => {
    const flagged = new Map<number, number>();
    for (const field of fields) {
      if (field.region && needsAttention(field.status)) flagged.set(field.region.pageIndex, (flagged.get(field.region.pageIndex) ?? 0) + 1);
    }
    return detail.pages.map((p) => ({ index: p.index, width: p.width, height: p.height, status: p.status, flagged: flagged.get(p.index) ?? 0 }));
  }, [detail.pages, fields]);

  // Only the focused field's box is brought into view, and only on the page it is on.
  const shownTarget = target && page ? target : null;
  return (
    <div className={`page-side${detail.pages.length > 1 ? ' with-thumbnails' : ''}`}>
      {detail.pages.length > 1 && <PageThumbnails documentId={detail.id} pages={thumbnails} current={pageIndex} onPick={onPage} />}
      {page && (
        <PageViewer
          documentId={detail.id}
          pageIndex={page.index}
          pageCount={detail.pages.length}
          width={page.width}
          height={page.height}
          highlights={highlights}
          focusedId={focusedId}
          selectedWordIds={picked}
          target={shownTarget}
          capturing={capturing}
          onSelect={onSelect}
          onRegion={onRegion}
          commandsRef={viewerRef}
        />
      )}
    </div>
  );
}
