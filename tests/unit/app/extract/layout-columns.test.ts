import { describe, expect, it } from 'vitest';
import { buildLines } from '../../../../app/extract/layout';
import type { Word } from '../../../../app/model/document';

/**
 * Engine lines as psm 3 numbers them, placed on a page: each `[line, row, x, text]` is one
 * engine line on printed row `row`, starting at `x`, 10 px per character.
 */
function engineLines(lines: ReadonlyArray<readonly [line: number, row: number, x: number, text: string]>): Word[] {
  const words: Word[] = [];
  for (const [line, row, x, text] of lines) {
    let at = x;
    for (const token of text.split(' ')) {
      words.push({ id: `w${words.length}`, pageIndex: 0, line, text: token, ocrText: token, confidence: 95, box: { x: at, y: 100 + row * 30, width: token.length * 10, height: 20 }, edited: false });
      at += (token.length + 1) * 10;
    }
  }
  return words;
}

const LEFT = ['The board met on Tuesday evening to', 'review the plans submitted by the', 'design committee and the residents', 'who attended asked about parking.'];
const RIGHT = ['Work on the first phase is expected', 'to begin in early spring and to last', 'about four months, with a second', 'public meeting to follow next month.'];

describe('reading lines in order', () => {
  it('reads prose in two columns left column first, then right, as the engine ordered it', () => {
    const words = engineLines([...LEFT.map((t, i) => [i, i, 50, t] as const), ...RIGHT.map((t, i) => [LEFT.length + i, i, 500, t] as const)]);
    expect(buildLines(words).map((l) => l.text)).toEqual([...LEFT, ...RIGHT]);
  });

  it('still joins a table’s cells, which psm 3 returns column by column, into rows', () => {
    const words = engineLines([
      [0, 0, 50, 'Glucose'],
      [1, 1, 50, 'Sodium'],
      [2, 2, 50, 'Potassium'],
      [3, 0, 400, '105 mg/dL'],
      [4, 1, 400, '139 mmol/L'],
      [5, 2, 400, '3.5 mmol/L'],
      [6, 0, 700, '70-99 H'],
      [7, 1, 700, '136-145'],
      [8, 2, 700, '3.5-5.1'],
    ]);
    expect(buildLines(words).map((l) => l.text)).toEqual(['Glucose 105 mg/dL 70-99 H', 'Sodium 139 mmol/L 136-145', 'Potassium 3.5 mmol/L 3.5-5.1']);
  });

  it('joins a letterhead’s two short columns on their rows above running text', () => {
    const words = engineLines([
      [0, 0, 50, '12 Main Street'],
      [1, 1, 50, 'Springfield, IL'],
      [2, 0, 600, 'DEA: AB1234563'],
      [3, 1, 600, 'NPI: 1234567893'],
      [4, 2, 50, LEFT[0] as string],
      [5, 3, 50, LEFT[1] as string],
    ]);
    expect(buildLines(words).map((l) => l.text)).toEqual(['12 Main Street DEA: AB1234563', 'Springfield, IL NPI: 1234567893', LEFT[0], LEFT[1]]);
  });
});
