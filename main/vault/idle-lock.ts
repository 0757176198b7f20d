import { FolioError } from '../../app/contract/errors';

/** The clock the lock reads and the timer it sets; tests pass a manual one so nothing sleeps. */
export interface LockClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: LockClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // The lock timer alone must not keep a CLI or test process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const DEFAULT_IDLE_MINUTES = 10;
export const MIN_IDLE_MINUTES = 1;
/** A workstation left open for a shift is not "idle lock"; the cap keeps the setting meaningful. */
export const MAX_IDLE_MINUTES = 8 * 60;

/** `profile-disabled`: an admin disabled the signed-in profile, which is signed out at its next call. */
export type LockCause = 'idle' | 'manual' | 'shutdown' | 'profile-disabled';

export interface IdleLockOptions {
  idleMinutes?: number;
  clock?: LockClock;
  /** Called once per lock, whatever caused it: close the session, tell every host. */
  onLock: (cause: LockCause) => void;
}

export function assertIdleMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
    throw new FolioError('invalid_input', `The idle lock must be between ${MIN_IDLE_MINUTES} and ${MAX_IDLE_MINUTES} minutes.`);
  }
}

/**
 * Locks the session after a stretch without activity. Activity only moves a timestamp; the one
 * timer, when it fires, checks how long it has really been and re-arms for the rest, so a
 * burst of keystrokes costs no timer churn. One lock for every host: the dispatcher reports
 * activity for each call, whichever host it came through.
 */
export class IdleLock {
  private readonly clock: LockClock;
  private readonly onLock: (cause: LockCause) => void;
  private idleMs: number;
  private lastActivity: number;
  private timer: unknown = null;
  private locked = true;

  constructor(options: IdleLockOptions) {
    const minutes = options.idleMinutes ?? DEFAULT_IDLE_MINUTES;
    assertIdleMinutes(minutes);
    this.clock = options.clock ?? systemClock;
    this.onLock = options.onLock;
    this.idleMs = minutes * 60_000;
    this.lastActivity = this.clock.now();
  }

  get isLocked(): boolean {
    return this.locked;
  }

  get idleMinutes(): number {
    return this.idleMs / 60_000;
  }

  /** Starts counting after a successful unlock. */
  unlocked(): void {
    this.locked = false;
    this.lastActivity = this.clock.now();
    this.arm(this.idleMs);
  }

  /** A person did something. Ignored while locked: only an unlock reopens the session. */
  activity(): void {
    if (this.locked) return;
    this.lastActivity = this.clock.now();
  }

  /** Milliseconds until the lock, or 0 when locked; for a countdown in the UI. */
  remainingMs(): number {
    if (this.locked) return 0;
    return Math.max(0, this.lastActivity + this.idleMs - this.clock.now());
  }

  setIdleMinutes(minutes: number): void {
    assertIdleMinutes(minutes);
    this.idleMs = minutes * 60_000;
    if (!this.locked) this.check();
  }

  lock(cause: LockCause): void {
    if (this.locked) return;
    this.locked = true;
    this.disarm();
    this.onLock(cause);
  }

  /** Stops the timer for good (app shutdown) without calling onLock twice. */
  dispose(): void {
    this.disarm();
  }

  private check(): void {
    const remaining = this.remainingMs();
    if (remaining <= 0) this.lock('idle');
    else this.arm(remaining);
  }

  private arm(ms: number): void {
    this.disarm();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.check();
    }, ms);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
