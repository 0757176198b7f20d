import type { Box, OcrEngineName } from '../../app/model/document';

export interface OcrWord {
  text: string;
  confidence: number;
  box: Box;
  /** Reading-order line number within the page. */
  line: number;
}

export interface OcrPageResult {
  engine: OcrEngineName;
  words: OcrWord[];
}

export interface RecognizeOptions {
  signal?: AbortSignal;
  /** Per-page limit; a page that takes longer fails with `ocr_failed` and the batch goes on. */
  timeoutMs?: number;
  /** Resolution of the image, so Tesseract sizes its text model correctly. */
  dpi?: number;
  /**
   * How the engine finds text: `page` works out columns and paragraphs (a letter, a report);
   * `sparse` finds every piece of text wherever it stands, in no order (a form's boxes once its
   * printing is dropped). Engines without the choice read every page as `page`.
   */
  layout?: PageLayoutMode;
  /**
   * The only characters the value may hold (a box of digits), from Folio's own constants,
   * never from a document. Engines without the choice read every character.
   */
  characters?: string;
}

/** `block`: one block of lines, top to bottom (the boxes of a form cut out and stacked). */
export type PageLayoutMode = 'page' | 'sparse' | 'block';

/** One OCR engine. `recognize` takes encoded image bytes (PNG) and never a path from outside. */
export interface OcrEngine {
  readonly name: OcrEngineName;
  /**
   * True when `layout` changes how the engine finds text. Folio reads a page a second time in
   * the layout it suits only with such an engine; with any other the second reading would be
   * the first one again.
   */
  readonly followsLayout?: boolean;
  recognize(image: Buffer, options?: RecognizeOptions): Promise<OcrPageResult>;
  close(): Promise<void>;
}

export const DEFAULT_PAGE_TIMEOUT_MS = 120_000;
