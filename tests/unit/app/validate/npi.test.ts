import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidNpi, luhnCheckDigit, npiCheckDigit, validateNpi } from '../../../../app/validate/npi';

const codes = (npi: string): string[] => validateNpi(npi).findings.map((f) => f.code);

describe('NPI', () => {
  it('accepts the CMS example NPI 1234567893', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(validateNpi('1234567893')).toEqual({ normalized: '1234567893', findings: [] });
  });

  it('accepts an NPI with separators a form or OCR adds', () => {
    expect(validateNpi('123 456 7893').normalized).toBe('1234567893');
  });

  it('rejects a wrong check digit and every single-digit change of a valid NPI', () => {
    expect(codes('1234567890')).toEqual(['npi.check_digit']);
    const npi = '1234567893';
    for (let i = 0; i < 10; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        const changed = npi.slice(0, i) + String(d) + npi.slice(i + 1);
        if (changed !== npi) expect(validateNpi(changed).findings).not.toEqual([]);
      }
    }
  });

  it('explains length, letters and prefix problems without echoing the value', () => {
    expect(codes('123456789')).toEqual(['npi.length']);
    expect(codes('12345678O3')).toEqual(['npi.format']);
    expect(codes('3234567891')).toEqual(['npi.prefix']);
    expect(codes('')).toEqual(['npi.missing']);
    for (const f of validateNpi('1234567890').findings) expect(f.message).not.toMatch(/\d{4}/);
  });

  it('plain Luhn works on a credit-card style example', () => {
    // 7992739871 + check digit 3 is the textbook Luhn example.
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('property: the computed check digit always validates, any other digit never does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{8}$/), fc.integer({ min: 0, max: 9 }), (first9, other) => {
        const check = npiCheckDigit(first9);
        expect(isValidNpi(first9 + String(check))).toBe(true);
        if (other !== check) expect(isValidNpi(first9 + String(other))).toBe(false);
      }),
    );
  });

  it('property: swapping two different adjacent digits is caught (Luhn catches most transpositions)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{8}$/), fc.integer({ min: 1, max: 7 }), (first9, i) => {
        const npi = first9 + String(npiCheckDigit(first9));
        const a = npi[i] ?? '';
        const b = npi[i + 1] ?? '';
        // 0<->9 is the one transposition Luhn cannot see.
        fc.pre(a !== b && !((a === '0' && b === '9') || (a === '9' && b === '0')));
        const swapped = npi.slice(0, i) + b + a + npi.slice(i + 2);
        expect(isValidNpi(swapped)).toBe(false);
      }),
    );
  });
});
