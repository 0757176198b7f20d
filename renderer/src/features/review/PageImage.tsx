import { useState, type ReactNode } from 'react';
import type { Box } from '../../../../app/model/document';
import { folio } from '../../api/client';

export interface Highlight {
  id: string;
  box: Box;
  /** CSS level: confident, check, unreadable, invalid, missing, edited. */
  level: string;
  kind: 'word' | 'field';
}

/** The page as scanned, with boxes drawn in the image's own pixel space. */
export function PageImage({
  documentId,
  pageIndex,
  width,
  height,
  highlights,
  focusedId,
  onSelect,
  overlay,
}: {
  documentId: string;
  pageIndex: number;
  width: number;
  height: number;
  highlights: Highlight[];
  focusedId: string | null;
  onSelect: (highlight: Highlight) => void;
  /** Drawn over the page after the highlights, in the sheet's box (the form designer's drawing layer). */
  overlay?: ReactNode;
}) {
  // Which page's image would not load: its stored file is damaged or missing (the vault answers 500).
  const [failedPage, setFailedPage] = useState<string | null>(null);
  const pageKey = `${documentId}/${pageIndex}`;
  if (width === 0 || height === 0) return <div className="page-image muted">This page has not been decoded yet.</div>;
  return (
    <div className="page-image">
      {failedPage === pageKey && (
        <p className="page-image-failed" role="alert">
          The image of this page could not be shown: its stored file is damaged or missing. The words and fields read from it are still here. An admin can restore the vault from a backup.
        </p>
      )}
      <div className="page-sheet">
        <img src={folio.pageImageUrl(documentId, pageIndex)} alt={`Page ${pageIndex + 1}`} draggable={false} onError={() => setFailedPage(pageKey)} onLoad={() => setFailedPage(null)} />
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
          {highlights.map((highlight) => (
            <rect
              key={`${highlight.kind}:${highlight.id}`}
              data-word-box={highlight.kind === 'word' ? highlight.id : undefined}
              data-field-box={highlight.kind === 'field' ? highlight.id : undefined}
              className={`${highlight.kind}-box level-${highlight.level}${highlight.id === focusedId ? ' focused' : ''}`}
              x={highlight.box.x}
              y={highlight.box.y}
              width={highlight.box.width}
              height={highlight.box.height}
              onClick={() => onSelect(highlight)}
            />
          ))}
        </svg>
        {overlay}
      </div>
    </div>
  );
}
