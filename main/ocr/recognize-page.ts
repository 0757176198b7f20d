import type { OcrEngine, OcrPageResult, RecognizeOptions } from './engine';

/**
 * Recognises one page as the person sees it and returns words in that page's coordinates.
 * This is the seam where preprocessing (orientation, deskew, binarisation, upscaling) goes:
 * whatever raster the engine reads, boxes come back mapped onto the displayed image.
 */
export async function recognizeDisplayedPage(
  engine: OcrEngine,
  page: { image: Buffer; dpi: number },
  options: Omit<RecognizeOptions, 'dpi'> = {},
): Promise<OcrPageResult> {
  return engine.recognize(page.image, { ...options, dpi: page.dpi });
}
