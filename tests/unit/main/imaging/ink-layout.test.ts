import { describe, expect, it } from 'vitest';
import type { GreyRaster } from '../../../../main/imaging/grey-raster';
import { surveyInkLayout, withoutRules } from '../../../../main/imaging/ink-layout';

/** A white raster at 300 dpi with dark rectangles: words are short blobs, rules long thin ones. */
function page(width: number, height: number): GreyRaster {
  return { data: new Uint8Array(width * height).fill(250), width, height };
}

function fill(raster: GreyRaster, x: number, y: number, w: number, h: number, level = 20): void {
  for (let row = y; row < y + h; row++) raster.data.fill(level, row * raster.width + x, row * raster.width + x + w);
}

/** Rows of word-sized blobs (30 px tall, 60–200 px wide) between x0 and x1: text, with no rule in it. */
function text(raster: GreyRaster, x0: number, x1: number, y0: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    for (let x = x0, k = 0; x + 60 <= x1; k++) {
      const w = Math.min(60 + ((k * 37 + r * 11) % 140), x1 - x);
      fill(raster, x, y0 + r * 60, w, 30);
      x += w + 20;
    }
  }
}

describe('surveying where the ink lies', () => {
  it('measures a letter’s text width and finds no rules in it', () => {
    const letter = page(2550, 3300);
    text(letter, 300, 2250, 300, 30);
    const ink = surveyInkLayout(letter, 300);
    expect(ink.widthMm).toBeGreaterThan(155);
    expect(ink.widthMm).toBeLessThan(170);
    expect(ink).toMatchObject({ verticalRules: 0, horizontalRules: 0 });
  });

  it('measures an 80 mm till roll’s print as narrow, wherever the paper lies in the scan', () => {
    const receipt = page(2550, 3300);
    text(receipt, 900, 1750, 400, 25);
    // 850 px at 300 dpi is 72 mm; the outermost 1% of ink on either side is left out.
    const { widthMm } = surveyInkLayout(receipt, 300);
    expect(widthMm).toBeGreaterThan(66);
    expect(widthMm).toBeLessThanOrEqual(72);
  });

  it('ignores a few specks at the page edge when measuring the text width', () => {
    const specked = page(2550, 3300);
    text(specked, 900, 1750, 400, 25);
    fill(specked, 10, 10, 3, 3);
    fill(specked, 2530, 3280, 3, 3);
    expect(surveyInkLayout(specked, 300).widthMm).toBeLessThan(75);
  });

  it('counts a grid’s rules, each rule once however thick', () => {
    const grid = page(2550, 1500);
    const columns = [120, 870, 1220, 1570, 2120, 2400];
    for (let r = 0; r <= 12; r++) fill(grid, 120, 200 + r * 70, 2283, 4);
    for (const x of columns) fill(grid, x, 200, 4, 12 * 70 + 4);
    expect(surveyInkLayout(grid, 300)).toMatchObject({ verticalRules: 6, horizontalRules: 13 });
  });

  it('follows a rule through the few light pixels JPEG or noise leave in it', () => {
    const broken = page(1200, 1200);
    fill(broken, 100, 100, 4, 900);
    for (let y = 150; y < 1000; y += 97) fill(broken, 100, y, 4, 2, 200);
    expect(surveyInkLayout(broken, 300).verticalRules).toBe(1);
  });

  it('scales millimetres by the raster’s resolution', () => {
    const at200 = page(1700, 2200);
    text(at200, 200, 1000, 200, 10);
    // 800 px: 102 mm at 200 dpi, where at 300 dpi it would be 68 mm.
    const { widthMm } = surveyInkLayout(at200, 200);
    expect(widthMm).toBeGreaterThan(94);
    expect(widthMm).toBeLessThanOrEqual(102);
  });

  it('reports nothing on a blank page', () => {
    expect(surveyInkLayout(page(800, 600), 300)).toEqual({ widthMm: 0, heightMm: 0, verticalRules: 0, horizontalRules: 0 });
  });
});

describe('painting rules out for a reading in rows', () => {
  it('leaves a grid’s text and nothing of its rules, without touching the page it was given', () => {
    const grid = page(2550, 1500);
    text(grid, 150, 2300, 215, 12);
    for (let r = 0; r <= 12; r++) fill(grid, 120, 200 + r * 60 - 8, 2283, 4);
    for (const x of [120, 870, 1570, 2400]) fill(grid, x, 192, 4, 12 * 60 + 4);
    const before = Uint8Array.from(grid.data);
    const erased = withoutRules(grid, 300);
    expect(surveyInkLayout(erased, 300)).toMatchObject({ verticalRules: 0, horizontalRules: 0 });
    const ink = (raster: GreyRaster): number => {
      let count = 0;
      for (const value of raster.data) if (value < 128) count++;
      return count;
    };
    const textOnly = page(2550, 1500);
    text(textOnly, 150, 2300, 215, 12);
    // The text's ink stays, less the few pixels where a vertical rule crossed a word.
    expect(ink(erased)).toBeGreaterThan(0.97 * ink(textOnly));
    expect(ink(erased)).toBeLessThanOrEqual(ink(textOnly));
    expect(Buffer.compare(grid.data, before)).toBe(0);
  });

  it('paints the grey edge of an anti-aliased rule too', () => {
    const ruled = page(1200, 400);
    fill(ruled, 100, 199, 1000, 1, 180);
    fill(ruled, 100, 200, 1000, 3);
    fill(ruled, 100, 203, 1000, 1, 180);
    const erased = withoutRules(ruled, 300);
    expect(erased.data.reduce((darkest, value) => Math.min(darkest, value), 255)).toBeGreaterThan(200);
  });
});

