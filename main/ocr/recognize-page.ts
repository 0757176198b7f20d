import { encodeForOcr } from '../imaging/grey-raster';
import { surveyInkLayout, withoutRules } from '../imaging/ink-layout';
import { detectQuarterTurn } from '../imaging/orientation';
import { toDisplayBox } from '../imaging/page-geometry';
import { preparePageForOcr, type PreparationSteps, type PreparedPage } from '../imaging/prepare';
import { logger } from '../log/logger';
import type { OcrEngine, OcrPageResult, OcrWord, PageLayoutMode, RecognizeOptions } from './engine';
import { choosePageLayout, measureReading, rereadIsBetter, type PageLayoutChoice } from './page-layout';

const log = logger('ocr');

export interface RecognizePageOptions extends Omit<RecognizeOptions, 'dpi'> {
  /** Off only to measure what preprocessing brings; the product always prepares pages. */
  prepare?: boolean;
  /** Check the orientation of pages that read badly (an extra Tesseract OSD run for those). */
  detectOrientation?: boolean;
  /**
   * True when a form template registers to the page from these words (display coordinates):
   * such a page keeps its first reading, which its template was drawn against. Asked only of
   * pages whose layout calls for a second reading.
   */
  formApplies?: (words: readonly OcrWord[]) => boolean;
}

export interface DisplayedPageResult extends OcrPageResult {
  /** What preparation did to the page that was read (absent when preparation was off). */
  preparation?: PreparationSteps;
  /** The layout Folio judged the page to have and how it read it (absent when the caller named the segmentation). */
  layout?: PageLayoutChoice;
}

// An upright page, even a poor one, reads at a mean word confidence well above this; a page
// on its side or upside down reads as confident-looking garbage far below it.
const UPRIGHT_MIN_MEAN_CONFIDENCE = 70;
const UPRIGHT_MIN_WORDS = 3;

interface Reading {
  prepared: PreparedPage;
  result: DisplayedPageResult;
  /** The same words in the prepared raster's pixels (upright and deskewed), for layout measurements. */
  engineWords: OcrWord[];
}

/**
 * Recognises one page as the person sees it and returns words in that page's coordinates.
 * The engine reads a prepared raster (deskewed, cleaned, at 300 dpi); every box it reports is
 * mapped back onto the displayed image, so boxes sit on the ink the person sees.
 *
 * Orientation is checked only when the first reading looks wrong: almost every page arrives
 * upright, and Tesseract's orientation detector costs about as much as reading the page.
 *
 * Unless the caller names a segmentation (`layout`), the page is read with psm 3 and then its
 * layout is judged (page-layout.ts). What that costs: on every page, one pass over the prepared
 * raster's pixels and one over the words (tens of milliseconds against seconds of reading);
 * on a table without a grid of rules or a receipt, a second reading of the page with psm 6
 * (its rules painted out first, where it has any), so those pages take about twice as long; a
 * letter, prose in columns, a ruled table or a label is read once, as before.
 */
export async function recognizeDisplayedPage(
  engine: OcrEngine,
  page: { image: Buffer; dpi: number },
  options: RecognizePageOptions = {},
): Promise<DisplayedPageResult> {
  const { prepare = true, detectOrientation = true, formApplies, layout, ...engineOptions } = options;
  if (!prepare) return engine.recognize(page.image, { ...engineOptions, ...(layout ? { layout } : {}), dpi: page.dpi });
  const read = async (prepared: PreparedPage, mode: PageLayoutMode): Promise<Reading> => {
    const result = await engine.recognize(prepared.image, { ...engineOptions, layout: mode, dpi: prepared.dpi });
    const words = result.words.map((word) => ({ ...word, box: toDisplayBox(prepared.transform, word.box) }));
    return { prepared, result: { engine: result.engine, words, preparation: prepared.steps }, engineWords: result.words };
  };
  const prepared = await preparePageForOcr(page.image, page.dpi);
  let first = await read(prepared, layout ?? 'page');
  if (detectOrientation && !readsUpright(first.result.words)) {
    const quarterTurn = await detectQuarterTurn(prepared.image, prepared.dpi, engineOptions.signal);
    if (quarterTurn !== 0) {
      const turned = await read(await preparePageForOcr(page.image, page.dpi, { quarterTurn }), layout ?? 'page');
      if (meanConfidence(turned.result.words) >= meanConfidence(first.result.words)) first = turned;
    }
  }
  if (layout !== undefined) return first.result;
  return readInChosenLayout(first, read, engine.followsLayout === true, formApplies);
}

async function readInChosenLayout(
  first: Reading,
  read: (prepared: PreparedPage, mode: PageLayoutMode) => Promise<Reading>,
  followsLayout: boolean,
  formApplies: RecognizePageOptions['formApplies'],
): Promise<DisplayedPageResult> {
  const ink = surveyInkLayout(first.prepared.raster, first.prepared.dpi);
  const firstShape = measureReading(first.engineWords);
  const { kind, mode } = choosePageLayout(ink, firstShape);
  // Counts and sizes only: nothing here says what the page reads.
  const measured = { inkWidthMm: ink.widthMm, inkHeightMm: ink.heightMm, verticalRules: ink.verticalRules, horizontalRules: ink.horizontalRules, lines: firstShape.lines, besideShare: round2(firstShape.besideShare), besideWords: firstShape.besideWords };
  // A form is left to its template, which was drawn against this reading; formApplies runs
  // a registration, so it is asked only where a second reading is otherwise due.
  const readOnce = mode === 'page' || !followsLayout ? kind : formApplies?.(first.result.words) ? 'form' : null;
  if (readOnce !== null) {
    const choice: PageLayoutChoice = { kind: readOnce, mode: 'page', readings: 1 };
    log.debug('page layout chosen', { ...choice, ...measured });
    return { ...first.result, layout: choice };
  }
  // psm 6 takes a rule for a line of text and garbles the row beside it: it reads the page without them.
  const ruled = ink.horizontalRules + ink.verticalRules > 0;
  const prepared = first.prepared;
  const second = await read(ruled ? { ...prepared, image: await encodeForOcr(withoutRules(prepared.raster, prepared.dpi)) } : prepared, mode);
  const secondShape = measureReading(second.engineWords);
  const kept = rereadIsBetter(firstShape, secondShape);
  const choice: PageLayoutChoice = { kind, mode: kept ? mode : 'page', readings: 2 };
  log.debug('page layout chosen', { ...choice, ...measured, firstConfidence: Math.round(firstShape.meanConfidence), secondConfidence: Math.round(secondShape.meanConfidence) });
  return { ...(kept ? second.result : first.result), layout: choice };
}

function readsUpright(words: OcrWord[]): boolean {
  return words.length >= UPRIGHT_MIN_WORDS && meanConfidence(words) >= UPRIGHT_MIN_MEAN_CONFIDENCE;
}

function meanConfidence(words: OcrWord[]): number {
  return words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
