import { logger } from '../log/logger';
import { removeSpecks, repairLostScanLines } from './fax-repair';
import { decodeGrey, encodeForOcr, fromRaw, toGrey } from './grey-raster';
import type { QuarterTurn } from './orientation';
import { identityTransform, type PageTransform } from './page-geometry';
import { greyLevels, surveyPage } from './page-survey';
import { evenOutLight, measurePaperLight } from './paper-light';
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
// Paper this much dimmer in places than elsewhere defeats Tesseract's single global threshold;
// a little vignetting (under 30 levels) it reads through unaided.
const UNEVEN_LIGHT_SPREAD = 32;
const BILEVEL_SOFTEN_AT_204 = 0.6;

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
}

export interface PreparedPage {
  /** Greyscale PNG for the engine only (the DPI travels beside it); the person keeps seeing the original. */
  image: Buffer;
  dpi: number;
  /** Maps boxes read on `image` back onto the displayed page. */
  transform: PageTransform;
  steps: PreparationSteps;
}

export interface PrepareOptions {
  /** Quarter turn (clockwise) that stands the page upright, when already known. */
  quarterTurn?: QuarterTurn;
}

/**
 * Makes the raster an OCR engine reads from the page the person sees. The page is surveyed
 * first (noise, one-bit origin, paper light, resolution, skew) and only what it needs is done:
 * noise smoothed; a fax's specks and lost scan lines repaired; uneven light evened out; low
 * resolutions scaled to 300 dpi (and sharpened, unless one-bit); turned upright and deskewed.
 * The result stays grey: Tesseract's recogniser reads grey better than any binarisation
 * made before it, so a clean page reaches the engine as it was decoded.
 */
export async function preparePageForOcr(image: Buffer, dpi: number, options: PrepareOptions = {}): Promise<PreparedPage> {
  const { raster: original, engineReady } = await decodeGrey(image);
  const survey = surveyPage(original);
  const sourceDpi = dpi > 0 ? dpi : OCR_DPI;
  const scale = dpi > 0 && dpi < UPSCALE_BELOW_DPI ? Math.min(MAX_UPSCALE, OCR_DPI / dpi) : 1;
  const noisy = survey.noiseSigma > NOISY_SIGMA;

  let page = original;
  // A Gaussian of about a third of a stroke's width leaves the strokes and averages the noise
  // away; a median or a binarisation after it costs Tesseract more characters than it saves.
  if (noisy) page = await toGrey(fromRaw(page).blur(Math.max(0.6, sourceDpi / OCR_DPI)));
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
  // Upscaling softens; a low-resolution grey scan gets its edges back. A one-bit page's edges
  // are already hard, and sharpening only rings around them.
  const sharpened = scale !== 1 && !survey.bilevel && !noisy;
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

  const quarterTurn = options.quarterTurn ?? 0;
  const levels = page === original ? survey : greyLevels(page);
  const upright = quarterTurn === 0 ? page : await toGrey(fromRaw(page).rotate(quarterTurn));
  const measuredSkew = estimateSkewDegrees(upright, levels.inkBelow);
  const skewDegrees = Math.abs(measuredSkew) >= MIN_SKEW_DEGREES ? measuredSkew : 0;
  const degrees = quarterTurn + skewDegrees;
  const paper = levels.paperLevel;
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
  };
  log.debug('page prepared for OCR', steps);
  // A page nothing was done to goes to the engine in the bytes it came in, when they will do.
  const forEngine = final === original && engineReady ? image : await encodeForOcr(final);
  return { image: forEngine, dpi: ocrDpi, transform, steps };
}
