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

/** Groups by page and line number, ordered top to bottom. Empty words are dropped. */
export function buildLines(words: readonly Word[]): TextLine[] {
  const groups = new Map<string, Word[]>();
  for (const w of words) {
    if (w.text.trim().length === 0) continue;
    const key = `${w.pageIndex}:${w.line}`;
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  return [...groups.values()]
    .map(makeLine)
    .sort((a, b) => a.pageIndex - b.pageIndex || a.box.y - b.box.y || a.line - b.line);
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
