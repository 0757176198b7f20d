import type { Word } from '../../../../app/model/document';

/**
 * Lays text lines out as OCR words, the way a printed page would come back from an engine:
 * fixed-pitch characters (10 px wide, 20 px tall), one line every 30 px. A run of three or more
 * spaces is a wide gap (a new column), like two boxes of a form side by side.
 */
export interface LayoutOptions {
  pageIndex?: number;
  confidence?: number;
  /** Word text -> confidence, for words the engine was unsure about. */
  lowConfidence?: Record<string, number>;
  charWidth?: number;
  lineHeight?: number;
}

export function layoutWords(lines: readonly string[], options: LayoutOptions = {}): Word[] {
  const charWidth = options.charWidth ?? 10;
  const lineHeight = options.lineHeight ?? 30;
  const pageIndex = options.pageIndex ?? 0;
  const words: Word[] = [];
  lines.forEach((text, lineNo) => {
    let x = 50;
    const tokens = text.split(/( {3,}| )/);
    for (const token of tokens) {
      if (token === ' ') {
        x += charWidth;
        continue;
      }
      if (/^ {3,}$/.test(token)) {
        x += token.length * charWidth * 3;
        continue;
      }
      if (token.length === 0) continue;
      words.push({
        id: `w${pageIndex}-${lineNo}-${words.length}`,
        pageIndex,
        line: lineNo,
        text: token,
        ocrText: token,
        confidence: options.lowConfidence?.[token] ?? options.confidence ?? 95,
        box: { x, y: 40 + lineNo * lineHeight, width: token.length * charWidth, height: 20 },
        edited: false,
      });
      x += token.length * charWidth;
    }
  });
  return words;
}
