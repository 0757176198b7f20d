import type { GreyRaster } from './grey-raster';

/**
 * What a page needs, measured cheaply before anything is changed. Every preparation step is
 * gated on one of these figures, so a clean page costs a few milliseconds of looking and
 * reaches the engine as it is.
 */
export interface PageSurvey {
  /** Additive noise, in grey levels (Immerkær); a clean scan measures 0–4. */
  noiseSigma: number;
  /**
   * The pixels came through one bit (a fax, a G4 TIFF): whatever grey there is comes from
   * resampling, so a row holds only a few dozen distinct levels where a grey scan holds
   * a hundred. Such a page can have specks and lost scan lines, and must not be sharpened.
   */
  bilevel: boolean;
  /** Grey level halfway between ink and paper: what counts as ink for measuring the page. */
  inkBelow: number;
  /** Typical paper level: the background a rotation fills the corners with. */
  paperLevel: number;
}

const SURVEY_ROWS = 120;
// Rows of a fax resampled to square pixels hold 20–30 levels; grey scans 70 and more.
const MAX_BILEVEL_LEVELS = 40;
const HISTOGRAM_STRIDE = 13;
const MIN_INK_CONTRAST = 32;
// Rows the noise is measured on: plenty for a stable quarter-quantile, a few ms on a page.
const NOISE_ROWS = 160;

export function surveyPage(raster: GreyRaster): PageSurvey {
  const levels = greyLevels(raster);
  return { noiseSigma: estimateNoiseSigma(raster), bilevel: isBilevel(raster), ...levels };
}

/** Ink threshold and paper level from a sampled histogram: the darkest and the middle of the page. */
export function greyLevels(raster: GreyRaster): { inkBelow: number; paperLevel: number } {
  const { data } = raster;
  const histogram = new Uint32Array(256);
  let sampled = 0;
  for (let i = 0; i < data.length; i += HISTOGRAM_STRIDE, sampled++) histogram[data[i]!]!++;
  const percentile = (percent: number): number => {
    const target = (sampled * percent) / 100;
    let seen = 0;
    for (let value = 0; value < 256; value++) {
      seen += histogram[value]!;
      if (seen >= target) return value;
    }
    return 255;
  };
  // Most of a page is paper, so its median is the paper; ink is a few percent at most, and
  // the half-percentile lands inside it on any page that has text.
  const paperLevel = percentile(50);
  const ink = percentile(0.5);
  // A page with hardly any ink still needs a cut below the paper's own grain.
  return { inkBelow: Math.min(Math.round((ink + paperLevel) / 2), paperLevel - MIN_INK_CONTRAST), paperLevel };
}

function isBilevel(raster: GreyRaster): boolean {
  const { data, width, height } = raster;
  const step = Math.max(1, Math.floor(height / SURVEY_ROWS));
  const counts: number[] = [];
  const seen = new Uint8Array(256);
  for (let y = 0; y < height; y += step) {
    seen.fill(0);
    let distinct = 0;
    let ink = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const value = data[row + x]!;
      if (value < 128) ink++;
      if (seen[value] === 0) {
        seen[value] = 1;
        distinct++;
      }
    }
    // Blank rows say nothing: paper alone is one level on any page.
    if (ink >= 4) counts.push(distinct);
  }
  if (counts.length === 0) return false;
  counts.sort((a, b) => a - b);
  return counts[counts.length >> 1]! <= MAX_BILEVEL_LEVELS;
}

/**
 * Estimates the standard deviation of additive noise (Immerkær, 1996): a Laplacian-difference
 * kernel cancels smooth image structure, so what is left is mostly noise. Text edges add a
 * little, which is why only the quieter half of the sampled rows is counted.
 */
export function estimateNoiseSigma(raster: GreyRaster): number {
  const { data, width, height } = raster;
  if (width < 3 || height < 3) return 0;
  const rowStep = Math.max(1, Math.floor(height / NOISE_ROWS));
  const rowSigmas: number[] = [];
  for (let y = 1; y < height - 1; y += rowStep) {
    let sum = 0;
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x;
      const value =
        data[at - width - 1]! - 2 * data[at - width]! + data[at - width + 1]! -
        2 * data[at - 1]! + 4 * data[at]! - 2 * data[at + 1]! +
        data[at + width - 1]! - 2 * data[at + width]! + data[at + width + 1]!;
      sum += Math.abs(value);
    }
    rowSigmas.push((Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2)));
  }
  rowSigmas.sort((a, b) => a - b);
  return rowSigmas[Math.floor(rowSigmas.length / 4)] ?? 0;
}
