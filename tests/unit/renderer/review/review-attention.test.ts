import { describe, expect, it } from 'vitest';
import type { FieldStatus, ReviewField } from '../../../../app/model/field';
import { flaggedCounts, nextFieldToCheck } from '../../../../renderer/src/features/review/review-attention';

const field = (id: string, status: FieldStatus): ReviewField => ({
  id, name: id, index: null, raw: null, normalized: null, description: null, region: null, sourceWordIds: [], ambiguity: 0, status, findings: [], edited: false,
});
const fields = [field('a', 'confident'), field('b', 'check'), field('c', 'confirmed'), field('d', 'missing'), field('e', 'invalid')];

describe('the next field to check', () => {
  it('goes to check, missing and invalid fields in list order, wrapping, and back', () => {
    expect(nextFieldToCheck(fields, null)?.id).toBe('b');
    expect(nextFieldToCheck(fields, 'b')?.id).toBe('d');
    expect(nextFieldToCheck(fields, 'e')?.id).toBe('b');
    expect(nextFieldToCheck(fields, 'd', -1)?.id).toBe('b');
    expect(nextFieldToCheck([field('a', 'confirmed')], 'a')).toBeNull();
  });

  it('counts what approving now would approve unresolved', () => {
    expect(flaggedCounts(fields)).toEqual({ check: 1, missing: 1, invalid: 1, total: 3 });
  });
});
