import type { OcrWord } from '../ocr/engine';
import type { ImageFormat } from './formats';
import type { FormFieldWords } from './pdf-form-fields';
import { tooManyPagesError, tooManyPixelsError } from './imaging-errors';

/** Over this many pixels a page is refused: a decompression bomb, not a scan (A4 at 600 dpi is 35 MP). */
export const MAX_PAGE_PIXELS = 80_000_000;
export const DEFAULT_DPI = 300;

/**
 * Every multi-page format (TIFF, PDF, animated WebP) is held to these before a page is decoded.
 * A referral packet or a chart runs to hundreds of pages; a file of 12,000 blank pages sharing
 * one strip is 1.4 MB and would keep both cores busy for over an hour and a half.
 */
export const MAX_DOCUMENT_PAGES = 2_000;
/**
 * All pages together, as they will be decoded: about 1,200 letter pages at 300 dpi (8.4 MP
 * each), or 2,000 fax pages. Bounds the work a file can ask for whatever its page count says.
 */
export const MAX_DOCUMENT_PIXELS = 10_000_000_000;

/** Refuses a document whose page count or total pixels are past the caps, before any decoding. */
export function assertDocumentSize(pageCount: number, totalPixels: number): void {
  if (pageCount > MAX_DOCUMENT_PAGES) throw tooManyPagesError(MAX_DOCUMENT_PAGES);
  if (totalPixels > MAX_DOCUMENT_PIXELS) throw tooManyPixelsError(MAX_DOCUMENT_PIXELS);
}

export interface DecodedPage {
  index: number;
  /** The page as the person sees it: orientation and aspect ratio applied, PNG-encoded. */
  display: Buffer;
  width: number;
  height: number;
  dpi: number;
  /**
   * Words a born-digital PDF page already carries, in `display` pixel coordinates (confidence
   * 100). When present the page needs no OCR: its text is exact, a reading would only add errors.
   */
  textLayer?: OcrWord[];
}

export interface PageSource {
  format: ImageFormat;
  pageCount: number;
  /**
   * Decodes one page on demand, so a long document is never held in memory whole. A damaged
   * page rejects with its own typed error; the other pages stay readable.
   */
  page(index: number): Promise<DecodedPage>;
  /**
   * Values typed into a PDF form's fields on a page that is read by OCR (a born-digital page has
   * them in its text layer already), placed in the display pixels of a page `size` big. Null
   * when the page has none; absent for formats that have no forms.
   */
  formFieldWords?(index: number, size: { width: number; height: number }): Promise<FormFieldWords | null>;
  /** Frees what the source holds (a parsed PDF); safe to call more than once. */
  close(): Promise<void>;
}
