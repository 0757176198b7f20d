import type { Box } from '../../app/model/geometry';
import type { OcrWord } from '../ocr/engine';

/**
 * The lines the handwriting recogniser reads, taken from Tesseract's layout: its words grouped
 * by the line Tesseract put them on, each line's box the union of its words' boxes with a margin
 * (a handwritten stroke often reaches past the box Tesseract drew round what it recognised).
 * The model package's own detector is not used: it silently drops lines it is unsure of, and
 * those are exactly the handwritten ones.
 */

export interface TextLine {
  /** Tesseract's reading-order line number. */
  line: number;
  box: Box;
  words: OcrWord[];
}

/** Margin around a line, as a share of its height: above and below, and at each end. */
const VERTICAL_MARGIN = 0.2;
const HORIZONTAL_MARGIN = 0.3;

export function linesOfWords(words: readonly OcrWord[], page: { width: number; height: number }): TextLine[] {
  const byLine = new Map<number, OcrWord[]>();
  for (const word of words) {
    if (word.text.trim() === '' || word.box.width <= 0 || word.box.height <= 0) continue;
    const list = byLine.get(word.line) ?? [];
    list.push(word);
    byLine.set(word.line, list);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, lineWords]) => {
      const sorted = [...lineWords].sort((a, b) => a.box.x - b.box.x);
      return { line, box: padBox(unionBox(sorted.map((word) => word.box)), page), words: sorted };
    });
}

export function unionBox(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The box with a margin proportional to its height, kept on the page. */
export function padBox(box: Box, page: { width: number; height: number }): Box {
  const dy = box.height * VERTICAL_MARGIN;
  const dx = box.height * HORIZONTAL_MARGIN;
  const x = Math.max(0, box.x - dx);
  const y = Math.max(0, box.y - dy);
  const right = Math.min(page.width, box.x + box.width + dx);
  const bottom = Math.min(page.height, box.y + box.height + dy);
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}
