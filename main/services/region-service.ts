import sharp from 'sharp';
import { FolioError } from '../../app/contract/errors';
import { MAX_REGION_CANDIDATES, type RegionReading } from '../../app/contract/regions';
import type { MethodInput, MethodOutput } from '../../app/contract/methods';
import type { OcrEngine, OcrWord, PageLayoutMode, RecognizeOptions } from '../ocr/engine';
import { logger } from '../log/logger';
import type { DocumentStore } from '../vault/document-store';
import type { Box } from '../../app/model/geometry';
import type { ZoneType } from '../../app/templates/template';
import type { HandwritingRecognizer, IcrReading } from '../icr/handwriting-recognizer';
import { combineRegionReadings, icrFieldType, readRegionByHand, sharedHandwritingRecognizer } from '../icr/region-reading';

const log = logger('regions');

/** A region is read with this much of the page around it, so a character cut by the rectangle is whole. */
const MARGIN = 6;
/** A small region is enlarged to this text height (pixels), near what Tesseract reads best. */
const TARGET_HEIGHT = 48;
/** Digits, dates and money are read a second time with these characters only. */
const DIGIT_CHARACTERS = '0123456789 ./$,()-';
const REGION_TIMEOUT_MS = 20_000;

/**
 * Reads a rectangle of a stored page again: Tesseract on the crop (the handwriting recogniser's
 * reading can join these through main/icr's combineRegionReadings), as one block and as one line,
 * and for a digit-shaped field once more held to digits. The distinct readings come back best
 * first. Nothing is stored; what the person keeps is saved as a field correction.
 */
export class RegionService {
  constructor(
    private readonly store: DocumentStore,
    private readonly engine: () => OcrEngine,
    private readonly icr: () => HandwritingRecognizer = sharedHandwritingRecognizer,
  ) {}

  async recognize(input: MethodInput<'regions.recognize'>): Promise<MethodOutput<'regions.recognize'>> {
    const page = this.store.pageForOcr(input.documentId, input.pageIndex);
    if (!page) throw new FolioError('not_found', 'That page does not exist.');
    if (!page.image) throw new FolioError('conflict', 'This page has not been decoded yet.');
    const left = Math.max(0, Math.floor(input.box.x - MARGIN));
    const top = Math.max(0, Math.floor(input.box.y - MARGIN));
    const width = Math.min(page.width - left, Math.ceil(input.box.width + 2 * MARGIN));
    const height = Math.min(page.height - top, Math.ceil(input.box.height + 2 * MARGIN));
    if (width < 2 || height < 2) throw new FolioError('invalid_input', 'That region lies outside the page.');
    const enlarge = Math.min(4, Math.max(1, TARGET_HEIGHT / Math.min(height, TARGET_HEIGHT * 4)));
    const crop = await sharp(page.image)
      .extract({ left, top, width, height })
      .resize({ width: Math.round(width * enlarge) })
      .greyscale()
      .extend({ top: 16, bottom: 16, left: 16, right: 16, background: '#ffffff' })
      .png()
      .toBuffer();

    const digitShaped = input.fieldType === 'digits' || input.fieldType === 'date' || input.fieldType === 'money';
    const attempts: Array<{ layout: PageLayoutMode; characters?: string }> = [{ layout: 'block' }, { layout: 'sparse' }];
    if (digitShaped) attempts.unshift({ layout: 'block', characters: DIGIT_CHARACTERS });
    const readings: RegionReading[] = [];
    const engine = this.engine();
    for (const attempt of attempts) {
      const options: RecognizeOptions = { layout: attempt.layout, timeoutMs: REGION_TIMEOUT_MS, dpi: Math.round(page.dpi * enlarge), ...(attempt.characters ? { characters: attempt.characters } : {}) };
      const result = await engine.recognize(crop, options);
      readings.push(asReading(result.words));
      // One reading is enough when the engine cannot read another way.
      if (!engine.followsLayout && !attempt.characters) break;
    }
    // The handwriting recogniser reads the same rectangle; the more confident engine is kept.
    const byHand = await this.readByHand(page.image, input.box, input.fieldType);
    const outcome = combineRegionReadings(readings.map((reading) => ({ ...reading, engine: 'tesseract' as const })), byHand);
    log.info('region read', { readings: readings.length + (byHand ? 1 : 0), candidates: outcome.candidates.length, engine: outcome.engine });
    return { ...outcome, candidates: outcome.candidates.slice(0, MAX_REGION_CANDIDATES) };
  }

  /** One line of handwriting at most: a several-line box is left to Tesseract. Null when the recogniser cannot read it. */
  private async readByHand(image: Buffer, box: Box, fieldType: ZoneType | undefined): Promise<IcrReading | null> {
    if (fieldType === 'multiline' || fieldType === 'checkbox') return null;
    try {
      return await readRegionByHand(this.icr(), image, box, icrFieldType(fieldType));
    } catch (error) {
      log.warn('handwriting recogniser failed on a region', error);
      return null;
    }
  }
}

/** Words in reading order, a line at a time, as one value; its confidence is the words' mean. */
function asReading(words: readonly OcrWord[]): RegionReading {
  const ordered = [...words].filter((word) => word.text.trim() !== '').sort((a, b) => a.line - b.line || a.box.x - b.box.x);
  if (ordered.length === 0) return { text: '', confidence: 0, engine: 'tesseract' };
  const confidence = ordered.reduce((sum, word) => sum + word.confidence, 0) / ordered.length;
  return { text: ordered.map((word) => word.text.trim()).join(' '), confidence: Math.max(0, Math.min(100, confidence)), engine: 'tesseract' };
}
