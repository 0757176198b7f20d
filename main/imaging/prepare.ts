import sharp from 'sharp';
import { logger } from '../log/logger';
import { encodePgm, estimateNoiseSigma, sauvolaBinarize, stretchContrast, type GreyRaster } from './grey-raster';
import type { QuarterTurn } from './orientation';
import { identityTransform, type PageTransform } from './page-geometry';
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
const VERY_NOISY_SIGMA = 30;

export interface PreparationSteps {
  quarterTurn: QuarterTurn;
  skewDegrees: number;
  scale: number;
  noiseSigma: number;
  denoise: 'none' | 'median3' | 'median5';
  binarized: boolean;
}

export interface PreparedPage {
  /** Greyscale PGM for the engine only (the DPI travels beside it); the person keeps seeing the original. */
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
 * Makes the raster an OCR engine reads from the page the person sees: contrast stretched,
 * noise smoothed when there is noise, low resolutions scaled to 300 dpi, turned by the given
 * quarter turn and deskewed, then binarised with a local threshold. Every step is measured first and skipped
 * when the page does not need it, so a clean page reaches the engine practically unchanged.
 */
export async function preparePageForOcr(image: Buffer, dpi: number, options: PrepareOptions = {}): Promise<PreparedPage> {
  const original = await decodeGrey(image);
  const noiseSigma = estimateNoiseSigma(original);
  const scale = dpi > 0 && dpi < UPSCALE_BELOW_DPI ? Math.min(MAX_UPSCALE, OCR_DPI / dpi) : 1;
  const denoise: PreparationSteps['denoise'] = noiseSigma > VERY_NOISY_SIGMA ? 'median5' : noiseSigma > NOISY_SIGMA ? 'median3' : 'none';

  let pipeline = fromRaw(original);
  if (denoise !== 'none') pipeline = pipeline.median(denoise === 'median5' ? 5 : 3);
  if (scale !== 1) {
    pipeline = pipeline.resize({
      width: Math.round(original.width * scale),
      height: Math.round(original.height * scale),
      fit: 'fill',
      kernel: 'lanczos3',
    });
  }
  const cleaned = stretchContrast(denoise === 'none' && scale === 1 ? original : await toGrey(pipeline));
  const ocrDpi = Math.round((dpi > 0 ? dpi : OCR_DPI) * scale);
  const window = sauvolaWindow(ocrDpi);
  // Skew is measured on dark pixels; after contrast stretching a fixed cut finds them on any
  // page but a noisy one, which gets the local threshold it needs anyway.
  const binary = denoise === 'none' ? null : sauvolaBinarize(cleaned, window);
  const forSkew = binary ?? cleaned;

  const quarterTurn = options.quarterTurn ?? 0;
  const upright = quarterTurn === 0 ? forSkew : await toGrey(fromRaw(forSkew).rotate(quarterTurn));
  const measuredSkew = estimateSkewDegrees(upright);
  const skewDegrees = Math.abs(measuredSkew) >= MIN_SKEW_DEGREES ? measuredSkew : 0;
  const degrees = quarterTurn + skewDegrees;

  let final = cleaned;
  if (degrees !== 0) final = await toGrey(fromRaw(cleaned).rotate(degrees, { background: '#ffffff' }));
  const binarized = denoise !== 'none' || degrees !== 0 || scale !== 1;
  if (binarized) final = degrees === 0 && binary ? binary : sauvolaBinarize(final, window);

  const transform: PageTransform = {
    ...identityTransform(original.width, original.height),
    degrees,
    rotatedWidth: final.width / scale,
    rotatedHeight: final.height / scale,
    scale,
  };
  const steps: PreparationSteps = { quarterTurn, skewDegrees, scale, noiseSigma: Math.round(noiseSigma * 10) / 10, denoise, binarized };
  log.debug('page prepared for OCR', steps);
  return { image: encodePgm(final), dpi: ocrDpi, transform, steps };
}

/** About a sixth of an inch: wider than any stroke, narrow enough to follow uneven lighting. */
function sauvolaWindow(dpi: number): number {
  return Math.max(15, Math.round(dpi / 6)) | 1;
}

function fromRaw(raster: GreyRaster): ReturnType<typeof sharp> {
  return sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 1 } });
}

/**
 * The page as one grey channel. Scans are mostly stored grey already: those are read as they
 * are, which is several times faster than sharp's colour-space conversion to the same bytes.
 */
async function decodeGrey(image: Buffer): Promise<GreyRaster> {
  const meta = await sharp(image).metadata();
  if (meta.hasAlpha || (meta.channels !== 1 && meta.channels !== 3)) return toGrey(sharp(image));
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  // Rec. 601 luma in integer steps: what OCR needs from colour, at a fraction of the cost.
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0, j = 0; i < grey.length; i++, j += info.channels) {
    grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  }
  return { data: grey, width: info.width, height: info.height };
}

async function toGrey(image: ReturnType<typeof sharp>): Promise<GreyRaster> {
  const { data, info } = await image.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  // sharp keeps three channels for some inputs even after greyscale(); take the first.
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels]!;
  return { data: grey, width: info.width, height: info.height };
}
