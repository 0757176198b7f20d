import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../../main/vault/search-index';

describe('search query from typed text', () => {
  it('quotes every term, ANDs them and matches the last as a prefix', () => {
    expect(toFtsQuery('john smi')).toBe('"john" "smi"*');
    expect(toFtsQuery('MRN: 448-812')).toBe('"MRN" "448" "812"*');
    expect(toFtsQuery('"NOT" AND (x)')).toBe('"NOT" "AND" "x"*');
    expect(toFtsQuery(' - * ')).toBeNull();
  });
});
