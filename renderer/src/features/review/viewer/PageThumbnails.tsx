import { useEffect, useRef, useState } from 'react';
import type { PageStatus } from '../../../../../app/model/document';
import { folio } from '../../../api/client';

/** Height of one thumbnail row, image and label, in CSS pixels. */
const ROW_HEIGHT = 128;
/** Rows drawn above and below the visible ones, so a quick scroll shows no gap. */
const OVERSCAN = 3;

export interface ThumbnailPage {
  index: number;
  width: number;
  height: number;
  status: PageStatus;
  /** Fields on this page that still need the person. */
  flagged: number;
}

/**
 * A strip of page thumbnails for a multi-page document. Only the rows in sight are in the DOM
 * (a 500-page PDF draws a dozen), and the strip follows the page shown.
 */
export function PageThumbnails({
  documentId,
  pages,
  current,
  onPick,
}: {
  documentId: string;
  pages: readonly ThumbnailPage[];
  current: number;
  onPick: (index: number) => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const top = current * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [current]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(pages.length - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const shown = pages.slice(first, last + 1);
  return (
    <nav className="thumbnails" aria-label="Pages">
      <div ref={listRef} className="thumbnail-scroll" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <ol style={{ height: pages.length * ROW_HEIGHT }} start={first + 1}>
          {shown.map((page) => (
            <li key={page.index} style={{ top: page.index * ROW_HEIGHT, height: ROW_HEIGHT }}>
              <button
                type="button"
                className="thumbnail"
                aria-current={page.index === current ? 'page' : undefined}
                aria-label={`Page ${page.index + 1}${page.flagged > 0 ? `, ${page.flagged} to check` : ''}`}
                tabIndex={page.index === current ? 0 : -1}
                onClick={() => onPick(page.index)}
              >
                {page.width > 0 ? (
                  <img src={folio.pageImageUrl(documentId, page.index)} alt="" loading="lazy" decoding="async" draggable={false} />
                ) : (
                  <span className="thumbnail-pending">{page.status === 'failed' ? 'Failed' : 'Reading…'}</span>
                )}
                <span className="thumbnail-label">
                  {page.index + 1}
                  {page.flagged > 0 && <span className="thumbnail-flag"> · {page.flagged}</span>}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </div>
    </nav>
  );
}
