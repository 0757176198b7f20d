import { logger } from '../log/logger';
import { removeSpecks, repairLostScanLines } from './fax-repair';
import { decodeGrey, encodeForOcr, fromRaw, toGrey, type GreyRaster } from './grey-raster';
import type { QuarterTurn } from './orientation';
import { identityTransform, type PageTransform } from './page-geometry';
import { greyLevels, surveyPage } from './page-survey';
import { evenOutLight, measurePaperLight, stretchContrast } from './paper-light';
import { estimateSkewDegrees } from './skew';

const log = logger('imaging');

/** Tesseract's text model is trained on about this resolution; lower input is scaled up to it. */
export const OCR_DPI = 300;
const UPSCALE_BELOW_DPI = 250;
const MAX_UPSCALE = 3;
// Smaller corrections than this change nothing Tesseract notices, but resampling blurs strokes.
const MIN_SKEW_DEGREES = 0.3;
// Noise σ (grey levels) above which the page is smoothed; a clean scan measures 0–4.
const NOISY_SIGMA = 10;
// Smoothing σ (pixels at 300 dpi) is the noise σ over 16, within these bounds: past about two
// pixels the strokes of 8 pt type start to merge (tuned on the scan corpus's tuning seeds and
// the document corpus's noisy forms).
const NOISE_PER_SMOOTHING = 16;
const MIN_SMOOTHING = 0.8;
const MAX_SMOOTHING = 1.8;
// Paper this much dimmer in places than elsewhere defeats Tesseract's single global threshold;
// a little vignetting (under 30 levels) it reads through unaided.
const UNEVEN_LIGHT_SPREAD = 32;
const BILEVEL_SOFTEN_AT_204 = 0.6;
// Print whose darkest half-percent is lighter than this never reaches dark ink: soft (small
// type through blurry optics). Crisp print at any resolution reaches 10–50.
const SOFT_INK_LEVEL = 80;

export interface PreparationSteps {
  quarterTurn: QuarterTurn;
  skewDegrees: number;
  scale: number;
  noiseSigma: number;
  denoise: 'none' | 'smoothed';
  /** The page came through one bit (a fax): specks and lost scan lines were looked for. */
  bilevel: boolean;
  specksRemoved: number;
  linesRepaired: number;
  lightEvened: boolean;
  sharpened: boolean;
  contrastStretched: boolean;
}

export interface PreparedPage {
  /** Greyscale PNG for the engine only (the DPI travels beside it); the person keeps seeing the original. */
  image: Buffer;
  dpi: number;
  /** Maps boxes read on `image` back onto the displayed page. */
  transform: PageTransform;
  steps: PreparationSteps;
  /** The pixels of `image`, already in memory, for measurements that need no second decode. */
  raster: GreyRaster;
}

export interface PrepareOptions {
  /** Quarter turn (clockwise) that stands the page upright, when already known. */
  quarterTurn?: QuarterTurn;
}

/**
 * Makes the raster an OCR engine reads from the page the person sees. The page is surveyed
 * first (noise, one-bit origin, ink and paper levels, paper light, resolution, skew) and only
 * what it needs is done: noise smoothed; a fax's specks and lost scan lines repaired; uneven
 * light evened out; low resolutions scaled to 300 dpi (and sharpened when the print is soft);
 * contrast stretched; turned upright and deskewed. The result stays grey: Tesseract's
 * recogniser reads grey better than any binarisation made before it.
 */
