import sharp from 'sharp';
import type { Box } from '../../app/model/geometry';
import type { ModelInput } from './recognizer-worker';

/** PaddleOCR's recognition input: 48 px high, at least 320 wide (padded on the right). */
export const MODEL_HEIGHT = 48;
export const MIN_MODEL_WIDTH = 320;
/** A line wider than 40 heights is squeezed to this (the model was trained on lines up to about 25). */
export const MAX_MODEL_WIDTH = MODEL_HEIGHT * 40;

/** A page or crop as 8-bit grey pixels, decoded once for all its lines. */
export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

export async function decodeGrey(image: Buffer): Promise<GreyImage> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The part of `box` inside the image, in whole pixels; null when nothing of it is. */
export function clampBox(image: { width: number; height: number }, box: Box): { left: number; top: number; width: number; height: number } | null {
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const right = Math.min(image.width, Math.ceil(box.x + box.width));
  const bottom = Math.min(image.height, Math.ceil(box.y + box.height));
  if (right - left < 2 || bottom - top < 2) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * A line of the image as the model's input: resized to 48 px high and to its width by aspect,
 * times `stretch` (1.5 spreads a run of equal digits over more frames, so CTC does not merge
 * them), grey replicated into the three BGR channels, scaled to [-1, 1], padded with 0 (mid
 * grey, as PaddleOCR pads after normalising) to at least 320 columns.
 */
export async function modelInput(image: GreyImage, box: Box, stretch: number): Promise<ModelInput | null> {
  const drawn = clampBox(image, box);
  if (!drawn) return null;
  const region = inkBounds(image, drawn);
  const width = Math.max(1, Math.min(MAX_MODEL_WIDTH, Math.round((MODEL_HEIGHT * region.width * stretch) / region.height)));
  const pixels = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .extract(region)
    .resize({ width, height: MODEL_HEIGHT, fit: 'fill', kernel: 'cubic' })
    // Without it sharp hands a one-channel raw input back as three channels.
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const padded = Math.max(MIN_MODEL_WIDTH, width);
  const plane = MODEL_HEIGHT * padded;
  const data = new Float32Array(3 * plane);
  for (let y = 0; y < MODEL_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      const value = (pixels[y * width + x] as number) / 127.5 - 1;
      const at = y * padded + x;
      data[at] = value;
      data[plane + at] = value;
      data[2 * plane + at] = value;
    }
  }
  return { data, width: padded };
}

/** Share of a row's (column's) pixels that must be ink for it to count: above sensor noise, below any stroke. */
const INK_ROW_SHARE = 0.015;
const INK_COLUMN_SHARE = 0.05;

/**
 * The region shrunk to its ink, with a margin: a rectangle drawn loosely round a value (or a
 * line box with room above and below) would otherwise leave the writing a fraction of the 48
 * rows, its characters too narrow for CTC to tell two equal ones apart. Ink is darker than 60%
 * of the paper's level (the 90th percentile of the region); a region with no ink stays as it is.
 */
export function inkBounds(image: GreyImage, region: { left: number; top: number; width: number; height: number }): { left: number; top: number; width: number; height: number } {
  const histogram = new Uint32Array(256);
  for (let y = region.top; y < region.top + region.height; y++) {
    const row = y * image.width;
    for (let x = region.left; x < region.left + region.width; x++) histogram[image.data[row + x] as number] = (histogram[image.data[row + x] as number] as number) + 1;
  }
  let seen = 0;
  let paper = 255;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level] as number;
    if (seen >= region.width * region.height * 0.9) {
      paper = level;
      break;
    }
  }
  const threshold = paper * 0.6;
  const rows = new Uint32Array(region.height);
  const columns = new Uint32Array(region.width);
  for (let y = 0; y < region.height; y++) {
    const row = (region.top + y) * image.width + region.left;
    for (let x = 0; x < region.width; x++) {
      if ((image.data[row + x] as number) < threshold) {
        rows[y] = (rows[y] as number) + 1;
        columns[x] = (columns[x] as number) + 1;
      }
    }
  }
  const first = (counts: Uint32Array, least: number): number => counts.findIndex((count) => count >= least);
  const last = (counts: Uint32Array, least: number): number => counts.length - 1 - [...counts].reverse().findIndex((count) => count >= least);
  const rowLeast = Math.max(2, region.width * INK_ROW_SHARE);
  const columnLeast = Math.max(2, region.height * INK_COLUMN_SHARE);
  const top = first(rows, rowLeast);
  const left = first(columns, columnLeast);
  if (top < 0 || left < 0) return region;
  const bottom = last(rows, rowLeast);
  const right = last(columns, columnLeast);
  const inkHeight = bottom - top + 1;
  const marginY = Math.round(inkHeight * 0.12);
  const marginX = Math.round(inkHeight * 0.25);
  const x0 = Math.max(0, left - marginX);
  const y0 = Math.max(0, top - marginY);
  const x1 = Math.min(region.width, right + 1 + marginX);
  const y1 = Math.min(region.height, bottom + 1 + marginY);
  if (x1 - x0 < 2 || y1 - y0 < 2) return region;
  return { left: region.left + x0, top: region.top + y0, width: x1 - x0, height: y1 - y0 };
}
