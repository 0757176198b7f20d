import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NdcFormat } from '../../../../app/validate/ndc';
import { ndc10Candidates, ndc11ToFormat, ndcTo11, parseNdc, validateNdc } from '../../../../app/validate/ndc';

describe('NDC', () => {
  it('pads each 10-digit shape to 5-4-2 (FDA/CMS conversion table)', () => {
    expect(validateNdc('1234-5678-91').normalized).toBe('01234567891');
    expect(validateNdc('12345-678-91').normalized).toBe('12345067891');
    expect(validateNdc('12345-6789-1').normalized).toBe('12345678901');
    // Lipitor 10 mg, 90 tablets as labelled by Pfizer.
    expect(validateNdc('0071-0155-23')).toMatchObject({ normalized: '00071015523', format: '4-4-2', findings: [] });
  });

  it('accepts 11-digit forms with or without hyphens', () => {
    expect(validateNdc('00071-0155-23').normalized).toBe('00071015523');
    expect(validateNdc('00071015523').normalized).toBe('00071015523');
  });

  it('converts back to the labelled shape', () => {
    expect(ndc11ToFormat('00071015523', '4-4-2')).toBe('0071-0155-23');
    expect(ndc11ToFormat('12345067891', '5-3-2')).toBe('12345-678-91');
    expect(ndc11ToFormat('12345678901', '5-4-1')).toBe('12345-6789-1');
    expect(ndc11ToFormat('12345678901', '4-4-2')).toBeNull();
    // Two padding zeros: the 11-digit form alone cannot say which shape the label had.
    expect(ndc10Candidates('00071015523')).toEqual(['0071-0155-23', '00071-155-23']);
    expect(ndc10Candidates('12345678901')).toEqual(['12345-6789-1']);
  });

  it('refuses an unhyphenated 10-digit NDC as ambiguous, and wrong shapes', () => {
    expect(validateNdc('0071015523').findings.map((f) => f.code)).toEqual(['ndc.ambiguous_10']);
    expect(validateNdc('123-4567-89').findings.map((f) => f.code)).toEqual(['ndc.format']);
    expect(validateNdc('12345-67890-1').normalized).toBeNull();
    expect(validateNdc('').findings.map((f) => f.code)).toEqual(['ndc.missing']);
  });

  it('warns on an 11-digit NDC with no padding zero anywhere', () => {
    expect(validateNdc('12345678912').findings.map((f) => f.code)).toEqual(['ndc.no_10_digit_form']);
  });

  const segmented = fc.constantFrom<NdcFormat>('4-4-2', '5-3-2', '5-4-1').chain((format) => {
    const [a, b, c] = format.split('-').map(Number) as [number, number, number];
    const seg = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    return fc.tuple(fc.constant(format), seg(a), seg(b), seg(c));
  });

  it('property: 10-digit -> 11-digit -> 10-digit returns the same NDC', () => {
    fc.assert(
      fc.property(segmented, ([format, a, b, c]) => {
        const ndc = `${a}-${b}-${c}`;
        const v = validateNdc(ndc);
        expect(v.format).toBe(format);
        expect(v.normalized).toMatch(/^\d{11}$/);
        expect(ndc11ToFormat(v.normalized ?? '', format)).toBe(ndc);
        expect(ndc10Candidates(v.normalized ?? '')).toContain(ndc);
      }),
    );
  });

  it('property: 11-digit -> every candidate 10-digit form -> the same 11 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (ndc11) => {
        for (const candidate of ndc10Candidates(ndc11)) {
          const parsed = parseNdc(candidate);
          expect(parsed).not.toBeNull();
          if (parsed) expect(ndcTo11(parsed)).toBe(ndc11);
        }
      }),
    );
  });
});
