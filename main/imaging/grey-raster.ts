import sharp from 'sharp';

/** An 8-bit, one-channel raster: the shape all pixel math in preprocessing works on. */
export interface GreyRaster {
  data: Uint8Array;
  width: number;
  height: number;
}

export type SharpPipeline = ReturnType<typeof sharp>;

/**
 * The page as one grey channel, decoded once. Scans are mostly grey, stored as grey or as
 * colour with three equal channels: those keep one channel as it is, which is several times
 * faster than sharp's colour-space conversion to the same bytes.
 */
export async function decodeGrey(image: Buffer): Promise<GreyRaster> {
  const meta = await sharp(image).metadata();
  if (meta.hasAlpha || (meta.channels !== 1 && meta.channels !== 3)) return toGrey(sharp(image));
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  if (channels === 1) return { data, width, height };
  if (looksGrey(data, channels)) {
    const grey = await sharp(data, { raw: { width, height, channels } }).extractChannel(0).raw().toBuffer();
    return { data: grey, width, height };
  }
  // Rec. 601 luma in integer steps: what OCR needs from colour, at a fraction of the cost.
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i++, j += channels) grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  return { data: grey, width, height };
}

/** True when a spread sample of pixels has equal channels: a grey page saved as colour. */
function looksGrey(data: Uint8Array, channels: number): boolean {
  const pixels = data.length / channels;
  const step = Math.max(1, Math.floor(pixels / 20_000));
  for (let pixel = 0; pixel < pixels; pixel += step) {
    const at = pixel * channels;
    if (data[at] !== data[at + 1] || data[at] !== data[at + 2]) return false;
  }
  return true;
}

/** Runs a sharp pipeline to one grey channel, whatever channels libvips chose to produce. */
export async function toGrey(image: SharpPipeline): Promise<GreyRaster> {
  const { data, info } = await image.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  // sharp keeps three channels for some inputs even after greyscale(); take the first.
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels]!;
  return { data: grey, width: info.width, height: info.height };
}

/** A sharp pipeline over the raster's bytes, for the steps libvips does faster than JavaScript. */
export function fromRaw(raster: GreyRaster): SharpPipeline {
  return sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 1 } });
}

/**
 * Binary PGM (P5): the raster as it is, behind a one-line header. Both Tesseract builds read it
 * from a buffer, and unlike PNG it costs nothing to encode or decode.
 */
export function encodePgm(raster: GreyRaster): Buffer {
  const header = Buffer.from(`P5\n${raster.width} ${raster.height}\n255\n`, 'ascii');
  return Buffer.concat([header, raster.data.subarray(0, raster.width * raster.height)]);
}
