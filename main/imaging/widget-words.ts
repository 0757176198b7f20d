import type { Box } from '../../app/model/document';
import type { OcrWord } from '../ocr/engine';

/**
 * Where a PDF form field's value stands on the page: its widget's rectangle (PDF user space,
 * points, bottom-left origin) carried through the same viewport transform the text layer uses,
 * so the value lands in display pixels exactly where the page image shows it. The value is
 * exact (the file says what was typed); only its placement inside the widget is worked out
 * here, the way a viewer lays it out: a comb field one character per cell, other fields at
 * their font size and alignment in Helvetica (the AcroForm default, /Helv), squeezed to the
 * widget when they would overflow it. A long line is not wrapped.
 */

/** Helvetica advance widths in 1/1000 em for ASCII 32–126 (its AFM); other characters get an average. */
const HELVETICA: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p … ~
];
const AVERAGE_ADVANCE = 556;

/** Advance of `text` set in Helvetica at 1 point, in points. */
export function helveticaAdvance(text: string): number {
  let units = 0;
  for (const ch of text) units += HELVETICA[(ch.codePointAt(0) ?? 0) - 32] ?? AVERAGE_ADVANCE;
  return units / 1000;
}

/** A widget that shows something: its lines of text, or a mark for a ticked box or radio. */
export interface FieldWidget {
  /** [left, bottom, right, top] in PDF user space. */
  rect: readonly [number, number, number, number];
  /** `mark`: a ticked checkbox or chosen radio button, read as one "X" filling the widget. */
  content: { kind: 'mark' } | { kind: 'text'; lines: readonly string[] };
  /** Comb fields: the number of equal cells the widget is cut into (its /MaxLen); 0 otherwise. */
  combCells: number;
  /** Font size from the field's default appearance, in points; 0 means sized to fit. */
  fontSize: number;
  alignment: 'left' | 'centre' | 'right';
  /** The widget's own rotation (/MK /R), counter-clockwise. */
  rotation: 0 | 90 | 180 | 270;
}

