import type { Box } from '../../app/model/document';
import { logger } from '../log/logger';
import type { OcrWord } from '../ocr/engine';
import { numberLines } from './pdf-text-layer';
import { widgetWords, type FieldWidget } from './widget-words';

/**
 * Values typed into a PDF form (AcroForm). A CMS-1500 filled in a PDF editor carries every value
 * exactly in its fields, but neither in its text layer nor reliably in its pixels: pdf.js hands
 * them over as widget annotations, read here into words with confidence 100 at the widgets'
 * places on the page, so the form's registration and its boxes read them like any other words.
 * Exact is not right: the words go through the same validators as a scan's.
 *
 * The file is hostile until read: pdf.js's annotation data is untyped and checked field by
 * field, a page's widgets and a value's length are capped, and nothing of a field (name or
 * value) is ever logged.
 */

const log = logger('imaging');

/** Widgets read per page; a real form has a few hundred, a hostile file could have millions. */
export const MAX_WIDGETS_PER_PAGE = 2_000;
/**
 * Longest value read, in characters. The longest CMS-1500 box holds 61; a value past this is
 * left unread (its box is then empty or read from the pixels), never cut short, since a value
 * cut short would still read as exact.
 */
export const MAX_FIELD_VALUE_CHARS = 500;

/** The values on one page, ready to join that page's words. */
export interface FormFieldWords {
  /** One word per whitespace-separated token of each value, "X" for a ticked box; display pixels. */
  words: Array<Omit<OcrWord, 'line'>>;
  /**
   * Where the widgets holding a value are, in display pixels. Whatever else was read inside one
   * (an engine's reading of the value's rendering) gives way to the value itself.
   */
  filled: Box[];
}

/** Annotation flags that keep a widget off the page as shown (Hidden, NoView). */
const NOT_SHOWN_FLAGS = 0x02 | 0x20;
/** Controls and invisible format characters (bidi overrides, zero-width) that could disguise a value. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

type Annotation = Record<string, unknown>;

function isRecord(value: unknown): value is Annotation {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteRect(value: unknown): [number, number, number, number] | null {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x1, y1, x2, y2] = value as number[];
  return [Math.min(x1!, x2!), Math.min(y1!, y2!), Math.max(x1!, x2!), Math.max(y1!, y2!)];
}

function rotationOf(value: unknown): FieldWidget['rotation'] {
  const turns = typeof value === 'number' && Number.isFinite(value) ? (((Math.round(value / 90) % 4) + 4) % 4) : 0;
  return ([0, 90, 180, 270] as const)[turns] ?? 0;
}

function alignmentOf(value: unknown): FieldWidget['alignment'] {
  return value === 1 ? 'centre' : value === 2 ? 'right' : 'left';
}

function fontSizeOf(annotation: Annotation): number {
  const appearance = annotation.defaultAppearanceData;
  const size = isRecord(appearance) ? appearance.fontSize : undefined;
  return typeof size === 'number' && Number.isFinite(size) && size > 0 && size < 1000 ? size : 0;
}

/** A value as it can be shown: invisible characters gone; one line unless the field is multi-line. */
function valueLines(text: string, multiLine: boolean): string[] {
  const lines = text
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\t/g, ' ').replace(INVISIBLE, ''));
  return multiLine ? lines : [lines.join(' ')];
}

type Reading = { kind: 'value'; content: FieldWidget['content'] } | { kind: 'empty' } | { kind: 'too_long' };

/** A choice field's chosen options as shown (display text, not export value). */
function choiceText(annotation: Annotation): string | null {
  const chosen = Array.isArray(annotation.fieldValue) ? annotation.fieldValue : [annotation.fieldValue];
  const options = Array.isArray(annotation.options) ? annotation.options.filter(isRecord) : [];
  const shown = chosen.flatMap((value) => {
    if (typeof value !== 'string') return [];
    const option = options.find((o) => o.exportValue === value);
    return [typeof option?.displayValue === 'string' ? option.displayValue : value];
  });
  return shown.length > 0 ? shown.join(' ') : null;
}

function readingOf(annotation: Annotation): Reading {
  switch (annotation.fieldType) {
    case 'Tx': {
      // A password field shows bullets, not its value.
      if (annotation.password === true) return { kind: 'empty' };
      const value = annotation.fieldValue;
      if (typeof value !== 'string') return { kind: 'empty' };
      if (value.length > MAX_FIELD_VALUE_CHARS) return { kind: 'too_long' };
      const lines = valueLines(value, annotation.multiLine === true);
      return lines.some((line) => line.trim() !== '') ? { kind: 'value', content: { kind: 'text', lines } } : { kind: 'empty' };
    }
    case 'Btn': {
      const value = annotation.fieldValue;
      if (annotation.pushButton === true || typeof value !== 'string' || value === '' || value === 'Off') return { kind: 'empty' };
      if (annotation.radioButton === true) {
        return annotation.buttonValue !== undefined && annotation.buttonValue !== null && value === annotation.buttonValue ? { kind: 'value', content: { kind: 'mark' } } : { kind: 'empty' };
      }
      if (annotation.checkBox !== true) return { kind: 'empty' };
      const exported = annotation.exportValue;
      return typeof exported !== 'string' || value === exported ? { kind: 'value', content: { kind: 'mark' } } : { kind: 'empty' };
    }
    case 'Ch': {
      // A list box shows every option with the chosen one highlighted: its text is the options'.
      if (annotation.combo !== true) return { kind: 'empty' };
      const text = choiceText(annotation);
      if (text === null) return { kind: 'empty' };
      if (text.length > MAX_FIELD_VALUE_CHARS) return { kind: 'too_long' };
      const lines = valueLines(text, false);
      return lines[0]?.trim() ? { kind: 'value', content: { kind: 'text', lines } } : { kind: 'empty' };
    }
    default:
      // Signatures and anything newer: nothing typed to read.
      return { kind: 'empty' };
  }
}

