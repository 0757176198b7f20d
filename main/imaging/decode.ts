import sharp from 'sharp';
import { FolioError } from '../../app/contract/errors';
import { isSupportedFormat, refusalMessage, sniffFormat, type ImageFormat } from './formats';

/** Over this many pixels a page is refused: a decompression bomb, not a scan (A4 at 600 dpi is 35 MP). */
export const MAX_PAGE_PIXELS = 80_000_000;
export const DEFAULT_DPI = 300;

export interface DecodedPage {
  index: number;
  /** The page as the person sees it: orientation applied, PNG-encoded. */
  display: Buffer;
  width: number;
  height: number;
  dpi: number;
}

export interface PageSource {
  format: ImageFormat;
  pageCount: number;
  /** Decodes one page on demand, so a long document is never held in memory whole. */
  page(index: number): Promise<DecodedPage>;
}

sharp.cache(false);
sharp.concurrency(1);

/** Opens a file's bytes as a page source, or throws a typed error saying what is wrong. */
export async function openPageSource(bytes: Buffer): Promise<PageSource> {
  if (bytes.length === 0) throw new FolioError('empty_file', 'The file is empty (0 bytes).');
  const format = sniffFormat(bytes);
  if (!isSupportedFormat(format)) throw new FolioError('unsupported_format', refusalMessage(format));
  if (format === 'pdf') {
    throw new FolioError('unsupported_format', 'PDF import is not available yet. Import the pages as images.');
  }
  const pageCount = await rasterPageCount(bytes);
  return { format, pageCount, page: (index) => decodeRasterPage(bytes, index) };
}

async function rasterPageCount(bytes: Buffer): Promise<number> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_PAGE_PIXELS }).metadata();
    assertPixelLimit(meta.width, meta.height);
    return Math.max(1, meta.pages ?? 1);
  } catch (error) {
    throw asImageError(error);
  }
}

async function decodeRasterPage(bytes: Buffer, index: number): Promise<DecodedPage> {
  try {
    const image = sharp(bytes, { page: index, limitInputPixels: MAX_PAGE_PIXELS, failOn: 'truncated' });
    const meta = await image.metadata();
    assertPixelLimit(meta.width, meta.height);
    const { data, info } = await image.rotate().png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
    return { index, display: data, width: info.width, height: info.height, dpi: meta.density ?? DEFAULT_DPI };
  } catch (error) {
    throw asImageError(error);
  }
}

function assertPixelLimit(width: number | undefined, height: number | undefined): void {
  if ((width ?? 0) * (height ?? 0) > MAX_PAGE_PIXELS) {
    throw new FolioError('too_large', 'The page image is larger than Folio accepts (over 80 megapixels). Scan at 300 dpi.');
  }
}

function asImageError(error: unknown): FolioError {
  if (error instanceof FolioError) return error;
  const text = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(text)) {
    return new FolioError('too_large', 'The page image is larger than Folio accepts (over 80 megapixels). Scan at 300 dpi.');
  }
  return new FolioError('corrupt_file', 'The file is damaged or incomplete and could not be decoded.');
}
