import type { Box, Word } from '../model/document';

/**
 * OCR words regrouped into reading lines with character offsets, so extractors can run regular
 * expressions over a line's text and still know exactly which words (and boxes) a match covers.
 */
export interface TextLine {
  pageIndex: number;
  line: number;
  /** Left to right. */
  words: Word[];
  /** Words joined by single spaces. */
  text: string;
  /** Character offset of each word in `text`. */
  starts: number[];
  box: Box;
}

export function unionBox(words: readonly Word[]): Box {
  if (words.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const w of words) {
    x0 = Math.min(x0, w.box.x);
    y0 = Math.min(y0, w.box.y);
    x1 = Math.max(x1, w.box.x + w.box.width);
    y1 = Math.max(y1, w.box.y + w.box.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export function makeLine(words: readonly Word[]): TextLine {
  const sorted = [...words].sort((a, b) => a.box.x - b.box.x);
  const starts: number[] = [];
  let text = '';
  for (const w of sorted) {
    if (text.length > 0) text += ' ';
    starts.push(text.length);
    text += w.text;
  }
  const first = sorted[0];
  return { pageIndex: first?.pageIndex ?? 0, line: first?.line ?? 0, words: sorted, text, starts, box: unionBox(sorted) };
}

/**
 * Groups by page and engine line, then joins engine lines that sit on one printed row. Tesseract
 * reads a form or table column by column, so "Glucose", "105 mg/dL" and "70-99 H" come back as
 * three lines in three blocks; a reader (and every extractor) needs them as one row. Rows are
 * compared after removing the page's residual slant, measured from the engine's own lines, so a
 * slightly skewed page does not merge neighbouring rows. Prose set in columns is the exception:
 * its lines keep the engine's order, left column then right. Empty words are dropped.
 */
export function buildLines(words: readonly Word[]): TextLine[] {
  const groups = new Map<string, Word[]>();
  for (const w of words) {
    if (w.text.trim().length === 0) continue;
    const key = `${w.pageIndex}:${w.line}`;
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  const engineLines = [...groups.values()].map(makeLine);
  const pages = new Map<number, TextLine[]>();
  for (const l of engineLines) pages.set(l.pageIndex, [...(pages.get(l.pageIndex) ?? []), l]);
  return [...pages.keys()].sort((a, b) => a - b).flatMap((p) => joinRows(pages.get(p) ?? []));
}

const centreY = (w: Word): number => w.box.y + w.box.height / 2;
const centreX = (w: Word): number => w.box.x + w.box.width / 2;

/** Median slope (dy/dx) of the engine's multi-word lines: the page's remaining skew. */
export function pageSlope(lines: readonly TextLine[]): number {
  const slopes: number[] = [];
  for (const l of lines) {
    const first = l.words[0];
    const last = l.words[l.words.length - 1];
    if (!first || !last || l.words.length < 2) continue;
    const dx = centreX(last) - centreX(first);
    if (dx > 4 * first.box.height) slopes.push((centreY(last) - centreY(first)) / dx);
  }
  slopes.sort((a, b) => a - b);
  return slopes[Math.floor(slopes.length / 2)] ?? 0;
}

/** Share of a word height two rows' levelled centres may differ by and still be one row. */
const SAME_ROW_HEIGHTS = 0.45;

interface Row {
  words: Word[];
  /** The engine lines joined into this row. */
  lines: TextLine[];
  level: number;
  height: number;
}

/** Two lines on one row never cover the same stretch of the page (a unit column between others may). */
function overlapsHorizontally(a: readonly Word[], b: readonly Word[]): boolean {
  return a.some((u) => b.some((v) => u.box.x < v.box.x + v.box.width && v.box.x < u.box.x + u.box.width));
}

/** Words in a line of running text; a table's cell or a form's value holds fewer. */
const PROSE_LINE_WORDS = 4;
/** Rows of prose side by side that make a page of columns rather than a stray pair. */
const MIN_PROSE_ROWS = 3;

/**
 * True when the page is prose set in columns: most rows that hold more than one engine line
 * hold lines of running text side by side. Joining those would interleave the columns (left
 * line 1, right line 1, left line 2 …); the engine's own order already reads the left column,
 * then the right.
 */
function proseInColumns(rows: readonly Row[]): boolean {
  const multi = rows.filter((r) => r.lines.length > 1);
  const prose = multi.filter((r) => r.lines.filter((l) => l.words.length >= PROSE_LINE_WORDS).length >= 2);
  return prose.length >= MIN_PROSE_ROWS && prose.length * 2 >= multi.length;
}

function joinRows(lines: readonly TextLine[]): TextLine[] {
  const slope = pageSlope(lines);
  const level = (l: TextLine): number => l.words.reduce((sum, w) => sum + centreY(w) - slope * centreX(w), 0) / l.words.length;
  const rows: Row[] = [];
  const sorted = [...lines].sort((a, b) => level(a) - level(b));
  for (const l of sorted) {
    const lv = level(l);
    const height = typicalHeight([l]);
    const row = rows.find(
      (r) => Math.abs(r.level - lv) < SAME_ROW_HEIGHTS * Math.min(r.height, height) && !overlapsHorizontally(r.words, l.words),
    );
    if (row) {
      const n = row.words.length;
      row.words.push(...l.words);
      row.lines.push(l);
      row.level = (row.level * n + lv * l.words.length) / row.words.length;
    } else {
      rows.push({ words: [...l.words], lines: [l], level: lv, height });
    }
  }
  if (proseInColumns(rows)) return [...lines].sort((a, b) => a.line - b.line);
  return rows.sort((a, b) => a.level - b.level).map((r) => makeLine(r.words));
}

/** The words a character span of `line.text` touches. */
export function wordsInSpan(line: TextLine, start: number, end: number): Word[] {
  return line.words.filter((w, i) => {
    const s = line.starts[i] ?? 0;
    return s < end && s + w.text.length > start;
  });
}

/** Text of the words, trimmed to the span (so "NPI:1234567893" yields only the digits). */
export function spanText(line: TextLine, start: number, end: number): string {
  return line.text.slice(start, end).trim();
}

/** A line rebuilt from a subset of its words (e.g. one column of a two-column form). */
export function subLine(line: TextLine, keep: (w: Word) => boolean): TextLine {
  return makeLine(line.words.filter(keep));
}

/** Median word height: the unit for "near" and "far" in layout decisions. */
export function typicalHeight(lines: readonly TextLine[]): number {
  const heights = lines.flatMap((l) => l.words.map((w) => w.box.height)).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 10;
}

/**
 * The words of a line up to its first wide gap: the left column of a two-column letterhead
 * ("12 Main Street        DEA: AB1234563"), so a street is never joined with its neighbour.
 */
export function leadingColumn(line: TextLine, unit: number, gapHeights: number): TextLine {
  const keep: Word[] = [];
  for (const w of line.words) {
    const prev = keep[keep.length - 1];
    if (prev && w.box.x - (prev.box.x + prev.box.width) > gapHeights * unit) break;
    keep.push(w);
  }
  return keep.length === line.words.length ? line : makeLine(keep);
}
