import { describe, expect, it } from 'vitest';
import type { Box } from '../../../../app/model/document';
import type { OcrWord } from '../../../../main/ocr/engine';
import {
  fieldWidgets,
  formFieldWords,
  MAX_FIELD_VALUE_CHARS,
  MAX_WIDGETS_PER_PAGE,
  readFormFieldWords,
  withFormFieldWords,
} from '../../../../main/imaging/pdf-form-fields';

/**
 * From a PDF form's widgets (as pdf.js's getAnnotations() describes them) to words in display
 * pixels. The transforms are pdf.js's viewport transforms for a US-letter page (612 × 792 pt)
 * at 144 dpi (scale 2): upright, and with /Rotate 90.
 */
const SCALE = 2;
const UPRIGHT = { transform: [SCALE, 0, 0, -SCALE, 0, 792 * SCALE], width: 612 * SCALE, height: 792 * SCALE };
const ROTATED_90 = { transform: [0, SCALE, SCALE, 0, 0, 0], width: 792 * SCALE, height: 612 * SCALE };

function textWidget(rect: number[], fieldValue: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subtype: 'Widget',
    annotationFlags: 4,
    fieldType: 'Tx',
    fieldName: 'box',
    fieldValue,
    rect,
    rotation: 0,
    textAlignment: null,
    maxLen: 0,
    comb: false,
    multiLine: false,
    defaultAppearanceData: { fontSize: 10, fontName: 'Helv', fontColor: [0, 0, 0] },
    ...extra,
  };
}

function checkBox(rect: number[], fieldValue: string, exportValue = 'Yes'): Record<string, unknown> {
  return { subtype: 'Widget', fieldType: 'Btn', checkBox: true, radioButton: false, pushButton: false, fieldValue, exportValue, rect };
}

function wordsOf(annotations: unknown[], page = UPRIGHT): ReturnType<typeof formFieldWords> {
  return formFieldWords(fieldWidgets(annotations).widgets, page.transform, page);
}

