import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deaCheckDigit, isValidDeaChecksum, validateDea } from '../../../../app/validate/dea';

const codes = (dea: string, lastName?: string): string[] =>
  validateDea(dea, { prescriberLastName: lastName ?? null }).findings.map((f) => f.code);

describe('DEA number', () => {
  it('accepts published textbook examples', () => {
    // AB1234563: 1+3+5 = 9, 2×(2+4+6) = 24, 33 -> 3.
    expect(deaCheckDigit('123456')).toBe(3);
    expect(codes('AB1234563', 'Brown')).toEqual([]);
    // BJ6125341: 6+2+3 = 11, 2×(1+5+4) = 20, 31 -> 1.
    expect(codes('BJ6125341', 'Jones')).toEqual([]);
    expect(codes('MS1234563', 'Smith')).toEqual([]);
  });

  it('rejects a wrong check digit', () => {
    expect(codes('AB1234567', 'Brown')).toEqual(['dea.check_digit']);
  });

  it('warns when the second letter does not match the last name, ignoring case and punctuation', () => {
    expect(codes('AB1234563', 'Smith')).toEqual(['dea.name_letter']);
    expect(codes('AB1234563', "  b'rown")).toEqual([]);
    expect(codes('AB1234563')).toEqual([]);
  });

  it('flags registrant types that do not prescribe, and letters that are not registrant types', () => {
    expect(codes('RB1234563', 'Brown')).toEqual(['dea.registrant_type']);
    expect(codes('XB1234563', 'Brown')).toEqual(['dea.registrant_type']);
    expect(codes('ZB1234563', 'Brown')).toEqual(['dea.registrant_type_unknown']);
  });

  it('rejects malformed numbers', () => {
    expect(codes('A1234563')).toEqual(['dea.format']);
    expect(codes('AB12345636')).toEqual(['dea.format']);
    expect(codes('')).toEqual(['dea.missing']);
    expect(validateDea('ab 123456-3').normalized).toBe('AB1234563');
  });

  it('property: computed check digit validates; a changed digit in d1..d6 is always caught', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('A', 'B', 'F', 'G', 'M'),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.stringMatching(/^\d{6}$/),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        (type, initial, six, pos, delta) => {
          const dea = `${type}${initial}${six}${deaCheckDigit(six)}`;
          expect(isValidDeaChecksum(dea)).toBe(true);
          const digits = [...six].map(Number);
          const weight = pos % 2 === 0 ? 1 : 2;
          digits[pos] = ((digits[pos] ?? 0) + delta) % 10;
          const changed = `${type}${initial}${digits.join('')}${dea[8]}`;
          // A weight-2 change by 5 moves the sum by 10 and is invisible to this checksum.
          fc.pre(!(weight === 2 && delta === 5));
          expect(isValidDeaChecksum(changed)).toBe(false);
        },
      ),
    );
  });
});
