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
  const region = clampBox(image, box);
  if (!region) return null;
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
