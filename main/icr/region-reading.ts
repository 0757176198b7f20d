import { builtinMedications } from '../../app/formulary/formulary';
import type { Box } from '../../app/model/geometry';
import type { ZoneType } from '../../app/templates/template';
import { logger } from '../log/logger';
import type { IcrFieldType } from './field-shapes';
import { HandwritingRecognizer, type IcrReading } from './handwriting-recognizer';
import { decodeGrey, type GreyImage } from './line-image';

const log = logger('icr');

/**
 * A rectangle of a page read by both engines: Tesseract (the caller's readings) and the
 * handwriting recogniser, the more confident kept and the engine that read it recorded. Printed
 * text reads confidently in both; handwriting only in the recogniser, so asking both is how a
 * crop is judged handwritten without a second model. A reading's confidence is what its engine
 * reports (0–100): Tesseract's word mean, the recogniser's character mean.
 */

export type RegionEngine = 'tesseract' | 'icr';

export interface EngineReading {
  text: string;
  confidence: number;
  engine: RegionEngine;
}

export interface RegionOutcome extends EngineReading {
  /** At most three, best first, distinct texts: the recogniser's formulary names for a drug, else both engines' readings. */
  candidates: EngineReading[];
}

const MAX_CANDIDATES = 3;

/** What the recogniser holds a region to, for the form designer's zone types or a field Folio names more precisely. */
export function icrFieldType(type: ZoneType | IcrFieldType | undefined): IcrFieldType {
  switch (type) {
    case undefined:
    case 'checkbox':
    case 'multiline':
      return 'text';
    default:
      return type;
  }
}

let shared: HandwritingRecognizer | null = null;

/**
 * The process's one recogniser: its worker thread and model session start with the first line
 * any caller reads and are reused after; an idle worker does not keep the process alive.
 */
export function sharedHandwritingRecognizer(): HandwritingRecognizer {
  shared ??= HandwritingRecognizer.open(() => builtinMedications().flatMap((m) => [m.generic, ...m.brands]));
  return shared;
}

/** Reads a rectangle of an encoded page image with the recogniser, under the field's constraint. */
export async function readRegionByHand(recognizer: HandwritingRecognizer, page: Buffer | GreyImage, box: Box, field: IcrFieldType): Promise<IcrReading> {
  const image = Buffer.isBuffer(page) ? await decodeGrey(page) : page;
  return recognizer.readLine(image, box, { field });
}

/** The more confident of the two engines' readings, with the candidates of both. */
export function combineRegionReadings(tesseract: readonly EngineReading[], icr: IcrReading | null): RegionOutcome {
  const icrReadings: EngineReading[] = [];
  if (icr && icr.candidates.length > 0) {
    icrReadings.push(...icr.candidates.map((c) => ({ text: c.text, confidence: c.confidence, engine: 'icr' as const })));
  } else if (icr && icr.text !== '') {
    icrReadings.push({ text: icr.text, confidence: icr.confidence, engine: 'icr' });
  }
  // A drug name is the formulary's (its three names, with margins) even where Tesseract was more
  // confident of free text: the person asked for a name on the list. Free text is never corrected.
  const lexicon = icr !== null && icr.candidates.length > 0;
  const all = lexicon ? icrReadings : [...icrReadings, ...tesseract.filter((r) => r.text.trim() !== '')].sort((a, b) => b.confidence - a.confidence);
  const candidates: EngineReading[] = [];
  for (const reading of all) {
    if (!candidates.some((c) => c.text === reading.text)) candidates.push(reading);
    if (candidates.length === MAX_CANDIDATES) break;
  }
  const best = candidates[0] ?? { text: '', confidence: 0, engine: 'tesseract' as const };
  log.debug('region read', { engine: best.engine, candidates: candidates.length });
  return { ...best, candidates };
}
