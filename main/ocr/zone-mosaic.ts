import type { Rect } from '../../app/templates/template';
import { encodeForOcr, type GreyRaster } from '../imaging/grey-raster';
import type { OcrEngine, OcrWord } from './engine';
import { recognizeDisplayedPage } from './recognize-page';

/**
 * Zonal reading of the boxes a whole-page reading left empty though they hold ink: a lone digit
 * (units, a pointer letter, box 21's ICD indicator) is what page segmentation drops most. Each
 * such box is cut out of the page (the form's ink already dropped) and the cuts are stacked
 * into one small image, read once as a block of lines; a box of digits is read with digits only.
 * One engine run for all the boxes, not one per box: a process start costs as much as a page.
 */

export interface ZoneCut {
  /** Caller's key for the box. */
  key: string;
  /** Where the box is on the page, in page pixels. */
  rect: Rect;
}

const MARGIN = 24;
const GAP = 40;
/** Stacked boxes per engine run: a tall mosaic reads no worse, but a hostile template is capped. */
export const MAX_CUTS = 120;
/** Darker than this is ink. */
const INK = 128;
/** A cut's reading below this confidence is the engine making words of specks: dropped. */
const MIN_CONFIDENCE = 45;
/** Share of a stretch's pixels that must be ink for it to be taken for unread characters. */
const GAP_MIN_DENSITY = 0.08;

function clampRect(raster: GreyRaster, rect: Rect): { x: number; y: number; width: number; height: number } {
  const x = Math.max(0, Math.floor(rect.x));
  const y = Math.max(0, Math.floor(rect.y));
  const right = Math.min(raster.width, Math.ceil(rect.x + rect.width));
  const bottom = Math.min(raster.height, Math.ceil(rect.y + rect.height));
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}

/** Ink pixels in a box: enough of them means something was filled in there. */
export function inkIn(raster: GreyRaster, rect: Rect): number {
  const r = clampRect(raster, rect);
  let ink = 0;
  for (let y = r.y; y < r.y + r.height; y += 1) {
    const row = y * raster.width;
    for (let x = r.x; x < r.x + r.width; x += 1) if (raster.data[row + x]! < INK) ink += 1;
  }
  return ink;
}

/** Reads the boxes; returns each box's words in page pixels. */
export async function readZoneMosaic(
  engine: OcrEngine,
  raster: GreyRaster,
  cuts: readonly ZoneCut[],
  dpi: number,
  options: { characters?: string; signal?: AbortSignal } = {},
): Promise<Map<string, OcrWord[]>> {
  const placed = cuts.slice(0, MAX_CUTS).map((cut) => ({ cut, src: clampRect(raster, cut.rect) })).filter((p) => p.src.width > 0 && p.src.height > 0);
  const out = new Map<string, OcrWord[]>();
  if (placed.length === 0) return out;
  const width = Math.max(...placed.map((p) => p.src.width)) + 2 * MARGIN;
  let y = MARGIN;
  const rows = placed.map((p) => {
    const top = y;
    y += p.src.height + GAP;
    return { ...p, top };
  });
  const height = y - GAP + MARGIN;
  const mosaic: GreyRaster = { data: new Uint8Array(width * height).fill(255), width, height };
  for (const row of rows) {
    for (let dy = 0; dy < row.src.height; dy += 1) {
      const from = (row.src.y + dy) * raster.width + row.src.x;
      mosaic.data.set(raster.data.subarray(from, from + row.src.width), (row.top + dy) * width + MARGIN);
    }
  }
  const result = await recognizeDisplayedPage(engine, { image: await encodeForOcr(mosaic), dpi }, {
    signal: options.signal,
    layout: 'block',
    detectOrientation: false,
    ...(options.characters === undefined ? {} : { characters: options.characters }),
  });
  for (const word of result.words) {
    if (word.confidence < MIN_CONFIDENCE) continue;
    const centreX = word.box.x + word.box.width / 2 - MARGIN;
    const centreY = word.box.y + word.box.height / 2;
    const row = rows.find((r) => centreY >= r.top && centreY < r.top + r.src.height);
    if (!row || centreX < 0 || centreX > row.src.width) continue;
    // A word belongs to the box it was cut from: its box is kept inside the cut.
    const left = Math.max(0, word.box.x - MARGIN);
    const top = Math.max(0, word.box.y - row.top);
    const right = Math.min(row.src.width, word.box.x - MARGIN + word.box.width);
    const bottom = Math.min(row.src.height, word.box.y - row.top + word.box.height);
    const box = { x: row.src.x + left, y: row.src.y + top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
    out.set(row.cut.key, [...(out.get(row.cut.key) ?? []), { ...word, box }]);
  }
  return out;
}

/**
 * Stretches of a box with ink that no word read covers: a word the engine dropped from a value
 * it otherwise read ("LINDA PAC" for "LINDA G ZIMMER PAC"). `character` is a character's width
 * in page pixels; narrower stretches are specks.
 */
export function uncoveredInk(raster: GreyRaster, rect: Rect, covered: readonly Rect[], character: number): Rect[] {
  const box = clampRect(raster, rect);
  const top = Math.round(box.y + box.height * 0.2);
  const bottom = Math.round(box.y + box.height * 0.8);
  const slack = character * 0.5;
  const gaps: Rect[] = [];
  let start = -1;
  let lastInk = -1;
  const close = (): void => {
    const width = lastInk - start + 1;
    // Text is dense ink; a dotted rule or a speckled shadow across the box is not.
    if (start >= 0 && width >= character * 0.8 && inkIn(raster, { x: start, y: top, width, height: bottom - top }) >= GAP_MIN_DENSITY * width * (bottom - top)) {
      gaps.push({ x: start - slack, y: box.y, width: width + 2 * slack, height: box.height });
    }
    start = -1;
  };
  for (let x = box.x; x < box.x + box.width; x += 1) {
    let ink = 0;
    for (let y = top; y < bottom && ink < 2; y += 1) if (raster.data[y * raster.width + x]! < INK) ink += 1;
    const free = ink >= 2 && !covered.some((c) => x >= c.x - slack && x <= c.x + c.width + slack);
    if (free) {
      if (start < 0) start = x;
      lastInk = x;
    } else if (start >= 0 && x - lastInk > character * 0.6) {
      close();
    }
  }
  close();
  return gaps;
}
