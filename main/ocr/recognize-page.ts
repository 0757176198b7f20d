import { detectQuarterTurn } from '../imaging/orientation';
import { toDisplayBox } from '../imaging/page-geometry';
import { preparePageForOcr, type PreparationSteps, type PreparedPage } from '../imaging/prepare';
import type { OcrEngine, OcrPageResult, OcrWord, RecognizeOptions } from './engine';

export interface RecognizePageOptions extends Omit<RecognizeOptions, 'dpi'> {
  /** Off only to measure what preprocessing brings; the product always prepares pages. */
  prepare?: boolean;
  /** Check the orientation of pages that read badly (an extra Tesseract OSD run for those). */
  detectOrientation?: boolean;
}

export interface DisplayedPageResult extends OcrPageResult {
  /** What preparation did to the page that was read (absent when preparation was off). */
  preparation?: PreparationSteps;
}

// An upright page, even a poor one, reads at a mean word confidence well above this; a page
// on its side or upside down reads as confident-looking garbage far below it.
const UPRIGHT_MIN_MEAN_CONFIDENCE = 70;
const UPRIGHT_MIN_WORDS = 3;

/**
 * Recognises one page as the person sees it and returns words in that page's coordinates.
 * The engine reads a prepared raster (deskewed, cleaned, at 300 dpi); every box it reports is
 * mapped back onto the displayed image, so boxes sit on the ink the person sees.
 *
 * Orientation is checked only when the first reading looks wrong: almost every page arrives
 * upright, and Tesseract's orientation detector costs about as much as reading the page.
 */
export async function recognizeDisplayedPage(
  engine: OcrEngine,
  page: { image: Buffer; dpi: number },
  options: RecognizePageOptions = {},
): Promise<DisplayedPageResult> {
  const { prepare = true, detectOrientation = true, ...engineOptions } = options;
  if (!prepare) return engine.recognize(page.image, { ...engineOptions, dpi: page.dpi });
  const read = async (prepared: PreparedPage): Promise<DisplayedPageResult> => {
    const result = await engine.recognize(prepared.image, { ...engineOptions, dpi: prepared.dpi });
    const words = result.words.map((word) => ({ ...word, box: toDisplayBox(prepared.transform, word.box) }));
    return { engine: result.engine, words, preparation: prepared.steps };
  };
  const prepared = await preparePageForOcr(page.image, page.dpi);
  const first = await read(prepared);
  if (!detectOrientation || readsUpright(first.words)) return first;
  const quarterTurn = await detectQuarterTurn(prepared.image, prepared.dpi, engineOptions.signal);
  if (quarterTurn === 0) return first;
  const turned = await read(await preparePageForOcr(page.image, page.dpi, { quarterTurn }));
  return meanConfidence(turned.words) >= meanConfidence(first.words) ? turned : first;
}

function readsUpright(words: OcrWord[]): boolean {
  return words.length >= UPRIGHT_MIN_WORDS && meanConfidence(words) >= UPRIGHT_MIN_MEAN_CONFIDENCE;
}

function meanConfidence(words: OcrWord[]): number {
  return words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
}
