import type { GreyRaster } from './grey-raster';

// Scans are analysed at about this width: enough to resolve a tenth of a degree over the
// width of a line, small enough to stay in the tens of milliseconds.
const ANALYSIS_WIDTH = 1000;
const MAX_INK_SAMPLES = 60_000;

/**
 * Finds the small rotation that makes text lines horizontal, by projection profiles: rotated
 * by the right angle, ink piles up on the lines and leaves the gaps between them empty, so the
 * row histogram is at its most uneven. Returns the angle in degrees to rotate by, clockwise
 * positive (sharp's convention), within ±maxDegrees. Pixels darker than mid-grey count as ink,
 * so a binarised page or a contrast-stretched grey one both work.
 */
export function estimateSkewDegrees(binary: GreyRaster, maxDegrees = 10): number {
  const ink = inkPoints(binary);
  if (ink.xs.length < 200) return 0;
  const score = (degrees: number): number => profileSharpness(ink, degrees, ink.height);
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

function inkPoints(binary: GreyRaster): { xs: Float32Array; ys: Float32Array; height: number } {
  const factor = Math.min(1, ANALYSIS_WIDTH / binary.width);
  const step = 1 / factor;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let sy = 0; sy < binary.height * factor; sy++) {
    const y = Math.floor(sy * step);
    for (let sx = 0; sx < binary.width * factor; sx++) {
      const x = Math.floor(sx * step);
      if (binary.data[y * binary.width + x]! < 128) {
        xs.push(sx);
        ys.push(sy);
      }
    }
  }
  // An evenly thinned sample keeps the profile's shape and bounds the work.
  const keepEvery = Math.max(1, Math.ceil(xs.length / MAX_INK_SAMPLES));
  const keptX = new Float32Array(Math.ceil(xs.length / keepEvery));
  const keptY = new Float32Array(keptX.length);
  for (let i = 0, j = 0; i < xs.length; i += keepEvery, j++) {
    keptX[j] = xs[i]!;
    keptY[j] = ys[i]!;
  }
  return { xs: keptX, ys: keptY, height: Math.ceil(binary.height * factor) };
}

function profileSharpness(ink: { xs: Float32Array; ys: Float32Array }, degrees: number, height: number): number {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const margin = ANALYSIS_WIDTH;
  const bins = new Float64Array(height + 2 * margin);
  for (let i = 0; i < ink.xs.length; i++) {
    // Row the point lands on after a clockwise rotation (y grows downwards).
    const row = Math.round(ink.xs[i]! * sin + ink.ys[i]! * cos) + margin;
    if (row >= 0 && row < bins.length) bins[row]! += 1;
  }
  let sum = 0;
  for (const count of bins) sum += count * count;
  return sum;
}
