import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Registration } from '../../../../app/templates/register';
import type { FormTemplate, Zone } from '../../../../app/templates/template';
import { checkboxMarks } from '../../../../main/imaging/checkbox-marks';

/**
 * A site's form has checkbox squares of its own size, and the person designing its template
 * draws each zone round its square. A typed X in one square is a mark there; the empty squares'
 * outlines are not.
 */
const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1] as Registration['transform'];
const SQUARES = [100, 300, 500] as const;

function zone(x: number, option: string): Zone {
  // The zone a person draws: the 36-pixel square with a few pixels to spare all round.
  return { field: 'request.review', index: null, box: { x: x - 6, y: 94, width: 48, height: 48 }, type: 'checkbox', required: false, option };
}

const template: FormTemplate = {
  id: 'site.checkboxes',
  name: 'Checkboxes',
  kind: 'other',
  size: { width: 700, height: 240 },
  printed: [],
  zones: SQUARES.map((x, i) => zone(x, `option-${i}`)),
};

const registration: Registration = {
  templateId: template.id,
  transform: IDENTITY,
  inverse: IDENTITY,
  model: 'affine',
  anchorsFound: 8,
  anchorsTotal: 8,
  residual: 1,
  anchorWordIds: [],
};

async function page(marked: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  const squares = SQUARES.map((x) => `<rect x="${x}" y="100" width="36" height="36" fill="none" stroke="#111" stroke-width="3"/>`).join('');
  const mark = `<text x="${SQUARES[marked]! + 7}" y="131" font-family="Liberation Mono" font-size="42" fill="#111">X</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="240"><rect width="100%" height="100%" fill="#fff"/>${squares}${mark}</svg>`;
  const data = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().raw().toBuffer();
  return { data: new Uint8Array(data), width: 700, height: 240 };
}

describe('checkbox marks on a site form', () => {
  it('finds the X in the square that has it, and none in the empty squares', async () => {
    const marks = checkboxMarks(await page(1), registration, template, { dx: 0, dy: 0 });
    expect(marks).toHaveLength(1);
    const mark = marks[0]!;
    expect(mark.text).toBe('X');
    expect(mark.box.x).toBeGreaterThanOrEqual(290);
    expect(mark.box.x + mark.box.width).toBeLessThanOrEqual(350);
  });
});