function inside(inner: Box, outer: Box): boolean {
  const slack = 0.01;
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

describe('form field values as words', () => {
  it('places each token of a text value inside its widget, in display pixels, left to right', () => {
    // A widget 200 pt wide and 12 pt tall, its top-left corner one inch in from the page's top-left.
    const { words, filled } = wordsOf([textWidget([72, 708, 272, 720], 'DOE, JANE Q')]);
    expect(filled).toEqual([{ x: 144, y: 144, width: 400, height: 24 }]);
    expect(words.map((w) => w.text)).toEqual(['DOE,', 'JANE', 'Q']);
    for (const word of words) {
      expect(word.confidence).toBe(100);
      expect(inside(word.box, filled[0] as Box)).toBe(true);
    }
    const [first, second, third] = words.map((w) => w.box);
    expect(first!.x).toBeCloseTo(144 + 2 * SCALE, 5);
    expect(first!.x + first!.width).toBeLessThan(second!.x);
    expect(second!.x + second!.width).toBeLessThan(third!.x);
    // 10-point Helvetica at 144 dpi: the value is about 63 pt long, not stretched to the widget.
    expect(third!.x + third!.width - first!.x).toBeCloseTo(63.35 * SCALE, 0);
  });

  it('squeezes a value longer than its widget into it, and aligns by the field’s quadding', () => {
    const long = wordsOf([textWidget([72, 708, 122, 720], 'SPRINGFIELD FAMILY MEDICINE')]);
    const area = long.filled[0] as Box;
    expect(long.words).toHaveLength(3);
    for (const word of long.words) expect(inside(word.box, area)).toBe(true);
    const right = wordsOf([textWidget([72, 708, 272, 720], '125 00', { textAlignment: 2 })]);
    const last = right.words.at(-1)?.box as Box;
    expect(last.x + last.width).toBeCloseTo(144 + 400 - 2 * SCALE, 5);
  });

  it('gives a comb field one cell per character, across the whole widget', () => {
    const { words } = wordsOf([textWidget([300, 100, 450, 112], '1234567893', { comb: true, maxLen: 10 })]);
    expect(words).toHaveLength(1);
    expect(words[0]?.box.x).toBe(600);
    expect(words[0]?.box.width).toBe(300);
    const split = wordsOf([textWidget([300, 100, 400, 112], '12 34', { comb: true, maxLen: 5 })]).words;
    expect(split.map((w) => [w.text, w.box.x, w.box.width])).toEqual([
      ['12', 600, 80],
      ['34', 720, 80],
    ]);
  });

  it('lays a multi-line value out line under line', () => {
    const { words } = wordsOf([textWidget([72, 600, 272, 630], '12 MAIN ST\nSPRINGFIELD IL', { multiLine: true })]);
    expect(words.map((w) => w.text)).toEqual(['12', 'MAIN', 'ST', 'SPRINGFIELD', 'IL']);
    const firstLine = words[0]?.box as Box;
    const secondLine = words[3]?.box as Box;
    expect(secondLine.y).toBeGreaterThanOrEqual(firstLine.y + firstLine.height - 0.01);
    // A single-line field shows its value on one line: line breaks in it are spaces.
    expect(wordsOf([textWidget([72, 600, 272, 612], 'A\nB')]).words.map((w) => w.text)).toEqual(['A', 'B']);
  });

  it('reads a ticked checkbox or the chosen radio button as an X filling its widget, and nothing for the others', () => {
    const { words, filled } = wordsOf([
      checkBox([300, 600, 307.2, 612], 'Yes'),
      checkBox([320, 600, 327.2, 612], 'Off'),
      checkBox([340, 600, 347.2, 612], 'Yes', 'On'),
      { subtype: 'Widget', fieldType: 'Btn', radioButton: true, fieldValue: '1', buttonValue: '0', rect: [360, 600, 367.2, 612] },
      { subtype: 'Widget', fieldType: 'Btn', radioButton: true, fieldValue: '1', buttonValue: '1', rect: [380, 600, 387.2, 612] },
    ]);
    expect(words.map((w) => [w.text, w.box])).toEqual([
      ['X', { x: 600, y: 360, width: 14.4, height: 24 }],
      ['X', { x: 760, y: 360, width: 14.4, height: 24 }],
    ]);
    expect(filled).toHaveLength(2);
  });

  it('follows the page’s rotation: on a /Rotate 90 page a value runs down the display', () => {
    const { words, filled } = wordsOf([textWidget([72, 708, 272, 720], 'DOE, JANE Q')], ROTATED_90);
    // pdf.js's transform for /Rotate 90 maps user (x, y) to display (y, x), scaled.
    expect(filled).toEqual([{ x: 708 * SCALE, y: 72 * SCALE, width: 24, height: 400 }]);
    const ys = words.map((w) => w.box.y);
    expect(ys).toEqual([...ys].sort((p, q) => p - q));
    for (const word of words) expect(inside(word.box, filled[0] as Box)).toBe(true);
    expect(words[0]!.box.height).toBeGreaterThan(words[0]!.box.width);
  });

  it('reads nothing from empty, hidden, password, push-button, list-box or malformed widgets', () => {
    const none = wordsOf([
      textWidget([72, 700, 272, 712], ''),
      textWidget([72, 700, 272, 712], '   '),
      textWidget([72, 680, 272, 692], 'SECRET', { password: true }),
      textWidget([72, 660, 272, 672], 'HIDDEN', { hidden: true }),
      textWidget([72, 640, 272, 652], 'NOVIEW', { annotationFlags: 32 }),
      textWidget([72, 620, 272, 632], 'ROTTEN', { rect: [72, Number.NaN, 272, 632] }),
      textWidget([72, 620, 272, 632], 'ROTTEN', { rect: 'everywhere' }),
      textWidget([72, 600, 272, 612], { toString: () => 'OBJECT' }),
      { subtype: 'Widget', fieldType: 'Btn', pushButton: true, fieldValue: 'Print', rect: [0, 0, 50, 20] },
      { subtype: 'Widget', fieldType: 'Ch', combo: false, fieldValue: ['A'], options: [{ exportValue: 'A', displayValue: 'Apple' }], rect: [0, 0, 50, 50] },
      { subtype: 'Link', rect: [0, 0, 50, 20] },
      null,
      'Widget',
      42,
    ]);
    expect(none).toEqual({ words: [], filled: [] });
  });

  it('shows a combo box’s chosen option as displayed', () => {
    const combo = { subtype: 'Widget', fieldType: 'Ch', combo: true, fieldValue: ['F'], options: [{ exportValue: 'F', displayValue: 'Female' }], rect: [72, 700, 172, 712] };
    expect(wordsOf([combo]).words.map((w) => w.text)).toEqual(['Female']);
  });

  it('drops invisible characters a value could hide behind (bidi overrides, zero-width)', () => {
    const { words } = wordsOf([textWidget([72, 700, 272, 712], '\u202EDOE\u200B,\u0007 JANE')]);
    expect(words.map((w) => w.text)).toEqual(['DOE,', 'JANE']);
  });

  it('caps a hostile page: values over the length limit are left unread, widgets past the count limit are not looked at', () => {
    const tooLong = fieldWidgets([textWidget([72, 700, 272, 712], '9'.repeat(MAX_FIELD_VALUE_CHARS + 1)), textWidget([72, 680, 272, 692], 'KEPT')]);
    expect(tooLong.tooLong).toBe(1);
    expect(tooLong.widgets).toHaveLength(1);
    const many = Array.from({ length: MAX_WIDGETS_PER_PAGE + 5 }, (_, i) => checkBox([i % 600, 10, (i % 600) + 5, 20], 'Yes'));
    const capped = fieldWidgets(many);
    expect(capped.widgets).toHaveLength(MAX_WIDGETS_PER_PAGE);
    expect(capped.overCap).toBe(5);
  });

  it('keeps the page’s other words when pdf.js cannot give its annotations', async () => {
    const broken = { getAnnotations: () => Promise.reject(new Error('bad annotation dictionary')) };
    await expect(readFormFieldWords(broken, UPRIGHT.transform, UPRIGHT)).resolves.toBeNull();
    const none = { getAnnotations: () => Promise.resolve([{ subtype: 'Link', rect: [0, 0, 1, 1] }]) };
    await expect(readFormFieldWords(none, UPRIGHT.transform, UPRIGHT)).resolves.toBeNull();
  });
});

describe('joining form values to a page’s words', () => {
  const word = (text: string, x: number, y: number, line: number, confidence = 90): OcrWord => ({ text, confidence, line, box: { x, y, width: 60, height: 20 } });

  it('replaces what was read inside a filled widget with the value, and keeps everything else', () => {
    const label = word('NAME', 144, 146, 0, 95);
    const misread = word('D0E,', 150, 146, 0, 71);
    const elsewhere = word('SIGNED', 144, 400, 1, 96);
    const fields = wordsOf([textWidget([72, 708, 272, 720], 'DOE, JANE Q')]);
    const after = withFormFieldWords([misread, elsewhere], fields);
    expect(after.map((w) => w.text)).toEqual(['DOE,', 'JANE', 'Q', 'SIGNED']);
    expect(after.find((w) => w.text === 'DOE,')?.confidence).toBe(100);
    // A label beside the value (outside its widget) stays, on the value's line.
    const beside = withFormFieldWords([{ ...label, box: { ...label.box, x: 20 } }], fields);
    expect(beside.map((w) => [w.text, w.line])).toEqual([
      ['NAME', 0],
      ['DOE,', 0],
      ['JANE', 0],
      ['Q', 0],
    ]);
  });

  it('leaves the words alone when there are no values', () => {
    const words = [word('A', 0, 0, 3)];
    expect(withFormFieldWords(words, { words: [], filled: [] })).toEqual(words);
  });
});
