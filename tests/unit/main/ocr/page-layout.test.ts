import { describe, expect, it } from 'vitest';
import type { InkLayout } from '../../../../main/imaging/ink-layout';
import type { OcrWord } from '../../../../main/ocr/engine';
import { choosePageLayout, measureReading, rereadIsBetter } from '../../../../main/ocr/page-layout';

/**
 * Word sets shaped like psm 3's first reading of each layout, in prepared-raster pixels (300 dpi,
 * 40 px type, a row every 70 px), and the ink survey each page would give.
 */
const HEIGHT = 40;
const ROW = 70;
const CHAR = 20;

/** One engine line: its words laid out from `x` on row `row`, as numbered lines of a reading. */
function line(lineNumber: number, row: number, x: number, texts: string[], confidence = 95): OcrWord[] {
  let at = x;
  return texts.map((text) => {
    const word: OcrWord = { text, confidence, line: lineNumber, box: { x: at, y: 200 + row * ROW, width: text.length * CHAR, height: HEIGHT } };
    at += (text.length + 1) * CHAR;
    return word;
  });
}

const PROSE = ['the', 'board', 'met', 'on', 'Tuesday', 'to', 'review', 'the', 'plans'];

/** A letter: one line per row, 8–9 words each. */
function letter(rows = 20): OcrWord[] {
  return Array.from({ length: rows }, (_, r) => line(r, r, 150, PROSE.slice(0, 8 + (r % 2)))).flat();
}

/** Prose in two columns as psm 3 returns it: the left column's lines, then the right's, on shared rows. */
function twoColumns(rows = 20): OcrWord[] {
  const left = Array.from({ length: rows }, (_, r) => line(r, r, 150, PROSE.slice(0, 7)));
  const right = Array.from({ length: rows }, (_, r) => line(rows + r, r, 1320, PROSE.slice(1, 8)));
  return [...left, ...right].flat();
}

/** A table without rules, cut by psm 3 into one block per column: every cell a line of its own. */
function tableInColumnBlocks(rows = 12, columns = [150, 700, 1100, 1500, 1900]): OcrWord[] {
  return columns.flatMap((x, c) => Array.from({ length: rows }, (_, r) => line(c * rows + r, r, x, [c === 0 ? 'Glucose' : String(100 + r)]))).flat();
}

const fullPage = (overrides: Partial<InkLayout> = {}): InkLayout => ({ widthMm: 175, heightMm: 140, verticalRules: 0, horizontalRules: 0, ...overrides });

describe('measuring the first reading', () => {
  it('finds no line beside another on a letter', () => {
    const shape = measureReading(letter());
    expect(shape.besideShare).toBe(0);
    expect(shape.wordsPerLine).toBeGreaterThan(7);
  });

  it('finds every line of a table cut into column blocks beside another, one word each', () => {
    const shape = measureReading(tableInColumnBlocks());
    expect(shape.besideShare).toBe(1);
    expect(shape.besideWords).toBe(1);
  });

  it('finds the lines of prose columns side by side, a sentence’s worth each', () => {
    const shape = measureReading(twoColumns());
    expect(shape.besideShare).toBe(1);
    expect(shape.besideWords).toBe(7);
  });

  it('reports the mean confidence and nothing for an empty reading', () => {
    expect(measureReading(letter().map((w) => ({ ...w, confidence: 60 }))).meanConfidence).toBe(60);
    expect(measureReading([])).toMatchObject({ words: 0, lines: 0, besideShare: 0, meanConfidence: 0 });
  });
});

describe('choosing the page layout', () => {
  it('reads a letter once, as a page', () => {
    expect(choosePageLayout(fullPage(), measureReading(letter()))).toEqual({ kind: 'single-column', mode: 'page' });
  });

  it('keeps psm 3 for prose in columns, whose block order reads left column then right', () => {
    expect(choosePageLayout(fullPage(), measureReading(twoColumns()))).toEqual({ kind: 'multi-column', mode: 'page' });
  });

  it('reads a table without rules again as one block of rows', () => {
    expect(choosePageLayout(fullPage(), measureReading(tableInColumnBlocks()))).toEqual({ kind: 'table', mode: 'block' });
  });

  it('never sends a ruled table to psm 6, which reads rules as letters', () => {
    const ruled = fullPage({ verticalRules: 6, horizontalRules: 14 });
    expect(choosePageLayout(ruled, measureReading(tableInColumnBlocks()))).toEqual({ kind: 'ruled-table', mode: 'page' });
  });

  it('reads narrow print whose first reading came back in short pieces as rows (a receipt without its prices)', () => {
    const receipt = Array.from({ length: 16 }, (_, r) => line(r, r, 40, ['MILK', '1GAL'].slice(0, 1 + (r % 2)))).flat();
    expect(choosePageLayout({ widthMm: 72, heightMm: 85, verticalRules: 0, horizontalRules: 0 }, measureReading(receipt))).toEqual({ kind: 'narrow-print', mode: 'block' });
  });

  it('reads narrow print whose rows were cut into items and prices as rows', () => {
    const items = Array.from({ length: 12 }, (_, r) => line(r, r, 40, ['EGGS', 'DOZEN']));
    const prices = Array.from({ length: 12 }, (_, r) => line(12 + r, r, 700, ['3.99']));
    expect(choosePageLayout({ widthMm: 72, heightMm: 85, verticalRules: 0, horizontalRules: 0 }, measureReading([...items, ...prices].flat()))).toEqual({ kind: 'narrow-print', mode: 'block' });
  });

  it('reads a label that psm 3 read in whole lines once, its frame (two sides) not taken for a grid', () => {
    const label = Array.from({ length: 9 }, (_, r) => line(r, r, 70, ['Take', '1', 'tablet', 'by', 'mouth'])).flat();
    expect(choosePageLayout({ widthMm: 98, heightMm: 60, verticalRules: 2, horizontalRules: 2 }, measureReading(label))).toEqual({ kind: 'single-column', mode: 'page' });
  });

  it('says nothing about a page with a handful of words', () => {
    expect(choosePageLayout(fullPage(), measureReading(tableInColumnBlocks(2, [150, 700, 1100])))).toEqual({ kind: 'single-column', mode: 'page' });
  });
});

describe('keeping the second reading', () => {
  const first = measureReading(tableInColumnBlocks().map((w) => ({ ...w, confidence: 91 })));

  it('keeps rows read at least as confidently', () => {
    expect(rereadIsBetter(first, measureReading(letter().map((w) => ({ ...w, confidence: 95 }))))).toBe(true);
    expect(rereadIsBetter(first, measureReading(letter().map((w) => ({ ...w, confidence: 89 }))))).toBe(true);
  });

  it('drops a reading that lost confidence (rules read as letters) or found nothing', () => {
    expect(rereadIsBetter(first, measureReading(letter().map((w) => ({ ...w, confidence: 50 }))))).toBe(false);
    expect(rereadIsBetter(first, measureReading([]))).toBe(false);
  });
});
