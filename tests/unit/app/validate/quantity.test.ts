import { describe, expect, it } from 'vitest';
import { parseNumberWords, parseWrittenQuantity, spellNumber } from '../../../../app/validate/number-words';
import { parseRefills, validateQuantity, validateRefills } from '../../../../app/validate/quantity';

describe('quantities', () => {
  it('reads written-out quantities in both orders', () => {
    expect(validateQuantity('thirty (30)')).toMatchObject({ normalized: '30', findings: [] });
    expect(validateQuantity('30 (thirty)').value).toBe(30);
    expect(validateQuantity('#90 ninety').value).toBe(90);
    expect(validateQuantity('One hundred twenty (120)').value).toBe(120);
    expect(validateQuantity('Forty-five').value).toBe(45);
  });

  it('refuses to guess when words and digits disagree', () => {
    const v = validateQuantity('thirty (80)');
    expect(v.value).toBeNull();
    expect(v.findings.map((f) => f.code)).toEqual(['quantity.words_mismatch']);
  });

  it('flags zero, huge and unreadable quantities, and notes digits-only', () => {
    expect(validateQuantity('0 (zero)').findings.map((f) => f.code)).toEqual(['quantity.not_positive']);
    expect(validateQuantity('3000').findings.map((f) => f.code)).toEqual(['quantity.large', 'quantity.digits_only']);
    expect(validateQuantity('lots').findings.map((f) => f.code)).toEqual(['quantity.unreadable']);
    expect(validateQuantity('30').findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('spells and parses numbers consistently from 0 to 999', () => {
    for (let n = 0; n <= 999; n += 1) expect(parseNumberWords(spellNumber(n))).toBe(n);
    expect(parseWrittenQuantity('No. 60 (Sixty)')?.value).toBe(60);
  });
});

describe('refills', () => {
  it('reads NR, none, words and digits', () => {
    expect(parseRefills('NR')).toBe(0);
    expect(parseRefills('none')).toBe(0);
    expect(parseRefills('two (2)')).toBe(2);
    expect(parseRefills('5 refills')).toBe(5);
    expect(validateRefills('NR', null).normalized).toBe('NR');
    expect(validateRefills('3', null)).toMatchObject({ normalized: '3', findings: [] });
  });

  it('allows 0–11 refills and rejects more', () => {
    expect(validateRefills('11', null).findings).toEqual([]);
    expect(validateRefills('12', null).findings.map((f) => f.code)).toEqual(['refills.range']);
    expect(validateRefills('?', null).findings.map((f) => f.code)).toEqual(['refills.unreadable']);
  });

  it('refuses any refill on a C-II drug and more than five on C-III to C-V', () => {
    expect(validateRefills('0', 'CII').findings).toEqual([]);
    expect(validateRefills('NR', 'CII').findings).toEqual([]);
    expect(validateRefills('1', 'CII').findings.map((f) => f.code)).toEqual(['refills.c2_refill']);
    expect(validateRefills('5', 'CIV').findings).toEqual([]);
    expect(validateRefills('6', 'CIV').findings.map((f) => f.code)).toEqual(['refills.controlled_limit']);
  });
});
