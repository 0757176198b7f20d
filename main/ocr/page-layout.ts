import type { InkLayout } from '../imaging/ink-layout';
import type { OcrWord, PageLayoutMode } from './engine';

/**
 * Which page segmentation suits a page no form template applies to, judged from measurements
 * that cost next to nothing: where the ink lies on the prepared raster (InkLayout) and how the
 * first, fully automatic reading (Tesseract psm 3) came out.
 *
 * psm 3 finds columns and blocks. That is right for a letter and for prose set in columns (it
 * reads the left column, then the right), and for a ruled table, whose rules fence its cells.
 * It is wrong where rows carry the meaning and only white space holds the columns apart: a
 * spreadsheet printout, lab results without rules, a till receipt. There it cuts each column
 * into a block of its own, so a row's cells come back as separate lines far apart, and thin
 * columns (a receipt's prices) are often misread or dropped. psm 6 reads such a page as one
 * block of rows, in order. psm 6 must not see rules, though: it reads them as letters.
 */
export type PageLayoutKind =
  /** Ordinary running text, one column: the control case, read once. */
  | 'single-column'
  /** Prose set in two or more columns: psm 3's block order reads it right, read once. */
  | 'multi-column'
  /** Rows of cells held apart by white space only: read again as one block of rows. */
  | 'table'
  /** A grid of rules: psm 3 reads inside them; psm 6 would read the rules as text. Read once. */
  | 'ruled-table'
  /** Print no wider than a till roll or label with the rows a receipt has: read again as rows. */
  | 'narrow-print'
  /** A form template registers to the page: its template reads it; this reading stays as it is. */
  | 'form';

export interface PageLayoutChoice {
  kind: PageLayoutKind;
  /** The segmentation whose words the page keeps. */
  mode: PageLayoutMode;
  /** Readings of the whole page this choice took: 1, or 2 when the page was read again. */
  readings: 1 | 2;
}

/** What the first reading says about the page's structure, in the prepared raster's pixels. */
export interface ReadingLayout {
  words: number;
  lines: number;
  wordsPerLine: number;
  meanConfidence: number;
  /**
   * Share of the reading's lines that have another line beside them on the same row: the
   * cells of a table that psm 3 cut into column blocks, or the neighbouring column's line in
   * prose set in columns. Near 0 on a letter.
   */
  besideShare: number;
  /** Median words in those lines: one or two for a table's cells, a sentence's worth for prose. */
  besideWords: number;
}

/** Fewer words than this say nothing about a page's structure (a blank page, a stamp). */
const MIN_WORDS = 12;
/** A third of the lines beside another one: a page built of rows of cells, not text with a stray aside. */
const BESIDE_SHARE_FOR_ROWS = 0.35;
/** A table's cell holds a word or two (a value, a unit, "10^3/uL"); a line of prose holds five or more. */
const MAX_CELL_WORDS = 3;
/** Wider than an 80 mm till roll's print or a 4 in label's, narrower than a letter's text. */
const NARROW_PRINT_MM = 100;
/** A receipt's first reading comes back as short pieces: items without their prices. */
const NARROW_MAX_WORDS_PER_LINE = 2.5;
/** Column dividers inside a grid; a frame around a label has only two. */
const RULED_VERTICAL_RULES = 3;
const RULED_HORIZONTAL_RULES = 2;
/** Row-centre difference, in word heights, within which two lines stand on one row. */
const SAME_ROW_HEIGHTS = 0.45;

export function measureReading(words: readonly OcrWord[]): ReadingLayout {
  const byLine = new Map<number, OcrWord[]>();
  for (const word of words) byLine.set(word.line, [...(byLine.get(word.line) ?? []), word]);
  const lines = [...byLine.values()].map((lineWords) => {
    const left = Math.min(...lineWords.map((w) => w.box.x));
    const right = Math.max(...lineWords.map((w) => w.box.x + w.box.width));
    const centre = lineWords.reduce((sum, w) => sum + w.box.y + w.box.height / 2, 0) / lineWords.length;
    const height = median(lineWords.map((w) => w.box.height));
    return { count: lineWords.length, left, right, centre, height };
  });
  const beside = lines.filter((a) =>
    lines.some((b) => b !== a && Math.abs(a.centre - b.centre) < SAME_ROW_HEIGHTS * Math.min(a.height, b.height) && (a.right < b.left || b.right < a.left)),
  );
  const confidence = words.reduce((sum, w) => sum + w.confidence, 0);
  return {
    words: words.length,
    lines: lines.length,
    wordsPerLine: lines.length === 0 ? 0 : words.length / lines.length,
    meanConfidence: words.length === 0 ? 0 : confidence / words.length,
    besideShare: lines.length === 0 ? 0 : beside.length / lines.length,
    besideWords: median(beside.map((l) => l.count)),
  };
}

/** The page's kind and the segmentation to read it with; `page` means the first reading stands. */
export function choosePageLayout(ink: InkLayout, reading: ReadingLayout): { kind: Exclude<PageLayoutKind, 'form'>; mode: PageLayoutMode } {
  if (reading.words < MIN_WORDS) return { kind: 'single-column', mode: 'page' };
  if (ink.verticalRules >= RULED_VERTICAL_RULES && ink.horizontalRules >= RULED_HORIZONTAL_RULES) return { kind: 'ruled-table', mode: 'page' };
  const rows = reading.besideShare >= BESIDE_SHARE_FOR_ROWS;
  if (ink.widthMm > 0 && ink.widthMm <= NARROW_PRINT_MM && (rows || reading.wordsPerLine <= NARROW_MAX_WORDS_PER_LINE)) {
    return { kind: 'narrow-print', mode: 'block' };
  }
  if (!rows) return { kind: 'single-column', mode: 'page' };
  return reading.besideWords <= MAX_CELL_WORDS ? { kind: 'table', mode: 'block' } : { kind: 'multi-column', mode: 'page' };
}

/**
 * Confidence points the second reading may lose and still be kept. A page psm 6 suits reads
 * at least as confidently as psm 3 read it; one with rules or damage the survey missed drops by
 * 20 to 50 points (rules read as letters), and the first reading stays.
 */
const REREAD_CONFIDENCE_SLACK = 3;

export function rereadIsBetter(first: ReadingLayout, second: ReadingLayout): boolean {
  return second.words > 0 && second.meanConfidence >= first.meanConfidence - REREAD_CONFIDENCE_SLACK;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
