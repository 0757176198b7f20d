import { FolioError } from '../../app/contract/errors';

/**
 * After failed unlocks, each further attempt waits longer: 1 s after the first failure, then
 * doubling, capped at 5 minutes so a forgetful person is slowed, not locked out for a day.
 * The caller returns the wait to the UI; nothing here sleeps, so the main thread never blocks.
 */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

export function unlockDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  // 2^(n-1) seconds; the exponent is clamped before it can overflow.
  const exponent = Math.min(consecutiveFailures - 1, 30);
  return Math.min(FIRST_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** Milliseconds still to wait, given the last failure's time; 0 when an attempt may be made. */
export function remainingWaitMs(consecutiveFailures: number, lastFailureAt: number | null, now: number): number {
  if (lastFailureAt === null) return 0;
  return Math.max(0, lastFailureAt + unlockDelayMs(consecutiveFailures) - now);
}

/** An attempt made before the wait was over: refused without even checking the secret. */
export class UnlockThrottled extends FolioError {
  constructor(readonly retryAfterMs: number) {
    super('unauthorized', `Too many failed attempts. Try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`);
    this.name = 'UnlockThrottled';
  }
}

/**
 * In-memory throttle for secrets checked before the database is open (vault passphrase,
 * recovery code): there is nowhere encrypted to persist the count yet. Against a copied key
 * file the protection is scrypt's cost, not this.
 */
export class UnlockThrottle {
  private failures = 0;
  private lastFailureAt: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds before the next attempt may be made; 0 when it may be made now. */
  waitMs(): number {
    return remainingWaitMs(this.failures, this.lastFailureAt, this.now());
  }

  /** Throws UnlockThrottled while a wait is pending. */
  assertMayAttempt(): void {
    const wait = this.waitMs();
    if (wait > 0) throw new UnlockThrottled(wait);
  }

  /** Records a failure and returns how long the next attempt must wait. */
  recordFailure(): number {
    this.failures += 1;
    this.lastFailureAt = this.now();
    return unlockDelayMs(this.failures);
  }

  recordSuccess(): void {
    this.failures = 0;
    this.lastFailureAt = null;
  }
}
