import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Box } from '../../../../../app/model/document';
import { folio } from '../../../api/client';
import { HighlightLayer, type Highlight } from './HighlightLayer';
import { usePageView, ZOOM_STEP, type PageViewCommands } from './use-page-view';
import { viewportRectToPage } from './view-geometry';
import { ViewerToolbar } from './ViewerToolbar';

/** Arrow keys move the page this far, in screen pixels (Shift: a screenful's quarter). */
const ARROW_STEP = 60;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP = 4;

interface Drag {
  mode: 'pan' | 'draw';
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  /** The box pressed on, for a click. */
  target: { kind: 'word' | 'field'; id: string } | null;
}

/**
 * The page under review: zoom (Ctrl+wheel, +/−, fit width, fit page, 1:1), pan (drag,
 * Space+drag, the wheel, arrow keys when it has focus), rotate. While a field is being filled
 * (`capturing`), a click on a word gives its text and a drag draws a region to read again.
 */
export function PageViewer({
  documentId,
  pageIndex,
  pageCount,
  width,
  height,
  highlights,
  focusedId,
  selectedWordIds,
  target,
  capturing,
  onSelect,
  onRegion,
  commandsRef,
}: {
  documentId: string;
  pageIndex: number;
  pageCount: number;
  width: number;
  height: number;
  highlights: readonly Highlight[];
  focusedId: string | null;
  selectedWordIds: ReadonlySet<string>;
  /** Brought into view whenever it changes (a focused field's box on this page). */
  target: { box: Box; key: string } | null;
  capturing: boolean;
  onSelect: (hit: { kind: 'word' | 'field'; id: string }, additive: boolean) => void;
  onRegion: (box: Box) => void;
  /** The review's keyboard shortcuts drive the same commands as the toolbar. */
  commandsRef?: { current: PageViewCommands | null };
}) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const size = useMemo(() => ({ width, height }), [width, height]);
  const { zoomPercent, commands, current } = usePageView(size, viewportRef, layerRef);
  const drag = useRef<Drag | null>(null);
  const spaceHeld = useRef(false);
  const [band, setBand] = useState<Box | null>(null);
  const [failedPage, setFailedPage] = useState<string | null>(null);
  const pageKey = `${documentId}/${pageIndex}`;
  if (commandsRef) commandsRef.current = commands;

  useEffect(() => {
    if (target) commands.show(target.box);
  }, [target, commands]);

  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    // Not React's onWheel: that listener is passive, and Ctrl+wheel must not zoom the whole window.
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) {
        const rect = element.getBoundingClientRect();
        commands.zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, [event.clientX - rect.left, event.clientY - rect.top]);
      } else {
        commands.pan(-(event.shiftKey ? event.deltaY : event.deltaX), event.shiftKey ? 0 : -event.deltaY);
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [commands]);

  function local(event: PointerEvent): [number, number] {
    const rect = (viewportRef.current as HTMLDivElement).getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>): void {
    if (event.button !== 0 && event.button !== 1) return;
    const element = event.target as Element;
    const wordId = element.getAttribute('data-word-box');
    const fieldId = element.getAttribute('data-field-box');
    const [x, y] = local(event);
    // Space+drag (the viewer focused), Alt+drag or the middle button always pan.
    const pan = !capturing || spaceHeld.current || event.altKey || event.button === 1;
    drag.current = {
      mode: pan ? 'pan' : 'draw',
      startX: x,
      startY: y,
      lastX: x,
      lastY: y,
      target: wordId ? { kind: 'word', id: wordId } : fieldId ? { kind: 'field', id: fieldId } : null,
    };
    event.currentTarget.setPointerCapture(event.pointerId);
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>): void {
    const active = drag.current;
    if (!active) return;
    const [x, y] = local(event);
    if (active.mode === 'pan') commands.pan(x - active.lastX, y - active.lastY);
    else if (Math.hypot(x - active.startX, y - active.startY) >= CLICK_SLOP) {
      setBand({ x: Math.min(x, active.startX), y: Math.min(y, active.startY), width: Math.abs(x - active.startX), height: Math.abs(y - active.startY) });
    }
    active.lastX = x;
    active.lastY = y;
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>): void {
    const active = drag.current;
    drag.current = null;
    setBand(null);
    if (!active) return;
    const [x, y] = local(event);
    const moved = Math.hypot(x - active.startX, y - active.startY) >= CLICK_SLOP;
    if (!moved) {
      if (active.target) onSelect(active.target, event.shiftKey);
      else if (!capturing) viewportRef.current?.focus();
      return;
    }
    const view = current();
    if (active.mode === 'draw' && view) {
      const box = viewportRectToPage(view, size, [active.startX, active.startY], [x, y]);
      if (box.width >= 4 && box.height >= 4) onRegion(box);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const step = event.shiftKey ? (viewportRef.current?.clientHeight ?? 400) / 4 : ARROW_STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[event.key];
    if (move && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      commands.pan(move[0], move[1]);
    } else if (event.key === ' ') {
      event.preventDefault();
      spaceHeld.current = true;
    }
  }

  if (width === 0 || height === 0) return <div className="page-viewer muted">This page has not been decoded yet.</div>;
  return (
    <div className="page-viewer">
      <ViewerToolbar zoomPercent={zoomPercent} commands={commands} />
      {failedPage === pageKey && (
        <p className="page-image-failed" role="alert">
          The image of this page could not be shown: its stored file is damaged or missing. The words and fields read from it are still here. An admin can restore the vault from a backup.
        </p>
      )}
      <div
        ref={viewportRef}
        className={`page-image page-viewport${capturing ? ' capturing' : ''}`}
        role="group"
        aria-roledescription="page image"
        aria-label={`Page ${pageIndex + 1} of ${pageCount}, ${zoomPercent}%. Arrow keys move it; + and − zoom.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (event.key === ' ') spaceHeld.current = false;
        }}
        onBlur={() => (spaceHeld.current = false)}
        onMouseDown={(event) => {
          // While a field is being filled it keeps the keyboard: the page is pointed at, not focused.
          if (capturing) event.preventDefault();
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setBand(null);
        }}
      >
        <div ref={layerRef} className="page-layer" style={{ width, height }}>
          <img
            src={folio.pageImageUrl(documentId, pageIndex)}
            alt={`Page ${pageIndex + 1}`}
            width={width}
            height={height}
            draggable={false}
            onError={() => setFailedPage(pageKey)}
            onLoad={() => setFailedPage(null)}
          />
          <HighlightLayer width={width} height={height} highlights={highlights} focusedId={focusedId} selectedWordIds={selectedWordIds} />
        </div>
        {band && <div className="region-band" style={{ left: band.x, top: band.y, width: band.width, height: band.height }} />}
      </div>
    </div>
  );
}
