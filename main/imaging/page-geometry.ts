import type { Box } from '../../app/model/document';

/**
 * How the OCR raster was made from the displayed page: turned clockwise by `degrees` about its
 * centre onto a canvas of `rotatedWidth` × `rotatedHeight` (sharp's rotate), then scaled by
 * `scale`. Mapping a box back runs the same steps in reverse.
 */
export interface PageTransform {
  displayWidth: number;
  displayHeight: number;
  degrees: number;
  rotatedWidth: number;
  rotatedHeight: number;
  scale: number;
}

export function identityTransform(width: number, height: number): PageTransform {
  return { displayWidth: width, displayHeight: height, degrees: 0, rotatedWidth: width, rotatedHeight: height, scale: 1 };
}

/** Where a point of the OCR raster lies on the displayed page. */
export function toDisplayPoint(transform: PageTransform, x: number, y: number): [number, number] {
  const radians = (transform.degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const dx = x / transform.scale - transform.rotatedWidth / 2;
  const dy = y / transform.scale - transform.rotatedHeight / 2;
  // Inverse of a clockwise turn in y-down coordinates.
  return [dx * cos + dy * sin + transform.displayWidth / 2, -dx * sin + dy * cos + transform.displayHeight / 2];
}

/**
 * A box read on the OCR raster, as the upright rectangle around it on the displayed page. On a
 * deskewed page that rectangle is slightly larger than the word, never smaller: it always covers
 * the ink the person needs to look at.
 */
export function toDisplayBox(transform: PageTransform, box: Box): Box {
  const corners = [
    toDisplayPoint(transform, box.x, box.y),
    toDisplayPoint(transform, box.x + box.width, box.y),
    toDisplayPoint(transform, box.x, box.y + box.height),
    toDisplayPoint(transform, box.x + box.width, box.y + box.height),
  ];
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const clampX = (value: number): number => Math.min(transform.displayWidth, Math.max(0, value));
  const clampY = (value: number): number => Math.min(transform.displayHeight, Math.max(0, value));
  const left = clampX(Math.floor(Math.min(...xs)));
  const top = clampY(Math.floor(Math.min(...ys)));
  const right = clampX(Math.ceil(Math.max(...xs)));
  const bottom = clampY(Math.ceil(Math.max(...ys)));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
