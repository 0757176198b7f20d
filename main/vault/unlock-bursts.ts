import type { AuditLog } from './audit-log';

/** A burst ends after this long without another failure on the same profile. */
export const BURST_QUIET_MS = 60_000;
/** A burst that goes on and on is still written down now and then, so a crash loses little. */
const MAX_PENDING = 1_000;

interface Burst {
  /** Failures since the burst's last row. */
  pending: number;
  consecutiveFailures: number;
  lastAt: number;
  timer: NodeJS.Timeout | null;
}

export interface UnlockFailure {
  /** The profile the attempt named; null when the name matched none (the name itself is never kept). */
  profileId: string | null;
  consecutiveFailures: number;
}

/**
 * Failed unlocks, compacted: a script guessing passphrases made 300 rows in 1.2 s, burying the
 * trail. A burst's first failure is written at once (one mistyped passphrase shows as it
 * happens); the failures after it, until a success or a minute's quiet, become one more row
 * with their count. A name that matches no profile is recorded as "an unknown profile", never
 * as the text typed: it may be a patient's name typed into the wrong box.
 */
export class UnlockFailureBursts {
  private readonly bursts = new Map<string, Burst>();

  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => number,
    /** False once the database is closed: a late timer then writes nothing. */
    private readonly writable: () => boolean,
  ) {}

  record(failure: UnlockFailure): void {
    const key = failure.profileId ?? '';
    const at = this.now();
    const burst = this.bursts.get(key);
    if (burst && at - burst.lastAt < BURST_QUIET_MS) {
      burst.pending += 1;
      burst.consecutiveFailures = failure.consecutiveFailures;
      burst.lastAt = at;
      if (burst.pending >= MAX_PENDING) this.flush(key);
      else this.arm(key, burst);
      return;
    }
    if (burst) this.flush(key);
    this.append(failure.profileId, failure.consecutiveFailures, 1);
    const opened: Burst = { pending: 0, consecutiveFailures: failure.consecutiveFailures, lastAt: at, timer: null };
    this.bursts.set(key, opened);
    this.arm(key, opened);
  }

  /** The profile got in (or was refused for being disabled): its burst ends here. */
  end(profileId: string | null): void {
    this.flush(profileId ?? '');
  }

  /** Writes every open burst's remainder: the vault is closing. */
  endAll(): void {
    for (const key of [...this.bursts.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const burst = this.bursts.get(key);
    if (!burst) return;
    this.bursts.delete(key);
    if (burst.timer) clearTimeout(burst.timer);
    if (burst.pending > 0 && this.writable()) this.append(key === '' ? null : key, burst.consecutiveFailures, burst.pending);
  }

  private arm(key: string, burst: Burst): void {
    if (burst.timer) clearTimeout(burst.timer);
    burst.timer = setTimeout(() => this.flush(key), BURST_QUIET_MS);
    burst.timer.unref();
  }

  private append(profileId: string | null, consecutiveFailures: number, attempts: number): void {
    this.audit.append(profileId, { kind: 'unlock-failed', attemptedUser: profileId, consecutiveFailures, ...(attempts > 1 ? { attempts } : {}) });
  }
}
