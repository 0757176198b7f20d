import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportFileSchema, isBase64 } from '../../../../app/contract/methods';

// The upload check of documents.import: a file arrives as base64, and anything else is refused
// before a byte is decoded. It must accept and refuse exactly what the plain pattern does.
const PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

describe('base64 check of an upload', () => {
  it('agrees with the plain pattern on any text over the base64 alphabet and its neighbours', () => {
    const alphabet = fc.constantFrom(...'ABZaz09+/=-_ \n.é'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), (text) => isBase64(text) === PATTERN.test(text)), { numRuns: 5000 });
  });

  it('accepts real file contents, and refuses padding in the middle, three pads, and URL-safe letters', () => {
    for (const length of [0, 1, 2, 3, 100]) expect(isBase64(Buffer.alloc(length, 0xfb).toString('base64'))).toBe(true);
    expect(isBase64('QUJD=QUJD')).toBe(false);
    expect(isBase64('QQ===')).toBe(false);
    expect(isBase64('-_-_')).toBe(false);
    expect(ImportFileSchema.safeParse({ name: 'scan.png', dataBase64: 'iVBO\nRw0K' }).success).toBe(false);
  });
});