export async function preparePageForOcr(image: Buffer, dpi: number, options: PrepareOptions = {}): Promise<PreparedPage> {
  const { raster: original, engineReady } = await decodeGrey(image);
  const survey = surveyPage(original);
  const sourceDpi = dpi > 0 ? dpi : OCR_DPI;
  const scale = dpi > 0 && dpi < UPSCALE_BELOW_DPI ? Math.min(MAX_UPSCALE, OCR_DPI / dpi) : 1;
  const noisy = survey.noiseSigma > NOISY_SIGMA;

  let page = original;
  // A Gaussian, wider the heavier the noise, averages it away and leaves strokes Tesseract
  // reads; a median, or a binarisation after smoothing, costs it more characters than it saves.
  if (noisy) {
    const sigma = Math.min(MAX_SMOOTHING, Math.max(MIN_SMOOTHING, survey.noiseSigma / NOISE_PER_SMOOTHING));
    page = await toGrey(fromRaw(page).blur((sigma * sourceDpi) / OCR_DPI));
  }
  let specksRemoved = 0;
  let linesRepaired = 0;
  if (survey.bilevel && !noisy) {
    ({ raster: page, removed: specksRemoved } = removeSpecks(page, sourceDpi));
    ({ raster: page, repaired: linesRepaired } = repairLostScanLines(page));
    // One bit leaves every edge a staircase; softening it by about half a fax pixel gives the
    // recogniser back the grey edges a scanner would have seen.
    page = await toGrey(fromRaw(page).blur((BILEVEL_SOFTEN_AT_204 * sourceDpi) / 204));
  }
  const lightEvened = measurePaperLight(page, sourceDpi, true).spread > UNEVEN_LIGHT_SPREAD;
  if (lightEvened) page = evenOutLight(page, measurePaperLight(page, sourceDpi));
  // Upscaling softens; soft print (whose strokes never reach dark ink: small type through
  // blurry optics) gets its edges back. Crisp print only rings, and a one-bit page's edges
  // are already hard.
  const sharpened = scale !== 1 && !survey.bilevel && !noisy && survey.levels.ink > SOFT_INK_LEVEL;
  if (scale !== 1) {
    const resized = fromRaw(page).resize({
      width: Math.round(page.width * scale),
      height: Math.round(page.height * scale),
      fit: 'fill',
      kernel: 'lanczos3',
    });
    page = await toGrey(sharpened ? resized.sharpen({ sigma: 1 }) : resized);
  }
  const ocrDpi = Math.round(sourceDpi * scale);
  // Up to here every step made a new raster; the stretch works in place on the last one.
  const untouched = page === original;
  let levels = untouched ? survey.levels : greyLevels(page);
  const stretched = stretchContrast(page, levels);
  if (stretched) levels = stretched;

  const quarterTurn = options.quarterTurn ?? 0;
  const upright = quarterTurn === 0 ? page : await toGrey(fromRaw(page).rotate(quarterTurn));
  const measuredSkew = estimateSkewDegrees(upright, levels.inkBelow);
  const skewDegrees = Math.abs(measuredSkew) >= MIN_SKEW_DEGREES ? measuredSkew : 0;
  const degrees = quarterTurn + skewDegrees;
  const paper = levels.paper;
  // One resampling for turn and skew together; the corners it opens are filled with paper.
  const final = skewDegrees === 0 ? upright : await toGrey(fromRaw(page).rotate(degrees, { background: { r: paper, g: paper, b: paper } }));

  const transform: PageTransform = {
    ...identityTransform(original.width, original.height),
    degrees,
    rotatedWidth: final.width / scale,
    rotatedHeight: final.height / scale,
    scale,
  };
  const steps: PreparationSteps = {
    quarterTurn,
    skewDegrees,
    scale,
    noiseSigma: Math.round(survey.noiseSigma * 10) / 10,
    denoise: noisy ? 'smoothed' : 'none',
    bilevel: survey.bilevel,
    specksRemoved,
    linesRepaired,
    lightEvened,
    sharpened,
    contrastStretched: stretched !== null,
  };
  log.debug('page prepared for OCR', steps);
  // A page nothing was done to goes to the engine in the bytes it came in, when they will do.
  const forEngine = untouched && !stretched && final === page && engineReady ? image : await encodeForOcr(final);
  return { image: forEngine, dpi: ocrDpi, transform, steps, raster: final };
}