/** A word of a value, still in the widget's own frame: `u` along its text, `v` up its glyphs. */
interface Span {
  text: string;
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

interface Frame {
  origin: readonly [number, number];
  along: readonly [number, number];
  up: readonly [number, number];
  width: number;
  height: number;
}

/** Viewers inset a field's text by about this much from the widget's edge, in points. */
const PADDING = 2;
/** pdf.js's line height per point of font size; also how it sizes an auto-sized single line. */
const LINE_FACTOR = 1.35;
/** The font size pdf.js starts an auto-sized multi-line field from. */
const MULTILINE_AUTO_SIZE = 12;

function frameOf(widget: FieldWidget): Frame {
  const [left, bottom, right, top] = widget.rect;
  const width = right - left;
  const height = top - bottom;
  switch (widget.rotation) {
    case 0:
      return { origin: [left, bottom], along: [1, 0], up: [0, 1], width, height };
    case 90:
      return { origin: [right, bottom], along: [0, 1], up: [-1, 0], width: height, height: width };
    case 180:
      return { origin: [right, top], along: [-1, 0], up: [0, -1], width, height };
    case 270:
      return { origin: [left, top], along: [0, -1], up: [1, 0], width: height, height: width };
  }
}

/** Tokens of a line with their offsets counted in characters (code points), not UTF-16 units. */
function tokens(line: string): Array<{ text: string; start: number; end: number }> {
  const found: Array<{ text: string; start: number; end: number }> = [];
  for (const match of line.matchAll(/\S+/gu)) {
    const start = Array.from(line.slice(0, match.index)).length;
    found.push({ text: match[0], start, end: start + Array.from(match[0]).length });
  }
  return found;
}

/** One character per cell, as a comb field prints it; the band is the widget's middle. */
function combSpans(line: string, cells: number, frame: Frame, fontSize: number): Span[] {
  const cell = frame.width / Math.max(cells, Array.from(line).length, 1);
  const [v0, v1] = band(frame.height / 2, fontSize || frame.height / LINE_FACTOR, 0, frame.height);
  return tokens(line).map((token) => ({ text: token.text, u0: token.start * cell, u1: token.end * cell, v0, v1 }));
}

/** A glyph band of `size` centred on `middle`, kept inside [low, high]. */
function band(middle: number, size: number, low: number, high: number): [number, number] {
  const half = Math.min(size, high - low) / 2;
  const centre = Math.min(high - half, Math.max(low + half, middle));
  return [centre - half, centre + half];
}

/** One line of text set at `fontSize`, aligned, squeezed to the widget's width if it overflows. */
function lineSpans(line: string, frame: Frame, fontSize: number, alignment: FieldWidget['alignment'], vBand: [number, number]): Span[] {
  const inset = frame.width > 4 * PADDING ? PADDING : 0;
  const room = frame.width - 2 * inset;
  const natural = (text: string): number => helveticaAdvance(text) * fontSize;
  const full = natural(line.trimEnd());
  const squeeze = full > room && full > 0 ? room / full : 1;
  const used = full * squeeze;
  const start = alignment === 'left' ? inset : alignment === 'centre' ? (frame.width - used) / 2 : frame.width - inset - used;
  const chars = Array.from(line);
  return tokens(line).map((token) => {
    const u0 = start + natural(chars.slice(0, token.start).join('')) * squeeze;
    return { text: token.text, u0, u1: u0 + natural(token.text) * squeeze, v0: vBand[0], v1: vBand[1] };
  });
}

function textSpans(widget: FieldWidget, lines: readonly string[], frame: Frame): Span[] {
  const [first] = lines;
  if (first === undefined) return [];
  if (lines.length === 1 && widget.combCells > 0) return combSpans(first, widget.combCells, frame, widget.fontSize);
  const room = Math.max(frame.height - 2 * PADDING, frame.height / 2);
  if (lines.length === 1) {
    const fitsWidth = (frame.width - 2 * PADDING) / Math.max(helveticaAdvance(first), 1e-6);
    const size = widget.fontSize || Math.min(frame.height / LINE_FACTOR, fitsWidth);
    return lineSpans(first, frame, size, widget.alignment, band(frame.height / 2, size, 0, frame.height));
  }
  // Lines run down from the top; more than the widget holds share its height evenly.
  let size = widget.fontSize || Math.min(MULTILINE_AUTO_SIZE, room / (lines.length * LINE_FACTOR));
  let step = size * LINE_FACTOR;
  if (step * lines.length > room) {
    step = room / lines.length;
    size = Math.min(size, step);
  }
  const top = frame.height - (frame.height - room) / 2;
  return lines.flatMap((line, row) => {
    const middle = top - step * row - step / 2;
    return lineSpans(line, frame, size, widget.alignment, band(middle, size, 0, frame.height));
  });
}

/** The upright rectangle in display pixels around a rectangle of the widget's frame. */
function toDisplayBox(frame: Frame, span: Omit<Span, 'text'>, toDisplay: readonly number[], page: { width: number; height: number }): Box | null {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = toDisplay;
  const corners = [
    [span.u0, span.v0],
    [span.u1, span.v0],
    [span.u0, span.v1],
    [span.u1, span.v1],
  ].map(([u = 0, v = 0]) => {
    const x = frame.origin[0] + frame.along[0] * u + frame.up[0] * v;
    const y = frame.origin[1] + frame.along[1] * u + frame.up[1] * v;
    return [a * x + c * y + e, b * x + d * y + f] as const;
  });
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const left = clamp(Math.min(...xs), 0, page.width);
  const top = clamp(Math.min(...ys), 0, page.height);
  const right = clamp(Math.max(...xs), 0, page.width);
  const bottom = clamp(Math.max(...ys), 0, page.height);
  if (right - left < 0.5 || bottom - top < 0.5) return null;
  return { x: round(left), y: round(top), width: round(right - left), height: round(bottom - top) };
}

/**
 * The words a widget shows, in display pixels (confidence 100: the file's own value), and the
 * widget's own rectangle there. `toDisplay` is the viewport transform the page was rendered with.
 */
export function widgetWords(
  widget: FieldWidget,
  toDisplay: readonly number[],
  page: { width: number; height: number },
): { words: Array<Omit<OcrWord, 'line'>>; area: Box | null } {
  const frame = frameOf(widget);
  if (!(frame.width > 0 && frame.height > 0)) return { words: [], area: null };
  const area = toDisplayBox(frame, { u0: 0, u1: frame.width, v0: 0, v1: frame.height }, toDisplay, page);
  const spans = widget.content.kind === 'mark'
    ? [{ text: 'X', u0: 0, u1: frame.width, v0: 0, v1: frame.height }]
    : textSpans(widget, widget.content.lines, frame);
  const words: Array<Omit<OcrWord, 'line'>> = [];
  for (const span of spans) {
    const box = toDisplayBox(frame, span, toDisplay, page);
    if (box) words.push({ text: span.text, confidence: 100, box });
  }
  return { words, area };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
