import { describe, expect, it } from 'vitest';
import { formatIcd10, suggestIcd10Codes, validateIcd10 } from '../../../../app/validate/icd10';
import { smallIcd10 } from './code-fixtures';

const set = smallIcd10();

describe('ICD-10-CM', () => {
  it('finds billable codes with or without the dot and gives the description', () => {
    const v = validateIcd10('E11.9', set);
    expect(v.normalized).toBe('E119');
    expect(v.findings).toEqual([]);
    expect(v.entry?.description).toBe('Type 2 diabetes mellitus without complications');
    expect(validateIcd10('e119', set).normalized).toBe('E119');
    expect(validateIcd10('S52.501A', set).entry?.billable).toBe(true);
  });

  it('warns that a category heading is not billable', () => {
    const v = validateIcd10('E11', set);
    expect(v.normalized).toBe('E11');
    expect(v.findings.map((f) => [f.code, f.severity])).toEqual([['icd10.not_billable', 'warning']]);
  });

  it('suggests the code an OCR confusion would produce: 0/O, 1/I, 5/S, 8/B, 2/Z', () => {
    expect(validateIcd10('El1.9', set).findings[0]?.code).toBe('icd10.format');
    expect(validateIcd10('E1I.9', set).findings[0]?.suggestions).toEqual(['E11.9']);
    expect(validateIcd10('110', set).findings[0]?.suggestions).toEqual(['I10']);
    expect(validateIcd10('552.501A', set).findings[0]?.suggestions).toEqual(['S52.501A']);
    expect(validateIcd10('820', set).findings[0]?.suggestions).toEqual(['B20']);
    expect(validateIcd10('200.00', set).findings[0]?.suggestions).toEqual(['Z00.00']);
    expect(validateIcd10('J4S.9O9', set).findings[0]?.suggestions).toEqual(['J45.909']);
  });

  it('ranks fewer substitutions first, then billable codes', () => {
    // 080 -> O80 (1 swap, billable) ranks before O8O... ; 0800 -> O800 (1 swap, not billable).
    const ranked = suggestIcd10Codes('08O', set).map((s) => s.code);
    expect(ranked[0]).toBe('O80');
    const both = suggestIcd10Codes('O8OO', set);
    expect(both.map((s) => [s.code, s.substitutions])).toEqual([['O800', 2]]);
  });

  it('reports unknown codes with the release and no suggestion when none is near', () => {
    const v = validateIcd10('K21.9', set);
    expect(v.normalized).toBeNull();
    expect(v.findings[0]?.code).toBe('icd10.unknown');
    expect(v.findings[0]?.message).toContain('FY2022');
    expect(v.findings[0]?.message).not.toContain('K21');
    expect(v.findings[0]?.suggestions).toBeUndefined();
  });

  it('formats codes with the dot after three characters', () => {
    expect(formatIcd10('s52501a')).toBe('S52.501A');
    expect(formatIcd10('I10')).toBe('I10');
  });
});
