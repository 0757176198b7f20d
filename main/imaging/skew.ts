import type { GreyRaster } from './grey-raster';

// Scans are analysed at about this width: enough to resolve a tenth of a degree over the
// width of a line, small enough to stay within a few milliseconds.
const ANALYSIS_WIDTH = 1000;
// Twenty thousand points still put a few hundred on every line of a full page.
const MAX_INK_SAMPLES = 20_000;
const MIN_INK_SAMPLES = 200;
// Every analysis row is read: sampling every other one would leave every other bin of the
// unrotated profile empty and make 0° look sharpest whatever the page's skew.
const ESTIMATE_ROW_STEP = 8;
const COLUMN_STEP = 2;

/**
 * Finds the small rotation that makes text lines horizontal, by projection profiles: rotated
 * by the right angle, ink piles up on the lines and leaves the gaps between them empty, so the
 * row histogram is at its most uneven. Returns the angle in degrees to rotate by, clockwise
 * positive (sharp's convention), within ±maxDegrees. Pixels darker than `inkBelow` count as
 * ink: the caller knows where the page's ink and paper levels lie.
 */
export function estimateSkewDegrees(raster: GreyRaster, inkBelow = 128, maxDegrees = 10): number {
  const ink = inkPoints(raster, inkBelow);
  if (ink.xs.length < MIN_INK_SAMPLES) return 0;
  const bins = new Int32Array(ink.height + 2 * ANALYSIS_WIDTH);
  const score = (degrees: number): number => profileSharpness(ink, degrees, bins);
  let best = 0;
  let bestScore = score(0);
  for (let degrees = -maxDegrees; degrees <= maxDegrees; degrees += 0.5) {
    const value = score(degrees);
    if (value > bestScore) [best, bestScore] = [degrees, value];
  }
  const coarse = best;
  for (let degrees = coarse - 0.5; degrees <= coarse + 0.5; degrees += 0.05) {
    const value = score(degrees);
    if (value > bestScore) [best, bestScore] = [degrees, value];
  }
  return Math.round(best * 100) / 100;
}

interface InkPoints {
  xs: Float32Array;
  ys: Float32Array;
  height: number;
}

/** Ink pixels of the page seen at ANALYSIS_WIDTH, evenly thinned to at most MAX_INK_SAMPLES. */
function inkPoints(raster: GreyRaster, inkBelow: number): InkPoints {
  const { data, width } = raster;
  const factor = Math.min(1, ANALYSIS_WIDTH / width);
  const step = 1 / factor;
  const rows = Math.floor(raster.height * factor);
  // Every other analysis column: the angle's precision comes from the page's width, which
  // stays whole, and a line of text still leaves hundreds of points.
  const columns = Math.floor((width * factor) / COLUMN_STEP);
  const columnAt = new Int32Array(columns);
  const columnX = new Float32Array(columns);
  for (let c = 0; c < columns; c++) {
    columnX[c] = c * COLUMN_STEP;
    columnAt[c] = Math.floor(columnX[c]! * step);
  }
  // Estimated first from a few rows, so the sample is thinned evenly over the whole page
  // rather than cut off at its end.
  let estimate = 0;
  for (let sy = 0; sy < rows; sy += ESTIMATE_ROW_STEP) {
    const row = Math.floor(sy * step) * width;
    for (let sx = 0; sx < columns; sx++) if (data[row + columnAt[sx]!]! < inkBelow) estimate += ESTIMATE_ROW_STEP;
  }
  const keepEvery = Math.max(1, Math.round(estimate / MAX_INK_SAMPLES));
  const capacity = 2 * MAX_INK_SAMPLES;
  const xs = new Float32Array(capacity);
  const ys = new Float32Array(capacity);
  let seen = 0;
  let kept = 0;
  for (let sy = 0; sy < rows; sy++) {
    const row = Math.floor(sy * step) * width;
    for (let sx = 0; sx < columns; sx++) {
      if (data[row + columnAt[sx]!]! >= inkBelow) continue;
      if (seen++ % keepEvery === 0 && kept < capacity) {
        xs[kept] = columnX[sx]!;
        ys[kept++] = sy;
      }
    }
  }
  return { xs: xs.subarray(0, kept), ys: ys.subarray(0, kept), height: rows };
}

function profileSharpness(ink: InkPoints, degrees: number, bins: Int32Array): number {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  bins.fill(0);
  const { xs, ys } = ink;
  for (let i = 0; i < xs.length; i++) {
    // Row the point lands on after a clockwise rotation (y grows downwards); the margin keeps
    // it positive, so truncation rounds.
    const row = (xs[i]! * sin + ys[i]! * cos + ANALYSIS_WIDTH + 0.5) | 0;
    if (row < bins.length) bins[row]!++;
  }
  let sum = 0;
  for (let i = 0; i < bins.length; i++) sum += bins[i]! * bins[i]!;
  return sum;
}
