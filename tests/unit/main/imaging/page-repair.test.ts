import { describe, expect, it } from 'vitest';
import { removeSpecks, repairLostScanLines } from '../../../../main/imaging/fax-repair';
import type { GreyRaster } from '../../../../main/imaging/grey-raster';
import { surveyPage } from '../../../../main/imaging/page-survey';
import { evenOutLight, measurePaperLight, stretchContrast } from '../../../../main/imaging/paper-light';
import { estimateSkewDegrees } from '../../../../main/imaging/skew';

function blank(width: number, height: number, paper = 255): GreyRaster {
  return { data: new Uint8Array(width * height).fill(paper), width, height };
}

function paint(raster: GreyRaster, x: number, y: number, width: number, height: number, level = 0): void {
  for (let row = y; row < y + height; row++) raster.data.fill(level, row * raster.width + x, row * raster.width + x + width);
}

const at = (raster: GreyRaster, x: number, y: number): number => raster.data[y * raster.width + x]!;

/** A "line of text": 3-pixel strokes, 12 tall, every 8 pixels, like 8 pt type at 204 dpi. */
function textLine(raster: GreyRaster, top: number, from = 20, to = 180): void {
  for (let x = from; x < to; x += 8) paint(raster, x, top, 3, 12);
}

describe('removing fax specks', () => {
  it('removes a lone 2×2 speck in the margin and says so', () => {
    const page = blank(200, 100);
    textLine(page, 40);
    paint(page, 100, 5, 2, 2);
    const { raster, removed } = removeSpecks(page, 204);
    expect(removed).toBe(1);
    expect(at(raster, 100, 5)).toBe(255);
    expect(at(raster, 20, 45)).toBe(0);
  });

  it("keeps a full stop beside a letter and a colon's two dots", () => {
    const page = blank(200, 100);
    paint(page, 20, 40, 3, 12);
    paint(page, 26, 49, 2, 2); // full stop after the letter
    paint(page, 60, 42, 2, 2); // colon: two dots, one above the other
    paint(page, 60, 48, 2, 2);
    const { raster, removed } = removeSpecks(page, 204);
    expect(removed).toBe(0);
    expect(at(raster, 26, 49)).toBe(0);
    expect(at(raster, 60, 42)).toBe(0);
  });
});

describe('filling scan lines lost in transmission', () => {
  it('joins strokes cut by a white line and leaves the gaps between text lines alone', () => {
    const page = blank(200, 100);
    textLine(page, 20);
    textLine(page, 60);
    paint(page, 0, 26, 200, 1, 255); // lost line through the first text line
    const { raster, repaired } = repairLostScanLines(page);
    expect(repaired).toBe(1);
    expect(at(raster, 21, 26)).toBe(0);
    // Between strokes, and in the blank band between lines, nothing is added.
    expect(at(raster, 25, 26)).toBe(255);
    expect(raster.data.subarray(40 * 200, 55 * 200).every((value) => value === 255)).toBe(true);
  });

  it('returns a page without lost lines as it is', () => {
    const page = blank(200, 100);
    textLine(page, 20);
    expect(repairLostScanLines(page)).toEqual({ raster: page, repaired: 0 });
  });
});

