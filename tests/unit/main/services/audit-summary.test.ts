import { describe, expect, it } from 'vitest';
import { ViewThrottle } from '../../../../main/services/audit-summary';

describe('ViewThrottle', () => {
  it('records one view per person and document per ten minutes, and each person apart', () => {
    let now = 0;
    const views = new ViewThrottle(() => now);
    expect(views.shouldRecord('ana', 'doc-1')).toBe(true);
    now += 60_000;
    expect(views.shouldRecord('ana', 'doc-1')).toBe(false);
    expect(views.shouldRecord('ben', 'doc-1')).toBe(true);
    expect(views.shouldRecord('ana', 'doc-2')).toBe(true);
    now += 10 * 60_000;
    expect(views.shouldRecord('ana', 'doc-1')).toBe(true);
  });
});
