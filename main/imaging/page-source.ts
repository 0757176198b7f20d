import type { OcrWord } from '../ocr/engine';
import type { ImageFormat } from './formats';

/** Over this many pixels a page is refused: a decompression bomb, not a scan (A4 at 600 dpi is 35 MP). */
export const MAX_PAGE_PIXELS = 80_000_000;
export const DEFAULT_DPI = 300;

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
  /** Frees what the source holds (a parsed PDF); safe to call more than once. */
  close(): Promise<void>;
}
