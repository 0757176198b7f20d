import { describe, expect, it } from 'vitest';
import { ageInYears, parseDate, validateDate } from '../../../../app/validate/dates';

const TODAY = '2026-11-25';
const v = (raw: string, role: Parameters<typeof validateDate>[1]) => validateDate(raw, role, TODAY);
const codes = (raw: string, role: Parameters<typeof validateDate>[1]): string[] => v(raw, role).findings.map((f) => f.code);

describe('dates', () => {
  it('reads the formats printed on prescriptions and claims', () => {
    expect(parseDate('03/07/1985', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('3/7/85', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('03 07 85', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('03-07-1985', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('03071985', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('1985-03-07', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('Mar 7, 1985', TODAY)?.iso).toBe('1985-03-07');
    expect(parseDate('March 7 1985', TODAY)?.iso).toBe('1985-03-07');
  });

  it('expands two-digit years so they never land after today', () => {
    expect(parseDate('11/25/26', TODAY, true)?.iso).toBe('2026-11-25');
    expect(parseDate('11/26/26', TODAY, true)?.iso).toBe('1926-11-26');
    expect(parseDate('01/01/27', TODAY, true)?.iso).toBe('1927-01-01');
  });

  it('takes the nearest century for non-birth dates so a misread future date is still flagged', () => {
    expect(parseDate('01/01/27', TODAY)?.iso).toBe('2027-01-01');
    expect(parseDate('11/20/26', TODAY)?.iso).toBe('2026-11-20');
    expect(codes('01/01/27', 'written')).toEqual(['date.future']);
    expect(codes('01/01/27', 'birth')).toEqual(['date.century_guess']);
  });

  it('rejects impossible calendar dates, including 29 February outside leap years', () => {
    expect(codes('02/30/2020', 'birth')).toEqual(['date.invalid']);
    expect(codes('02/29/2023', 'written')).toEqual(['date.invalid']);
    expect(codes('02/29/2024', 'service')).toEqual([]);
    expect(codes('13/01/2020', 'service')).toEqual(['date.invalid']);
    expect(codes('', 'service')).toEqual(['date.missing']);
  });

  it('rejects future dates relative to the injected today', () => {
    expect(codes('11/26/2026', 'written')).toEqual(['date.future']);
    expect(codes('11/25/2026', 'written')).toEqual([]);
    expect(validateDate('11/26/2026', 'written', '2026-11-27').findings).toEqual([]);
  });

  it('flags implausible ages and century guesses for birth dates', () => {
    expect(codes('01/01/1900', 'birth')).toEqual(['date.implausible_age']);
    expect(codes('01/01/1930', 'birth')).toEqual([]);
    expect(codes('01/01/30', 'birth')).toEqual(['date.century_guess']);
    expect(ageInYears('2000-11-26', TODAY)).toBe(25);
    expect(ageInYears('2000-11-25', TODAY)).toBe(26);
  });

  it('warns about prescriptions written more than a year ago', () => {
    expect(codes('11/24/2025', 'written')).toEqual(['date.prescription_expired']);
    expect(codes('11/26/2025', 'written')).toEqual([]);
  });
});