describe('uneven paper light', () => {
  /** Paper from 240 on the left to 90 on the right (5 inches), with ink at a third of the paper's level. */
  function shadedPage(): GreyRaster {
    const page = blank(1500, 300);
    for (let y = 0; y < page.height; y++) {
      for (let x = 0; x < page.width; x++) {
        const paper = 240 - (150 * x) / page.width;
        const ink = y % 40 < 10 && x % 12 < 3;
        page.data[y * page.width + x] = Math.round(ink ? paper / 3 : paper);
      }
    }
    return page;
  }

  it('measures a shadow across the page and evens it out, keeping the ink dark on both sides', () => {
    const page = shadedPage();
    const light = measurePaperLight(page, 300);
    expect(light.spread).toBeGreaterThan(100);
    const even = evenOutLight(page, light);
    // Paper on the dim side is now nearly as white as on the bright side…
    expect(at(even, 1490, 25)).toBeGreaterThan(225);
    expect(at(even, 10, 25)).toBeGreaterThan(225);
    // …and ink on the dim side stays far darker than any paper.
    expect(at(even, 1488, 5)).toBeLessThan(110);
  });

  it('stretches a washed-out page so its darkest ink becomes black and its paper white', () => {
    // Grey text (90) on grey paper (200), as a faded fax looks.
    const page = blank(100, 10, 200);
    paint(page, 0, 0, 100, 2, 90);
    const after = stretchContrast(page, surveyPage(page).levels);
    expect(at(page, 5, 0)).toBe(0);
    expect(at(page, 5, 5)).toBe(255);
    expect(after).toMatchObject({ paper: 255, ink: 0 });
  });

  it('stretches grey ink on white paper, pixel by pixel, and leaves the paper white', () => {
    const page = blank(101, 10);
    paint(page, 0, 0, 101, 2, 60);
    page.data[5 * 101 + 7] = 120;
    stretchContrast(page, surveyPage(page).levels);
    expect(at(page, 3, 1)).toBe(0);
    expect(at(page, 7, 5)).toBe(Math.round(((120 - 60) * 255) / 195));
    expect(at(page, 100, 9)).toBe(255);
    expect(at(page, 6, 5)).toBe(255);
  });

  it('leaves a page that already spans black to white as it is', () => {
    const page = blank(100, 10);
    paint(page, 0, 0, 100, 2, 0);
    expect(stretchContrast(page, surveyPage(page).levels)).toBeNull();
    expect(at(page, 5, 5)).toBe(255);
  });

  it('finds no spread on evenly lit paper, grey or white', () => {
    const page = blank(600, 300, 210);
    textLine(page, 100);
    expect(measurePaperLight(page, 300).spread).toBe(0);
  });
});

describe('surveying a page', () => {
  it('tells a page that came through one bit from a grey scan', () => {
    const fax = blank(200, 100);
    textLine(fax, 40);
    expect(surveyPage(fax).bilevel).toBe(true);
    const grey = blank(200, 100);
    for (let x = 0; x < 200; x++) paint(grey, x, 40, 1, 12, x % 200); // a row holds 200 levels
    expect(surveyPage(grey).bilevel).toBe(false);
  });

  it('measures heavy noise on a noisy page and none on a clean one', () => {
    const clean = blank(300, 300);
    textLine(clean, 100, 20, 280);
    expect(surveyPage(clean).noiseSigma).toBeLessThan(2);
    let state = 1;
    const noisy = blank(300, 300, 200);
    for (let i = 0; i < noisy.data.length; i++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      noisy.data[i] = 200 + ((state >> 8) % 81) - 40;
    }
    expect(surveyPage(noisy).noiseSigma).toBeGreaterThan(15);
  });

  it('puts the ink threshold between faint ink and grey paper, where a fixed cut would miss it', () => {
    const faded = blank(400, 400, 225);
    for (let top = 40; top < 360; top += 40) textLine(faded, top, 20, 380);
    for (let i = 0; i < faded.data.length; i++) if (faded.data[i] === 0) faded.data[i] = 150;
    const { inkBelow, paper } = surveyPage(faded).levels;
    expect(paper).toBe(225);
    expect(inkBelow).toBeGreaterThan(150);
    expect(inkBelow).toBeLessThan(225);
    expect(estimateSkewDegrees(faded, inkBelow)).toBe(0);
  });
});

describe('measuring skew', () => {
  /** Ten lines of 3-pixel strokes across a 1200-pixel page, sloping by `degrees` (clockwise). */
  function slopingLines(degrees: number): GreyRaster {
    const page = blank(1200, 900);
    const slope = Math.tan((degrees * Math.PI) / 180);
    for (let line = 0; line < 10; line++) {
      for (let x = 40; x < 1160; x += 9) paint(page, x, Math.round(80 + line * 75 + x * slope), 3, 14);
    }
    return page;
  }

  it.each([0.7, -1.2, 2.5, -6])('finds a %s° slope and returns the turn that levels it', (degrees) => {
    expect(estimateSkewDegrees(slopingLines(degrees))).toBeCloseTo(-degrees, 1);
  });

  it('leaves a level page level', () => {
    expect(estimateSkewDegrees(slopingLines(0))).toBe(0);
  });
});
