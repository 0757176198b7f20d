import { describe, expect, it } from 'vitest';
import { FolioError } from '../../../../app/contract/errors';
import { IdleLock, type LockCause, type LockClock } from '../../../../main/vault/idle-lock';

/** A clock the test moves by hand: timers fire when their time is passed, nothing sleeps. */
class ManualClock implements LockClock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

const MINUTE = 60_000;

function setup(idleMinutes?: number) {
  const clock = new ManualClock();
  const locks: LockCause[] = [];
  const lock = new IdleLock({ idleMinutes, clock, onLock: (cause) => locks.push(cause) });
  return { clock, locks, lock };
}

describe('idle lock', () => {
  it('starts locked, and locks ten minutes after the last activity by default', () => {
    const { clock, locks, lock } = setup();
    expect(lock.isLocked).toBe(true);
    lock.unlocked();
    clock.advance(9 * MINUTE);
    lock.activity();
    clock.advance(9 * MINUTE);
    expect(lock.isLocked).toBe(false);
    expect(lock.remainingMs()).toBe(MINUTE);
    clock.advance(MINUTE);
    expect(lock.isLocked).toBe(true);
    expect(locks).toEqual(['idle']);
  });

  it('keeps one timer however much activity there is', () => {
    const { clock, lock } = setup();
    lock.unlocked();
    for (let i = 0; i < 1_000; i += 1) {
      clock.advance(100);
      lock.activity();
    }
    expect(clock.pending).toBe(1);
  });

  it('can be set down to one minute, takes effect at once, and refuses less', () => {
    const { clock, locks, lock } = setup();
    lock.unlocked();
    clock.advance(2 * MINUTE);
    lock.setIdleMinutes(1);
    expect(locks).toEqual(['idle']);
    expect(() => lock.setIdleMinutes(0)).toThrow(FolioError);
    expect(() => lock.setIdleMinutes(0.5)).toThrow(FolioError);
    expect(() => setup(0)).toThrow(FolioError);
    const short = setup(1);
    short.lock.unlocked();
    short.clock.advance(MINUTE - 1);
    expect(short.lock.isLocked).toBe(false);
    short.clock.advance(1);
    expect(short.lock.isLocked).toBe(true);
  });

  it('locks once on demand, ignores activity while locked, and counts afresh after unlock', () => {
    const { clock, locks, lock } = setup(5);
    lock.unlocked();
    lock.lock('manual');
    lock.lock('manual');
    lock.activity();
    clock.advance(60 * MINUTE);
    expect(locks).toEqual(['manual']);
    expect(lock.remainingMs()).toBe(0);
    lock.unlocked();
    clock.advance(5 * MINUTE);
    expect(locks).toEqual(['manual', 'idle']);
  });

  it('stops for good on dispose without reporting a lock', () => {
    const { clock, locks, lock } = setup(1);
    lock.unlocked();
    lock.dispose();
    clock.advance(10 * MINUTE);
    expect(locks).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
