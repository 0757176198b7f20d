/**
 * A bounded queue: at most `concurrency` jobs run at once, the rest wait in order. Jobs carry a
 * group key (the document) so a document, or everything, can be cancelled.
 */
export interface Job {
  group: string;
  run(signal: AbortSignal): Promise<void>;
  /** Called instead of `run` when the job is cancelled before it started. */
  dropped?(): void;
}

interface Pending {
  job: Job;
  controller: AbortController;
}

export class JobQueue {
  private readonly waiting: Pending[] = [];
  private readonly running = new Set<Pending>();
  private idleWaiters: Array<() => void> = [];

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  }

  push(job: Job): void {
    this.waiting.push({ job, controller: new AbortController() });
    this.pump();
  }

  /** Drops waiting jobs of a group and aborts its running ones; returns how many were affected. */
  cancel(group?: string): number {
    let affected = 0;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const pending = this.waiting[i] as Pending;
      if (group === undefined || pending.job.group === group) {
        this.waiting.splice(i, 1);
        pending.controller.abort();
        pending.job.dropped?.();
        affected++;
      }
    }
    for (const pending of this.running) {
      if (group === undefined || pending.job.group === group) {
        pending.controller.abort();
        affected++;
      }
    }
    this.settleIdle();
    return affected;
  }

  get size(): number {
    return this.waiting.length + this.running.size;
  }

  /** Resolves when nothing is waiting or running. */
  onIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const pending = this.waiting.shift() as Pending;
      this.running.add(pending);
      void pending.job
        .run(pending.controller.signal)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(pending);
          this.pump();
          this.settleIdle();
        });
    }
  }

  private settleIdle(): void {
    if (this.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