/**
 * The widgets of a page that show a value, from pdf.js's `getAnnotations()` data. Anything not
 * shaped as pdf.js describes a form widget is passed over; so is a widget not shown on the page.
 */
export function fieldWidgets(annotations: readonly unknown[]): { widgets: FieldWidget[]; tooLong: number; overCap: number } {
  const widgets: FieldWidget[] = [];
  let seen = 0;
  let tooLong = 0;
  let overCap = 0;
  for (const annotation of annotations) {
    if (!isRecord(annotation) || annotation.subtype !== 'Widget') continue;
    if (seen >= MAX_WIDGETS_PER_PAGE) {
      overCap++;
      continue;
    }
    seen++;
    const flags = typeof annotation.annotationFlags === 'number' ? annotation.annotationFlags : 0;
    if (annotation.hidden === true || (flags & NOT_SHOWN_FLAGS) !== 0) continue;
    const rect = finiteRect(annotation.rect);
    if (!rect) continue;
    const reading = readingOf(annotation);
    if (reading.kind === 'too_long') tooLong++;
    if (reading.kind !== 'value') continue;
    const combCells = annotation.comb === true && typeof annotation.maxLen === 'number' && annotation.maxLen > 0 ? Math.min(annotation.maxLen, MAX_FIELD_VALUE_CHARS) : 0;
    widgets.push({
      rect,
      content: reading.content,
      combCells,
      fontSize: fontSizeOf(annotation),
      alignment: alignmentOf(annotation.textAlignment),
      rotation: rotationOf(annotation.rotation),
    });
  }
  return { widgets, tooLong, overCap };
}

/** The words and filled areas of a page's widgets, in the display pixels of `toDisplay`. */
export function formFieldWords(
  widgets: readonly FieldWidget[],
  toDisplay: readonly number[],
  page: { width: number; height: number },
): FormFieldWords {
  const words: FormFieldWords['words'] = [];
  const filled: Box[] = [];
  for (const widget of widgets) {
    const placed = widgetWords(widget, toDisplay, page);
    if (placed.words.length === 0 || !placed.area) continue;
    words.push(...placed.words);
    filled.push(placed.area);
  }
  return { words, filled };
}

/** What pdf.js's page offers for this: the annotations of the page as it is displayed. */
export interface AnnotatedPage {
  getAnnotations(options: { intent: 'display' }): Promise<unknown[]>;
}

/**
 * Reads a page's form values into words; null when it has none. A page whose annotations
 * pdf.js cannot parse keeps its other words: the values still show in its image.
 */
export async function readFormFieldWords(
  page: AnnotatedPage,
  toDisplay: readonly number[],
  size: { width: number; height: number },
): Promise<FormFieldWords | null> {
  let annotations: unknown[];
  try {
    annotations = await page.getAnnotations({ intent: 'display' });
  } catch {
    log.warn('form fields could not be read; the page keeps its other words');
    return null;
  }
  if (!Array.isArray(annotations)) return null;
  const { widgets, tooLong, overCap } = fieldWidgets(annotations);
  if (tooLong > 0 || overCap > 0) log.warn('form field values left unread', { tooLong, overCap, widgetCap: MAX_WIDGETS_PER_PAGE });
  if (widgets.length === 0) return null;
  const reading = formFieldWords(widgets, toDisplay, size);
  return reading.words.length > 0 ? reading : null;
}

function centreInside(box: Box, area: Box): boolean {
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  return x >= area.x && x <= area.x + area.width && y >= area.y && y <= area.y + area.height;
}

/**
 * A page's words with its form values in: a word read inside a filled widget (a scan engine's
 * reading of the value's rendering, or text under the widget) gives way to the value. Lines are
 * numbered again by position, so a value shares its line with the label beside it.
 */
export function withFormFieldWords(read: readonly OcrWord[], fields: FormFieldWords): OcrWord[] {
  if (fields.words.length === 0) return [...read];
  const kept = read.filter((word) => !fields.filled.some((area) => centreInside(word.box, area)));
  return numberLines([...kept.map(({ line: _line, ...word }) => word), ...fields.words]);
}
