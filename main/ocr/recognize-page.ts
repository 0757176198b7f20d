import { preparePageForOcr, type PrepareOptions } from '../imaging/prepare';
import { toDisplayBox } from '../imaging/page-geometry';
import type { OcrEngine, OcrPageResult, RecognizeOptions } from './engine';

export interface RecognizePageOptions extends Omit<RecognizeOptions, 'dpi'> {
  /** Off only to measure what preprocessing brings; the product always prepares pages. */
  prepare?: boolean;
  detectOrientation?: PrepareOptions['detectOrientation'];
}

/**
 * Recognises one page as the person sees it and returns words in that page's coordinates.
 * The engine reads a prepared raster (upright, deskewed, cleaned, at 300 dpi); every box it
 * reports is mapped back onto the displayed image, so boxes sit on the ink the person sees.
 */
export async function recognizeDisplayedPage(
  engine: OcrEngine,
  page: { image: Buffer; dpi: number },
  options: RecognizePageOptions = {},
): Promise<OcrPageResult> {
  const { prepare = true, detectOrientation, ...engineOptions } = options;
  if (!prepare) return engine.recognize(page.image, { ...engineOptions, dpi: page.dpi });
  const prepared = await preparePageForOcr(page.image, page.dpi, { signal: engineOptions.signal, detectOrientation });
  const result = await engine.recognize(prepared.image, { ...engineOptions, dpi: prepared.dpi });
  return {
    engine: result.engine,
    words: result.words.map((word) => ({ ...word, box: toDisplayBox(prepared.transform, word.box) })),
  };
}
