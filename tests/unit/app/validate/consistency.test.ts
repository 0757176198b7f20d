import { describe, expect, it } from 'vitest';
import { formatCents, parseMoneyCents, validateClaimTotal, validateQuantityAgainstSig } from '../../../../app/validate/consistency';

describe('claim total', () => {
  it('parses printed money, including the CMS-1500 split dollars/cents columns', () => {
    expect(parseMoneyCents('$1,234.56')).toBe(123456);
    expect(parseMoneyCents('125 00')).toBe(12500);
    expect(parseMoneyCents('75')).toBe(7500);
    expect(parseMoneyCents('75.5')).toBe(7550);
    expect(parseMoneyCents('7S.00')).toBeNull();
    expect(formatCents(123406)).toBe('1234.06');
  });

  it('accepts a total equal to the sum of lines, exactly in cents', () => {
    expect(validateClaimTotal(30030, [10010, 10010, 10010])).toEqual([]);
  });

  it('flags a mismatch and an unverifiable total', () => {
    expect(validateClaimTotal(30000, [10010, 20000]).map((f) => f.code)).toEqual(['claim.total_mismatch']);
    expect(validateClaimTotal(30000, [10000, null]).map((f) => f.code)).toEqual(['claim.total_unverifiable']);
    expect(validateClaimTotal(null, [10000])).toEqual([]);
  });
});

describe('quantity against sig', () => {
  const base = { quantity: 60, dose: 1, perDay: 2, daysSupply: 30, prn: false };
  it('accepts a quantity that matches dose × frequency × days', () => {
    expect(validateQuantityAgainstSig(base)).toEqual([]);
    expect(validateQuantityAgainstSig({ ...base, quantity: 56 })).toEqual([]);
  });

  it('flags too much or too little for the days supply, but not too little for PRN', () => {
    expect(validateQuantityAgainstSig({ ...base, quantity: 600 }).map((f) => f.code)).toEqual(['supply.quantity_mismatch']);
    expect(validateQuantityAgainstSig({ ...base, quantity: 20 }).map((f) => f.code)).toEqual(['supply.quantity_mismatch']);
    expect(validateQuantityAgainstSig({ ...base, quantity: 20, prn: true })).toEqual([]);
  });

  it('without a days supply, flags supplies over a year or under a day', () => {
    expect(validateQuantityAgainstSig({ ...base, daysSupply: null, quantity: 900 }).map((f) => f.code)).toEqual(['supply.excessive']);
    expect(validateQuantityAgainstSig({ ...base, daysSupply: null, quantity: 1 }).map((f) => f.code)).toEqual(['supply.under_one_day']);
    expect(validateQuantityAgainstSig({ ...base, daysSupply: null })).toEqual([]);
    expect(validateQuantityAgainstSig({ ...base, dose: null })).toEqual([]);
  });
});
