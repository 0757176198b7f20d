import sharp from 'sharp';

/** An 8-bit, one-channel raster: the shape all pixel math in preprocessing works on. */
export interface GreyRaster {
  data: Uint8Array;
  width: number;
  height: number;
}

export type SharpPipeline = ReturnType<typeof sharp>;

export interface DecodedGrey {
  raster: GreyRaster;
  /** The encoded image already is what the engine reads (a one-channel 8-bit PNG). */
  engineReady: boolean;
}

/**
 * The page as one grey channel, decoded once. Scans are mostly grey, stored as grey or as
 * colour with three equal channels: those keep one channel as it is, which is several times
 * faster than sharp's colour-space conversion to the same bytes.
 */
export async function decodeGrey(image: Buffer): Promise<DecodedGrey> {
  const meta = await sharp(image).metadata();
  if (meta.hasAlpha || (meta.channels !== 1 && meta.channels !== 3)) return { raster: await toGrey(sharp(image)), engineReady: false };
  // libvips hands a one-channel PNG back as three channels unless told it is grey, and
  // converts it there and back at three times the cost of reading it.
  const decoder = meta.channels === 1 ? sharp(image).toColourspace('b-w') : sharp(image);
  const { data, info } = await decoder.raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  if (channels === 1) return { raster: { data, width, height }, engineReady: meta.format === 'png' && meta.depth === 'uchar' };
  if (looksGrey(data, channels)) {
    const grey = await sharp(data, { raw: { width, height, channels } }).extractChannel(0).raw().toBuffer();
    return { raster: { data: grey, width, height }, engineReady: false };
  }
  // Rec. 601 luma in integer steps: what OCR needs from colour, at a fraction of the cost.
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i++, j += channels) grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  return { raster: { data: grey, width, height }, engineReady: false };
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
 * The raster as the engine's input: a one-channel PNG at the fastest deflate level, without
 * row filters. Tesseract reads its standard input a byte at a time, so bytes cost more than
 * deflate does: a 9 MB greymap takes it 0.2 s longer to read and parse than this PNG (a
 * tenth of the size, 10 ms to encode) takes to read and inflate.
 */
export function encodeForOcr(raster: GreyRaster): Promise<Buffer> {
  return fromRaw(raster).toColourspace('b-w').png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer();
}
