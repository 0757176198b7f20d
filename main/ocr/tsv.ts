import type { OcrWord } from './engine';

/**
 * Parses Tesseract's TSV output (level, page, block, par, line, word, left, top, width, height,
 * conf, text). Only word rows (level 5) with text are kept; lines are numbered in reading order
 * from their (block, paragraph, line) triple.
 */
export function parseTesseractTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  const lineNumbers = new Map<string, number>();
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = (cells.slice(11).join('\t') ?? '').trim();
    if (text === '') continue;
    const [, , block, par, line, , left, top, width, height, conf] = cells;
    const lineKey = `${block}:${par}:${line}`;
    let lineNumber = lineNumbers.get(lineKey);
    if (lineNumber === undefined) {
      lineNumber = lineNumbers.size;
      lineNumbers.set(lineKey, lineNumber);
    }
    words.push({
      text,
      confidence: clampConfidence(Number(conf)),
      box: { x: Number(left), y: Number(top), width: Number(width), height: Number(height) },
      line: lineNumber,
    });
  }
  return words;
}

function clampConfidence(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
