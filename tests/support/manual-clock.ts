import type { LockClock } from '../../main/vault/idle-lock';

interface Timer {
  due: number;
  callback: () => void;
}

/**
 * A LockClock that moves only when the test says so: idle-lock tests cross ten minutes without
 * sleeping, and nothing fires behind the test's back.
 */
export class ManualLockClock implements LockClock {
  private current: number;
  private readonly timers = new Set<Timer>();

  constructor(start = Date.parse('2026-11-25T09:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer: Timer = { due: this.current + Math.max(0, ms), callback };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as Timer);
  }

  /** Timers waiting to fire; a lock that re-arms shows up here. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = [...this.timers].filter((timer) => timer.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.timers.delete(next);
      this.current = next.due;
      next.callback();
    }
    this.current = target;
  }
}
