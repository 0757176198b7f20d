import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Box } from '../../../../../app/model/document';
import {
  bringIntoView,
  fitPage,
  fitWidth,
  layerTransform,
  panBy,
  rotateQuarter,
  zoomAt,
  type PageView,
  type Size,
} from './view-geometry';

/** One press of + or −, or one notch of Ctrl+wheel, multiplies the scale by this. */
export const ZOOM_STEP = 1.25;

export interface PageViewCommands {
  zoomBy(factor: number, anchor?: [number, number]): void;
  fitWidth(): void;
  fitPage(): void;
  actualSize(): void;
  rotate(): void;
  pan(dx: number, dy: number): void;
  /** Scrolls and zooms a page box into view (a focused field's region). */
  show(box: Box): void;
}

/**
 * The viewer's transform, kept out of React's render: a pan or zoom writes one style property
 * on one layer. Only the zoom figure shown in the toolbar is state.
 */
export function usePageView(
  page: Size,
  viewportRef: RefObject<HTMLDivElement | null>,
  layerRef: RefObject<HTMLDivElement | null>,
): { zoomPercent: number; rotation: number; commands: PageViewCommands; current: () => PageView | null } {
  const view = useRef<PageView | null>(null);
  const shownPage = useRef<Size | null>(null);
  const pendingBox = useRef<Box | null>(null);
  const [zoomPercent, setZoomPercent] = useState(0);
  const [rotation, setRotation] = useState(0);

  const viewport = useCallback((): Size => {
    const element = viewportRef.current;
    return { width: element?.clientWidth ?? 0, height: element?.clientHeight ?? 0 };
  }, [viewportRef]);

  const apply = useCallback(
    (next: PageView) => {
      view.current = next;
      const layer = layerRef.current;
      if (layer) layer.style.transform = layerTransform(next, page);
      setZoomPercent(Math.round(next.scale * 100));
      setRotation(next.rotation);
    },
    [layerRef, page],
  );

  /** Fits a new page (or the first one) once the viewport has a size; a page the same size keeps the view. */
  const settle = useCallback(() => {
    const size = viewport();
    if (size.width === 0 || size.height === 0) return;
    const previous = shownPage.current;
    const samePage = previous && previous.width === page.width && previous.height === page.height;
    let next = view.current && samePage ? view.current : fitWidth(page, size, view.current?.rotation ?? 0);
    shownPage.current = page;
    if (pendingBox.current) {
      next = bringIntoView(next, page, size, pendingBox.current);
      pendingBox.current = null;
    }
    apply(next);
  }, [apply, page, viewport]);

  useLayoutEffect(settle, [settle]);

  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (!view.current) settle();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [settle, viewportRef]);

  const commands = useMemo<PageViewCommands>(() => {
    const withView = (change: (current: PageView, size: Size) => PageView): void => {
      const size = viewport();
      if (!view.current || size.width === 0) return;
      apply(change(view.current, size));
    };
    return {
      zoomBy: (factor, anchor) =>
        withView((current, size) => zoomAt(current, current.scale * factor, anchor?.[0] ?? size.width / 2, anchor?.[1] ?? size.height / 2)),
      fitWidth: () => withView((current, size) => fitWidth(page, size, current.rotation)),
      fitPage: () => withView((current, size) => fitPage(page, size, current.rotation)),
      actualSize: () => withView((current, size) => zoomAt(current, 1, size.width / 2, size.height / 2)),
      rotate: () => withView((current, size) => rotateQuarter(current, size)),
      pan: (dx, dy) => withView((current) => panBy(current, dx, dy)),
      show: (box) => {
        const size = viewport();
        if (!view.current || size.width === 0) {
          pendingBox.current = box;
          return;
        }
        apply(bringIntoView(view.current, page, size, box));
      },
    };
  }, [apply, page, viewport]);

  return { zoomPercent, rotation, commands, current: () => view.current };
}
