import { describe, expect, it } from 'vitest';
import { encodePgm, stretchContrast } from '../../../../main/imaging/grey-raster';

function raster(values: number[], width = values.length): { data: Uint8Array; width: number; height: number } {
  return { data: Uint8Array.from(values), width, height: values.length / width };
}

describe('stretchContrast', () => {
  it('stretches a washed-out page so its darkest ink becomes black and its paper white', () => {
    // Grey text (90) on grey paper (200), as a faded fax looks.
    const page = raster([...Array(50).fill(200), ...Array(50).fill(90)]);
    const out = stretchContrast(page);
    expect(out.data[0]).toBe(255);
    expect(out.data[99]).toBe(0);
  });

  it('leaves a page that already spans black to white untouched (no copy)', () => {
    const page = raster([...Array(50).fill(255), ...Array(50).fill(0)]);
    expect(stretchContrast(page)).toBe(page);
  });

  it('leaves a blank page alone rather than amplifying nothing into noise', () => {
    const page = raster(Array(100).fill(180));
    expect(stretchContrast(page)).toBe(page);
  });
});

describe('encodePgm', () => {
  it('writes a binary greymap header followed by the pixels', () => {
    const pgm = encodePgm(raster([0, 128, 255, 7, 8, 9], 3));
    expect(pgm.subarray(0, 11).toString('ascii')).toBe('P5\n3 2\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 128, 255, 7, 8, 9]);
  });
});
