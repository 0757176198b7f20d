import type { Box } from '../../../../../app/model/document';

/**
 * How a page sits in the viewer: one CSS transform on one layer that holds the image and every
 * word and field box, so zooming and panning never re-lay out the boxes.
 *
 * A page point p lands on the viewport at  centre + scale · R(rotation) · (p − pageCentre):
 * `centreX/centreY` is where the page's centre is drawn, in viewport pixels.
 */
export interface PageView {
  scale: number;
  /** Quarter turns clockwise: 0, 90, 180 or 270. */
  rotation: Rotation;
  centreX: number;
  centreY: number;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface Size {
  width: number;
  height: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
/** Room left around a fitted page, in viewport pixels. */
const MARGIN = 12;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The page's size as drawn at scale 1 after rotation. */
export function rotatedSize(page: Size, rotation: Rotation): Size {
  return rotation % 180 === 0 ? page : { width: page.height, height: page.width };
}

/** The whole page inside the viewport. */
export function fitPage(page: Size, viewport: Size, rotation: Rotation): PageView {
  const turned = rotatedSize(page, rotation);
  const scale = clampScale(Math.min((viewport.width - 2 * MARGIN) / turned.width, (viewport.height - 2 * MARGIN) / turned.height));
  return { scale, rotation, centreX: viewport.width / 2, centreY: viewport.height / 2 };
}

/** The page's width across the viewport, its top at the top. */
export function fitWidth(page: Size, viewport: Size, rotation: Rotation): PageView {
  const turned = rotatedSize(page, rotation);
  const scale = clampScale((viewport.width - 2 * MARGIN) / turned.width);
  return { scale, rotation, centreX: viewport.width / 2, centreY: MARGIN + (turned.height * scale) / 2 };
}

/** A new scale, keeping the page point under `anchor` (viewport pixels) where it is. */
export function zoomAt(view: PageView, nextScale: number, anchorX: number, anchorY: number): PageView {
  const scale = clampScale(nextScale);
  const ratio = scale / view.scale;
  return { ...view, scale, centreX: anchorX - (anchorX - view.centreX) * ratio, centreY: anchorY - (anchorY - view.centreY) * ratio };
}

export function panBy(view: PageView, dx: number, dy: number): PageView {
  return { ...view, centreX: view.centreX + dx, centreY: view.centreY + dy };
}

/** A quarter turn clockwise about the viewport's centre. */
export function rotateQuarter(view: PageView, viewport: Size): PageView {
  const rotation = ((view.rotation + 90) % 360) as Rotation;
  const cx = viewport.width / 2;
  const cy = viewport.height / 2;
  // The page centre turns about the viewport centre with the page.
  const dx = view.centreX - cx;
  const dy = view.centreY - cy;
  return { ...view, rotation, centreX: cx - dy, centreY: cy + dx };
}

function turn(x: number, y: number, rotation: Rotation): [number, number] {
  switch (rotation) {
    case 0:
      return [x, y];
    case 90:
      return [-y, x];
    case 180:
      return [-x, -y];
    case 270:
      return [y, -x];
  }
}

/** Where a page point is drawn, in viewport pixels. */
export function pageToViewport(view: PageView, page: Size, x: number, y: number): [number, number] {
  const [tx, ty] = turn(x - page.width / 2, y - page.height / 2, view.rotation);
  return [view.centreX + tx * view.scale, view.centreY + ty * view.scale];
}

/** The page point under a viewport point. */
export function viewportToPage(view: PageView, page: Size, vx: number, vy: number): [number, number] {
  const back = ((360 - view.rotation) % 360) as Rotation;
  const [x, y] = turn((vx - view.centreX) / view.scale, (vy - view.centreY) / view.scale, back);
  return [x + page.width / 2, y + page.height / 2];
}

/** A page box as drawn: its bounding rectangle in viewport pixels. */
export function boxOnViewport(view: PageView, page: Size, box: Box): Box {
  const corners = [
    pageToViewport(view, page, box.x, box.y),
    pageToViewport(view, page, box.x + box.width, box.y + box.height),
  ];
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.abs(xs[0]! - xs[1]!), height: Math.abs(ys[0]! - ys[1]!) };
}

/** A rectangle between two viewport points, as a page box clipped to the page. */
export function viewportRectToPage(view: PageView, page: Size, a: [number, number], b: [number, number]): Box {
  const [x1, y1] = viewportToPage(view, page, a[0], a[1]);
  const [x2, y2] = viewportToPage(view, page, b[0], b[1]);
  const left = Math.max(0, Math.min(x1, x2));
  const top = Math.max(0, Math.min(y1, y2));
  const right = Math.min(page.width, Math.max(x1, x2));
  const bottom = Math.min(page.height, Math.max(y1, y2));
  return { x: Math.round(left), y: Math.round(top), width: Math.max(0, Math.round(right - left)), height: Math.max(0, Math.round(bottom - top)) };
}

/** Screen height a line of text in a box should have at least to be read without leaning in. */
const READABLE_BOX_HEIGHT = 22;

/**
 * Brings a box into view: left alone when it is already wholly visible and large enough to
 * read, else zoomed so it is readable (never past what fits) and centred.
 */
export function bringIntoView(view: PageView, page: Size, viewport: Size, box: Box): PageView {
  const drawn = boxOnViewport(view, page, box);
  const visible = drawn.x >= 0 && drawn.y >= 0 && drawn.x + drawn.width <= viewport.width && drawn.y + drawn.height <= viewport.height;
  if (visible && drawn.height >= READABLE_BOX_HEIGHT) return view;
  const turned = rotatedSize({ width: box.width, height: box.height }, view.rotation);
  const fits = Math.min((viewport.width * 0.8) / Math.max(1, turned.width), (viewport.height * 0.5) / Math.max(1, turned.height));
  const readable = READABLE_BOX_HEIGHT / Math.max(1, Math.min(turned.height, 80));
  const scale = clampScale(Math.min(fits, Math.max(view.scale, readable, fitWidth(page, viewport, view.rotation).scale)));
  const at = { ...view, scale };
  const [bx, by] = pageToViewport(at, page, box.x + box.width / 2, box.y + box.height / 2);
  return panBy(at, viewport.width / 2 - bx, viewport.height / 2 - by);
}

/** The layer's CSS transform (origin at its top-left corner, the layer sized as the page). */
export function layerTransform(view: PageView, page: Size): string {
  return `translate(${view.centreX}px, ${view.centreY}px) scale(${view.scale}) rotate(${view.rotation}deg) translate(${-page.width / 2}px, ${-page.height / 2}px)`;
}
