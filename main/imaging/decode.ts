import sharp from 'sharp';
import { FolioError } from '../../app/contract/errors';
import { isSupportedFormat, refusalMessage, sniffFormat } from './formats';
import type { PageSource } from './page-source';
import { openPdfSource } from './pdf-source';
import { openRasterSource } from './raster-source';

export { DEFAULT_DPI, MAX_PAGE_PIXELS, type DecodedPage, type PageSource } from './page-source';

// Pages are decoded one at a time and never revisited: a cache only holds memory, and the
// pipeline already runs pages in parallel.
sharp.cache(false);
sharp.concurrency(1);

/**
 * Opens a file's bytes as a page source, or throws a typed error saying what is wrong and what
 * to do. The format comes from the bytes; a file's name is never looked at.
 */
export async function openPageSource(bytes: Buffer): Promise<PageSource> {
  if (bytes.length === 0) throw new FolioError('empty_file', 'The file is empty (0 bytes). Scan or export it again.');
  const format = sniffFormat(bytes);
  if (!isSupportedFormat(format)) throw new FolioError('unsupported_format', refusalMessage(format));
  return format === 'pdf' ? openPdfSource(bytes) : openRasterSource(bytes, format);
}
