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
  levels: GreyLevels;
}

/** Where a page's ink and paper lie, from a sampled histogram. */
export interface GreyLevels {
  /** Half-percentile: inside the ink on any page that has text. */
  ink: number;
  /** Median: most of a page is paper. */
  paper: number;
  /** 1st and 99th percentiles: what a contrast stretch maps to black and white. */
  darkest: number;
  lightest: number;
  /** Halfway between ink and paper: what counts as ink for measuring the page. */
  inkBelow: number;
}

const SURVEY_ROWS = 120;
// Rows of a fax resampled to square pixels hold 20–30 levels; grey scans 70 and more.
const MAX_BILEVEL_LEVELS = 40;
// Every third pixel: sparser samples move the 1st percentile by a level or two, which is
// enough to change how Tesseract reads a blurred page once its contrast is stretched.
const HISTOGRAM_STRIDE = 3;
const MIN_INK_CONTRAST = 32;
// Rows the noise is measured on: plenty for a stable quarter-quantile, a few ms on a page.
const NOISE_ROWS = 160;

export function surveyPage(raster: GreyRaster): PageSurvey {
  return { noiseSigma: estimateNoiseSigma(raster), bilevel: isBilevel(raster), levels: greyLevels(raster) };
}

export function greyLevels(raster: GreyRaster): GreyLevels {
  const histogram = sampledHistogram(raster.data);
  let sampled = 0;
  for (const count of histogram) sampled += count;
  const percentile = (percent: number): number => {
    const target = (sampled * percent) / 100;
    let seen = 0;
    for (let value = 0; value < 256; value++) {
      seen += histogram[value]!;
      if (seen >= target) return value;
    }
    return 255;
  };
  const ink = percentile(0.5);
  const paper = percentile(50);
  return { ink, paper, darkest: percentile(1), lightest: percentile(99), inkBelow: inkThreshold(ink, paper) };
}

/** Halfway between ink and paper; on a page with hardly any ink, still below the paper's grain. */
export function inkThreshold(ink: number, paper: number): number {
  return Math.max(1, Math.min(Math.round((ink + paper) / 2), paper - MIN_INK_CONTRAST));
}

/**
 * Histogram of every third pixel. White paper is most of a page: four white pixels are one
 * 32-bit word of all ones, counted without looking at its bytes (the third pixels in word w
 * are two when w is a multiple of three, else one).
 */
function sampledHistogram(data: Uint8Array): Uint32Array {
  const histogram = new Uint32Array(256);
  let from = 0;
  if (data.byteOffset % 4 === 0 && HISTOGRAM_STRIDE === 3) {
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
    let white = 0;
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0xffffffff) {
        white += w % 3 === 0 ? 2 : 1;
        continue;
      }
      const at = w << 2;
      // The first multiple of three at or after the word's first byte, then every third.
      for (let i = at + ((3 - (at % 3)) % 3); i < at + 4; i += 3) histogram[data[i]!]!++;
    }
    histogram[255]! += white;
    from = words.length << 2;
    from += (3 - (from % 3)) % 3;
  }
  for (let i = from; i < data.length; i += HISTOGRAM_STRIDE) histogram[data[i]!]!++;
  return histogram;
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
