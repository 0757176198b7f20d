import { describe, expect, it } from 'vitest';
import { toDisplayBox, toDisplayPoint, type PageTransform } from '../../../../main/imaging/page-geometry';
import { parseOsd } from '../../../../main/imaging/orientation';
import { readTiffPages } from '../../../../main/imaging/tiff-directory';

const base = { displayWidth: 800, displayHeight: 400 };

describe('mapping OCR raster boxes back to the displayed page', () => {
  it('undoes a 2× upscale', () => {
    const transform: PageTransform = { ...base, degrees: 0, rotatedWidth: 800, rotatedHeight: 400, scale: 2 };
    expect(toDisplayBox(transform, { x: 200, y: 100, width: 60, height: 20 })).toEqual({ x: 100, y: 50, width: 30, height: 10 });
  });

  it('undoes a quarter turn clockwise: the raster is tall where the page is wide', () => {
    const transform: PageTransform = { ...base, degrees: 90, rotatedWidth: 400, rotatedHeight: 800, scale: 1 };
    // The top-left corner of the page ends up at the top-right of the turned raster.
    const [x, y] = toDisplayPoint(transform, 400, 0);
    expect(x).toBeCloseTo(0);
    expect(y).toBeCloseTo(0);
  });

  it('undoes a half turn', () => {
    const transform: PageTransform = { ...base, degrees: 180, rotatedWidth: 800, rotatedHeight: 400, scale: 1 };
    expect(toDisplayBox(transform, { x: 0, y: 0, width: 100, height: 50 })).toEqual({ x: 700, y: 350, width: 100, height: 50 });
  });

  it('never returns a box outside the page', () => {
    const transform: PageTransform = { ...base, degrees: 7, rotatedWidth: 843, rotatedHeight: 495, scale: 1 };
    const box = toDisplayBox(transform, { x: 0, y: 0, width: 843, height: 495 });
    expect(box).toEqual({ x: 0, y: 0, width: 800, height: 400 });
  });
});

describe('orientation detector output', () => {
  it('trusts a confident answer and ignores a guess', () => {
    expect(parseOsd('Page number: 0\nOrientation in degrees: 180\nRotate: 180\nOrientation confidence: 17.06\n')).toBe(180);
    expect(parseOsd('Rotate: 90\nOrientation confidence: 0.4\n')).toBe(0);
    expect(parseOsd('Too few characters. Skipping this page\n')).toBe(0);
  });
});

describe('TIFF directories', () => {
  it('stops at a truncated or looping chain instead of reading past the buffer', () => {
    const looping = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0]);
    expect(readTiffPages(looping, 10)).toEqual([{ xDpi: null, yDpi: null, width: null, height: null }]);
    expect(readTiffPages(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0, 0]), 10)).toEqual([]);
  });
});
