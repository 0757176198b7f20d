import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Registration } from '../../../../app/templates/register';
import type { FormTemplate } from '../../../../app/templates/template';
import { dropFormInk } from '../../../../main/imaging/form-dropout';

/**
 * A site's own form printed in black, scanned in grey: grainy paper a little darker than white,
 * a black label and a black value beside it. With the label taken off, what the engine is given
 * must be the value on clean paper: the grain left as it was turned into noise for minutes of
 * reading once the engine's preparation stretched the page to its darkest percent.
 */
const WIDTH = 1200;
const HEIGHT = 600;
const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1] as Registration['transform'];

const template: FormTemplate = {
  id: 'site.black-form',
  name: 'Black form',
  kind: 'other',
  size: { width: WIDTH, height: HEIGHT },
  printed: [{ text: 'Patient name:', box: { x: 100, y: 260, width: 300, height: 50 }, anchor: true, inline: false }],
  zones: [{ field: 'patient.name', index: null, box: { x: 500, y: 250, width: 600, height: 80 }, type: 'name', required: false }],
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

async function greyScan(): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="DejaVu Sans" font-size="44" fill="#111"><text x="100" y="300">Patient name:</text><text x="520" y="300">Robert Owens</text></g></svg>`;
  const grey = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().raw().toBuffer();
  // Paper at about 240 with a scanner's grain, seeded so every run sees the same page.
  let state = 12345;
  for (let i = 0; i < grey.length; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    grey[i] = Math.max(0, Math.min(255, (grey[i]! * 240) / 255 + ((state / 2147483648) * 2 - 1) * 14));
  }
  return sharp(grey, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } }).png().toBuffer();
}

function darkIn(raster: { data: Uint8Array; width: number }, x0: number, y0: number, x1: number, y1: number, below: number): number {
  let dark = 0;
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if (raster.data[y * raster.width + x]! < below) dark += 1;
  return dark;
}

describe('dropping the ink of a black form scanned in grey', () => {
  it('leaves the value on white paper, with the label and the grain gone', async () => {
    const { raster } = await dropFormInk(await greyScan(), registration, template);
    // The paper away from any ink is white, not grain.
    const paper = darkIn(raster, 0, 400, WIDTH, HEIGHT, 250);
    expect(paper).toBe(0);
    // The label is gone; the value's strokes are all there.
    expect(darkIn(raster, 90, 250, 420, 320, 128)).toBe(0);
    expect(darkIn(raster, 510, 250, 900, 320, 128)).toBeGreaterThan(1500);
  });

  it('keeps the X in a checkbox even where the proposed printing covers the square', async () => {
    // "Propose from the page" reads an empty square and its option as one run ("oO Standard").
    const covering: FormTemplate = {
      ...template,
      printed: [...template.printed, { text: 'oO Standard', box: { x: 100, y: 380, width: 300, height: 60 }, anchor: false, inline: false }],
      zones: [...template.zones, { field: 'request.review', index: null, box: { x: 94, y: 384, width: 48, height: 48 }, type: 'checkbox', required: false, option: 'standard' }],
    };
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>` +
      `<rect x="100" y="390" width="36" height="36" fill="none" stroke="#111" stroke-width="3"/>` +
      `<g font-family="Liberation Mono" font-size="42" fill="#111"><text x="107" y="421">X</text></g>` +
      `<g font-family="Liberation Sans" font-size="32" fill="#111"><text x="150" y="422">Standard</text></g></svg>`;
    const png = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().png().toBuffer();
    const { raster } = await dropFormInk(png, registration, covering);
    expect(darkIn(raster, 108, 398, 130, 420, 128)).toBeGreaterThan(60);
    expect(darkIn(raster, 150, 385, 400, 430, 128)).toBe(0);
  });
});
