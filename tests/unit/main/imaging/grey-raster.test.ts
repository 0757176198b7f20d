import { describe, expect, it } from 'vitest';
import { encodePgm } from '../../../../main/imaging/grey-raster';

function raster(values: number[], width = values.length): { data: Uint8Array; width: number; height: number } {
  return { data: Uint8Array.from(values), width, height: values.length / width };
}

describe('encodePgm', () => {
  it('writes a binary greymap header followed by the pixels', () => {
    const pgm = encodePgm(raster([0, 128, 255, 7, 8, 9], 3));
    expect(pgm.subarray(0, 11).toString('ascii')).toBe('P5\n3 2\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 128, 255, 7, 8, 9]);
  });
});
