import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, UnlockThrottle, UnlockThrottled, remainingWaitMs, unlockDelayMs } from '../../../../main/vault/unlock-backoff';

describe('failed-unlock backoff', () => {
  it('waits longer after each failure, and stops growing at five minutes', () => {
    const waits = [0, 1, 2, 3, 4, 5, 8, 9, 10, 50, 1_000].map(unlockDelayMs);
    expect(waits.slice(0, 6)).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000]);
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(unlockDelayMs(9)).toBe(256_000);
    expect(unlockDelayMs(10)).toBe(MAX_DELAY_MS);
    expect(unlockDelayMs(1_000)).toBe(MAX_DELAY_MS);
  });

  it('counts down from the last failure', () => {
    expect(remainingWaitMs(3, 10_000, 10_000)).toBe(4_000);
    expect(remainingWaitMs(3, 10_000, 13_500)).toBe(500);
    expect(remainingWaitMs(3, 10_000, 20_000)).toBe(0);
    expect(remainingWaitMs(0, null, 0)).toBe(0);
  });

  it('an in-memory throttle refuses attempts inside the wait with the time left, and resets on success', () => {
    let now = 0;
    const throttle = new UnlockThrottle(() => now);
    throttle.assertMayAttempt();
    expect(throttle.recordFailure()).toBe(1_000);
    now = 400;
    expect(() => throttle.assertMayAttempt()).toThrow(UnlockThrottled);
    try {
      throttle.assertMayAttempt();
    } catch (error) {
      expect((error as UnlockThrottled).retryAfterMs).toBe(600);
      expect((error as UnlockThrottled).code).toBe('unauthorized');
    }
    now = 1_000;
    throttle.assertMayAttempt();
    expect(throttle.recordFailure()).toBe(2_000);
    throttle.recordSuccess();
    expect(throttle.waitMs()).toBe(0);
  });
});
