import type { GreyRaster } from './grey-raster';

/**
 * Where a page's ink lies, measured on the raster the engine reads: how wide and tall the
 * printing is (an 80 mm till roll, a label, a full page), and whether straight rules run through
 * it (a ruled table or a form). One pass over the pixels: about 30 ms for a letter page at
 * 300 dpi, against seconds for a reading.
 */
export interface InkLayout {
  /** Span across the page holding all but the outermost 1% of ink on either side, in mm. */
  widthMm: number;
  heightMm: number;
  /** Distinct straight dark runs taller than any character: a table's column dividers, a frame's sides. */
  verticalRules: number;
  /** Distinct straight dark runs longer than any word: row dividers, a frame's top and bottom. */
  horizontalRules: number;
}

/** Prepared pages are contrast-stretched: paper near 255, ink near 0. */
const INK_BELOW = 128;
/** Taller than a 24 pt capital, shorter than the rows of any table worth the name. */
const MIN_VERTICAL_RULE_MM = 12;
const MIN_HORIZONTAL_RULE_MM = 30;
/** Pixels a rule may lose to JPEG or noise and still count as one run. */
const MAX_RUN_GAP = 2;
/** Runs this close across (or down) belong to one rule: a 1 pt rule is 4 px wide at 300 dpi. */
const SAME_RULE_PX = 3;
const EDGE_INK_SHARE = 0.01;

export function surveyInkLayout(raster: GreyRaster, dpi: number): InkLayout {
  const { data, width, height } = raster;
  const mmPerPixel = 25.4 / (dpi > 0 ? dpi : 300);
  const minVertical = Math.round(MIN_VERTICAL_RULE_MM / mmPerPixel);
  const minHorizontal = Math.round(MIN_HORIZONTAL_RULE_MM / mmPerPixel);
  const columnInk = new Float64Array(width);
  const rowInk = new Float64Array(height);
  // Per column: length of the current dark run (gaps included) and the gap since its last ink.
  const run = new Int32Array(width);
  const gap = new Int32Array(width);
  const verticalAt: number[] = [];
  const horizontalAt: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let rowRun = 0;
    let rowGap = 0;
    let inkInRow = 0;
    for (let x = 0; x < width; x++) {
      if ((data[row + x] as number) < INK_BELOW) {
        inkInRow++;
        columnInk[x] = (columnInk[x] as number) + 1;
        run[x] = (run[x] as number) + 1 + (gap[x] as number);
        gap[x] = 0;
        rowRun += 1 + rowGap;
        rowGap = 0;
      } else {
        if (run[x]! > 0 && (gap[x] = gap[x]! + 1) > MAX_RUN_GAP) {
          if (run[x]! >= minVertical) verticalAt.push(x);
          run[x] = 0;
          gap[x] = 0;
        }
        if (rowRun > 0 && ++rowGap > MAX_RUN_GAP) {
          if (rowRun >= minHorizontal) horizontalAt.push(y);
          rowRun = 0;
          rowGap = 0;
        }
      }
    }
    if (rowRun >= minHorizontal) horizontalAt.push(y);
    rowInk[y] = inkInRow;
  }
  for (let x = 0; x < width; x++) if (run[x]! >= minVertical) verticalAt.push(x);
  return {
    widthMm: round1(innerSpan(columnInk) * mmPerPixel),
    heightMm: round1(innerSpan(rowInk) * mmPerPixel),
    verticalRules: distinct(verticalAt),
    horizontalRules: distinct(horizontalAt),
  };
}

/** Distance between the points that leave 1% of the ink outside on each side. */
function innerSpan(profile: Float64Array): number {
  let total = 0;
  for (const value of profile) total += value;
  if (total === 0) return 0;
  const edge = total * EDGE_INK_SHARE;
  let first = 0;
  for (let sum = 0; first < profile.length - 1 && (sum += profile[first] as number) < edge; ) first++;
  let last = profile.length - 1;
  for (let sum = 0; last > first && (sum += profile[last] as number) < edge; ) last--;
  return last - first + 1;
}

/** Positions of runs, several per rule (its thickness, its pieces), counted as rules. */
function distinct(positions: number[]): number {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  let count = 0;
  let previous = -Infinity;
  for (const at of sorted) {
    if (at - previous > SAME_RULE_PX) count++;
    previous = at;
  }
  return count;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
