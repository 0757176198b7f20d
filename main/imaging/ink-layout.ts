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
const PAPER = 255;
/** Taller than a 24 pt capital, shorter than the rows of any table worth the name. */
const MIN_VERTICAL_RULE_MM = 12;
const MIN_HORIZONTAL_RULE_MM = 30;
/** Pixels a rule may lose to JPEG or noise and still count as one run. */
const MAX_RUN_GAP = 2;
/** Runs this close across (or down) belong to one rule: a 1 pt rule is 4 px wide at 300 dpi. */
const SAME_RULE_PX = 3;
const EDGE_INK_SHARE = 0.01;

/** A straight dark run: `at` is its column (vertical) or row (horizontal), `from`–`to` its extent, inclusive. */
interface Run {
  at: number;
  from: number;
  to: number;
}

interface InkRuns {
  columnInk: Float64Array;
  rowInk: Float64Array;
  vertical: Run[];
  horizontal: Run[];
}

/** One pass over the pixels: ink per column and per row, and every dark run long enough to be a rule. */
function findInkRuns(raster: GreyRaster, dpi: number): InkRuns {
  const { data, width, height } = raster;
  const mmPerPixel = 25.4 / (dpi > 0 ? dpi : 300);
  const minVertical = Math.round(MIN_VERTICAL_RULE_MM / mmPerPixel);
  const minHorizontal = Math.round(MIN_HORIZONTAL_RULE_MM / mmPerPixel);
  const columnInk = new Float64Array(width);
  const rowInk = new Float64Array(height);
  // Per column: length of the current dark run (gaps included) and the gap since its last ink.
  const run = new Int32Array(width);
  const gap = new Int32Array(width);
  const vertical: Run[] = [];
  const horizontal: Run[] = [];
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
          if (run[x]! >= minVertical) vertical.push({ at: x, from: y - gap[x]! - run[x]! + 1, to: y - gap[x]! });
          run[x] = 0;
          gap[x] = 0;
        }
        if (rowRun > 0 && ++rowGap > MAX_RUN_GAP) {
          if (rowRun >= minHorizontal) horizontal.push({ at: y, from: x - rowGap - rowRun + 1, to: x - rowGap });
          rowRun = 0;
          rowGap = 0;
        }
      }
    }
    if (rowRun >= minHorizontal) horizontal.push({ at: y, from: width - rowGap - rowRun, to: width - 1 - rowGap });
    rowInk[y] = inkInRow;
  }
  for (let x = 0; x < width; x++) if (run[x]! >= minVertical) vertical.push({ at: x, from: height - gap[x]! - run[x]!, to: height - 1 - gap[x]! });
  return { columnInk, rowInk, vertical, horizontal };
}

export function surveyInkLayout(raster: GreyRaster, dpi: number): InkLayout {
  const { columnInk, rowInk, vertical, horizontal } = findInkRuns(raster, dpi);
  const mmPerPixel = 25.4 / (dpi > 0 ? dpi : 300);
  return {
    widthMm: round1(innerSpan(columnInk) * mmPerPixel),
    heightMm: round1(innerSpan(rowInk) * mmPerPixel),
    verticalRules: distinct(vertical.map((r) => r.at)),
    horizontalRules: distinct(horizontal.map((r) => r.at)),
  };
}

/**
 * The raster with its rules painted over with paper, for a reading in rows (psm 6), which takes
 * a rule for a line of text and garbles the row it runs under. The pixel either side of a rule,
 * grey where it was anti-aliased, goes too; a stroke crossing a rule loses the part on it.
 */
export function withoutRules(raster: GreyRaster, dpi: number): GreyRaster {
  const { vertical, horizontal } = findInkRuns(raster, dpi);
  const { width, height } = raster;
  const data = Uint8Array.from(raster.data);
  for (const { at, from, to } of horizontal) {
    for (let y = Math.max(0, at - 1); y <= Math.min(height - 1, at + 1); y++) data.fill(PAPER, y * width + from, y * width + to + 1);
  }
  for (const { at, from, to } of vertical) {
    for (let x = Math.max(0, at - 1); x <= Math.min(width - 1, at + 1); x++) {
      for (let y = from; y <= to; y++) data[y * width + x] = PAPER;
    }
  }
  return { data, width, height };
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
