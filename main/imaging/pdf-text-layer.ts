import type { OcrWord } from '../ocr/engine';

/** A run of text as pdf.js reports it, already in device (display pixel) space. */
export interface PlacedTextRun {
  text: string;
  /** pdf.js text matrix multiplied by the viewport transform. */
  transform: number[];
  /** Advance of the whole run, in the same device units. */
  width: number;
  ascent: number;
  descent: number;
}

/** Measures how wide a piece of a run is, so words inside a run get their own boxes. */
export type AdvanceMeasure = (text: string) => number;

/**
 * Cuts pdf.js text runs into words with boxes in display pixels. Runs can sit at any angle (a
 * page with /Rotate, a rotated stamp), so each word is placed along its run's baseline and its
 * box is the upright rectangle around it. Lines are rebuilt from the boxes in reading order.
 */
export function wordsFromTextRuns(runs: PlacedTextRun[], measure: AdvanceMeasure, pageWidth: number, pageHeight: number): OcrWord[] {
  const placed: Array<Omit<OcrWord, 'line'>> = [];
  for (const run of runs) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = run.transform;
    const fontSize = Math.hypot(c, d);
    const runLength = run.width;
    if (fontSize <= 0 || runLength <= 0 || run.text.trim() === '') continue;
    const scaleX = Math.hypot(a, b);
    // Unit vectors along the baseline and towards the top of the glyphs, in device space.
    const along = scaleX > 0 ? [a / scaleX, b / scaleX] : [1, 0];
    const up = [c / fontSize, d / fontSize];
    const fullAdvance = measure(run.text);
    const stretch = fullAdvance > 0 ? runLength / fullAdvance : 0;
    const ascent = run.ascent > 0 ? run.ascent : 0.8;
    const descent = run.descent < 0 ? run.descent : -0.2;
    for (const match of run.text.matchAll(/\S+/g)) {
      const start = measure(run.text.slice(0, match.index)) * stretch;
      const end = start + measure(match[0]) * stretch;
      const corners = [
        [start, descent * fontSize],
        [end, descent * fontSize],
        [start, ascent * fontSize],
        [end, ascent * fontSize],
      ].map(([s = 0, h = 0]) => [e + along[0]! * s + up[0]! * h, f + along[1]! * s + up[1]! * h]);
      const xs = corners.map((point) => point[0]!);
      const ys = corners.map((point) => point[1]!);
      const left = clamp(Math.min(...xs), 0, pageWidth);
      const top = clamp(Math.min(...ys), 0, pageHeight);
      const right = clamp(Math.max(...xs), 0, pageWidth);
      const bottom = clamp(Math.max(...ys), 0, pageHeight);
      if (right - left < 0.5 || bottom - top < 0.5) continue;
      placed.push({
        text: match[0],
        confidence: 100,
        box: { x: round(left), y: round(top), width: round(right - left), height: round(bottom - top) },
      });
    }
  }
  return numberLines(placed);
}

/** Groups words whose vertical centres agree into lines, top to bottom, left to right. */
export function numberLines(words: Array<Omit<OcrWord, 'line'>>): OcrWord[] {
  const centre = (word: Omit<OcrWord, 'line'>): number => word.box.y + word.box.height / 2;
  const byCentre = [...words].sort((p, q) => centre(p) - centre(q));
  const lines: Array<{ centre: number; height: number; words: Array<Omit<OcrWord, 'line'>> }> = [];
  for (const word of byCentre) {
    const line = lines.at(-1);
    if (line && Math.abs(centre(word) - line.centre) <= Math.max(line.height, word.box.height) * 0.5) {
      line.words.push(word);
    } else {
      lines.push({ centre: centre(word), height: word.box.height, words: [word] });
    }
  }
  return lines.flatMap((line, number) =>
    line.words.sort((p, q) => p.box.x - q.box.x).map((word) => ({ ...word, line: number })),
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
