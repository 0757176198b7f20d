import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine, OcrPageResult, OcrWord, RecognizeOptions } from '../../../../main/ocr/engine';
import { recognizeDisplayedPage } from '../../../../main/ocr/recognize-page';

/**
 * The layout step around an engine that answers from word sets: which readings it asks for, and
 * which it keeps. The page image is blank; preparation leaves it as it is.
 */
function cell(line: number, row: number, x: number, text: string, confidence: number): OcrWord {
  return { text, confidence, line, box: { x, y: 200 + row * 70, width: text.length * 20, height: 40 } };
}

/** psm 3's reading of a table without rules: one block per column, every cell a line. */
const COLUMN_BLOCKS = [150, 700, 1100, 1500].flatMap((x, c) => Array.from({ length: 10 }, (_, r) => cell(c * 10 + r, r, x, c === 0 ? 'Glucose' : String(100 + r), 91)));
/** psm 6's reading of it: one line per row. */
const ROWS = (confidence: number): OcrWord[] => Array.from({ length: 10 }, (_, r) => [150, 700, 1100, 1500].map((x, c) => cell(r, r, x, c === 0 ? 'Glucose' : String(100 + r), confidence))).flat();
const LETTER = Array.from({ length: 15 }, (_, r) => ['Thank', 'you', 'for', 'meeting', 'with', 'our', 'team'].map((t, k) => cell(r, r, 150 + k * 180, t, 95))).flat();

class ScriptedEngine implements OcrEngine {
  readonly name = 'tesseract-cli' as const;
  readonly calls: Array<RecognizeOptions['layout']> = [];
  constructor(
    private readonly readings: Partial<Record<NonNullable<RecognizeOptions['layout']>, OcrWord[]>>,
    readonly followsLayout = true,
  ) {}
  async recognize(_image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    this.calls.push(options.layout);
    return { engine: this.name, words: this.readings[options.layout ?? 'page'] ?? [] };
  }
  async close(): Promise<void> {}
}

let blank: Buffer;
beforeAll(async () => {
  blank = await sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#ffffff' } }).greyscale().png().toBuffer();
});

describe('reading a page in the layout it calls for', () => {
  it('reads a table without rules again as rows and keeps the rows', async () => {
    const engine = new ScriptedEngine({ page: COLUMN_BLOCKS, block: ROWS(95) });
    const result = await recognizeDisplayedPage(engine, { image: blank, dpi: 300 });
    expect(engine.calls).toEqual(['page', 'block']);
    expect(result.layout).toEqual({ kind: 'table', mode: 'block', readings: 2 });
    expect(new Set(result.words.map((w) => w.line)).size).toBe(10);
  });

  it('keeps the first reading when the rows came back less confident', async () => {
    const engine = new ScriptedEngine({ page: COLUMN_BLOCKS, block: ROWS(70) });
    const result = await recognizeDisplayedPage(engine, { image: blank, dpi: 300 });
    expect(result.layout).toEqual({ kind: 'table', mode: 'page', readings: 2 });
    expect(new Set(result.words.map((w) => w.line)).size).toBe(40);
  });

  it('leaves a page a form template registers to with the reading its template needs', async () => {
    const engine = new ScriptedEngine({ page: COLUMN_BLOCKS, block: ROWS(95) });
    const result = await recognizeDisplayedPage(engine, { image: blank, dpi: 300 }, { formApplies: () => true });
    expect(engine.calls).toEqual(['page']);
    expect(result.layout).toEqual({ kind: 'form', mode: 'page', readings: 1 });
  });

  it('reads a letter once and never asks whether a form applies', async () => {
    const engine = new ScriptedEngine({ page: LETTER });
    let asked = false;
    const result = await recognizeDisplayedPage(engine, { image: blank, dpi: 300 }, { formApplies: () => (asked = true) });
    expect(engine.calls).toEqual(['page']);
    expect(asked).toBe(false);
    expect(result.layout).toEqual({ kind: 'single-column', mode: 'page', readings: 1 });
  });

  it('reads once with an engine that has no choice of segmentation', async () => {
    const engine = new ScriptedEngine({ page: COLUMN_BLOCKS, block: ROWS(95) }, false);
    const result = await recognizeDisplayedPage(engine, { image: blank, dpi: 300 });
    expect(engine.calls).toEqual(['page']);
    expect(result.layout).toEqual({ kind: 'table', mode: 'page', readings: 1 });
  });

  it('reads exactly as asked, with no layout of its own, when the caller names the segmentation', async () => {
    const engine = new ScriptedEngine({ sparse: COLUMN_BLOCKS });
    const result = await recognizeDisplayedPage(engine, { image: blank, dpi: 300 }, { layout: 'sparse' });
    expect(engine.calls).toEqual(['sparse']);
    expect(result.layout).toBeUndefined();
  });
});
