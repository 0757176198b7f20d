import sharp from 'sharp';
import type { ImageFormat } from './formats';
import { asImageError, tooLargeError } from './imaging-errors';
import { DEFAULT_DPI, MAX_DOCUMENT_PAGES, MAX_PAGE_PIXELS, assertDocumentSize, type DecodedPage, type PageSource } from './page-source';
import { readTiffPages, type TiffPageDirectory } from './tiff-directory';

// Cameras and screenshot tools write 72 or 96 dpi whatever the subject; below this the number
// says nothing about the page, so it is estimated from the pixel size instead.
const MIN_TRUSTED_DPI = 100;
// A letter or A4 page's long side, in inches, for that estimate.
const PAGE_LONG_SIDE_INCHES = 11;

/** PNG, JPEG, WebP and (multi-page) TIFF, decoded one page at a time by sharp. */
export async function openRasterSource(bytes: Buffer, format: Exclude<ImageFormat, 'pdf'>): Promise<PageSource> {
  // The chain is walked here, one past the cap, before libtiff is asked to count it at all.
  const directories = format === 'tiff' ? readTiffPages(bytes, MAX_DOCUMENT_PAGES + 1) : [];
  assertDocumentSize(directories.length, 0);
  let pageCount: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_PAGE_PIXELS }).metadata();
    const frameHeight = meta.pageHeight ?? meta.height ?? 0;
    if ((meta.width ?? 0) * frameHeight > MAX_PAGE_PIXELS) throw tooLargeError();
    pageCount = Math.max(1, meta.pages ?? 1);
    // A page the directory walk could not size counts as large as the first page.
    const firstPage = (meta.width ?? 0) * frameHeight;
    let totalPixels = 0;
    for (let index = 0; index < pageCount; index++) {
      const directory = directories[index];
      totalPixels += directory?.width != null && directory.height != null ? directory.width * directory.height : firstPage;
    }
    assertDocumentSize(pageCount, totalPixels);
  } catch (error) {
    throw asImageError(error);
  }
  return {
    format,
    pageCount,
    page: (index) => decodeRasterPage(bytes, index, pageCount, directories[index]),
    close: async () => undefined,
  };
}

async function decodeRasterPage(
  bytes: Buffer,
  index: number,
  pageCount: number,
  tiff: TiffPageDirectory | undefined,
): Promise<DecodedPage> {
  try {
    const meta = await sharp(bytes, { page: index, limitInputPixels: MAX_PAGE_PIXELS }).metadata();
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PAGE_PIXELS) throw tooLargeError();
    // EXIF orientations 5–8 turn the page a quarter: across and down swap.
    const quarterTurn = (meta.orientation ?? 1) >= 5;
    const reportedX = tiff?.xDpi ?? meta.density ?? null;
    const reportedY = tiff?.yDpi ?? reportedX;
    const [xDpi, yDpi] = quarterTurn ? [reportedY, reportedX] : [reportedX, reportedY];
    const uprightWidth = quarterTurn ? (meta.height ?? 0) : (meta.width ?? 0);
    const uprightHeight = quarterTurn ? (meta.width ?? 0) : (meta.height ?? 0);

    // 'error', not 'truncated': a strip pointing past the end of a TIFF only raises an error,
    // and a page decoded from it would be silently blank.
    let image = sharp(bytes, { page: index, limitInputPixels: MAX_PAGE_PIXELS, failOn: 'error' }).autoOrient();
    let dpi = trustedDpi(xDpi, uprightWidth, uprightHeight);
    if (xDpi !== null && yDpi !== null && Math.abs(xDpi - yDpi) / Math.max(xDpi, yDpi) > 0.01) {
      // Fax pixels are not square (204×196, 204×98 dpi): resample to the finer of the two so
      // the page keeps its true proportions and every detail the scanner caught.
      const target = Math.max(xDpi, yDpi);
      const width = Math.round((uprightWidth * target) / xDpi);
      const height = Math.round((uprightHeight * target) / yDpi);
      if (width * height > MAX_PAGE_PIXELS) throw tooLargeError();
      image = image.resize({ width, height, fit: 'fill', kernel: 'cubic' });
      dpi = Math.round(target);
    }
    // A grey scan stays one channel: libvips would otherwise write it as three equal ones,
    // three times the bytes to encode, store and decode again for OCR.
    if (meta.channels === 1) image = image.toColourspace('b-w');
    const { data, info } = await image.png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
    return { index, display: data, width: info.width, height: info.height, dpi };
  } catch (error) {
    // A single-page file has no 'other pages' to offer; a multi-page one keeps them readable.
    throw asImageError(error, pageCount > 1 ? index : undefined);
  }
}

function trustedDpi(reported: number | null, width: number, height: number): number {
  if (reported !== null && reported >= MIN_TRUSTED_DPI) return Math.round(reported);
  const estimate = Math.round(Math.max(width, height) / PAGE_LONG_SIDE_INCHES);
  return Number.isFinite(estimate) && estimate > 0 ? Math.min(600, Math.max(MIN_TRUSTED_DPI, estimate)) : DEFAULT_DPI;
}
