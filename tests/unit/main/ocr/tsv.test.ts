import { describe, expect, it } from 'vitest';
import { parseTesseractTsv } from '../../../../main/ocr/tsv';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';

describe('parseTesseractTsv', () => {
  it('keeps word rows with their boxes and confidences, numbering lines in reading order', () => {
    const tsv = [
      HEADER,
      '1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t',
      '4\t1\t1\t1\t1\t0\t150\t150\t500\t40\t-1\t',
      '5\t1\t1\t1\t1\t1\t150\t150\t200\t40\t96.5\tRx:',
      '5\t1\t1\t1\t1\t2\t360\t150\t290\t40\t41.2\tAmoxicillin',
      '5\t1\t1\t1\t2\t1\t150\t230\t100\t40\t90\t500mg',
      '5\t1\t2\t1\t1\t1\t150\t400\t100\t40\t88\tQty',
      '5\t1\t2\t1\t1\t2\t260\t400\t10\t40\t95\t ',
    ].join('\n');
    const words = parseTesseractTsv(tsv);
    expect(words.map((word) => [word.text, word.line])).toEqual([
      ['Rx:', 0],
      ['Amoxicillin', 0],
      ['500mg', 1],
      ['Qty', 2],
    ]);
    expect(words[1]).toMatchObject({ confidence: 41.2, box: { x: 360, y: 150, width: 290, height: 40 } });
  });

  it('clamps nonsense confidences into 0–100', () => {
    const words = parseTesseractTsv(`${HEADER}\n5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t-1\tx\n5\t1\t1\t1\t1\t2\t0\t0\t1\t1\tNaN\ty`);
    expect(words.map((word) => word.confidence)).toEqual([0, 0]);
  });
});
