import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Tesseract processes started ahead of the page they will read. A `tesseract stdin …` process
 * spends its first ~70 ms loading its model and only then reads the image from stdin, so one
 * started while the previous page is still being read (or the next one prepared) has that
 * done by the time its page arrives. The arguments are fixed per pool; a process that waits
 * unused for IDLE_MS is ended, and close() ends them all.
 */
export class WarmProcesses {
  private readonly waiting: Array<{ child: ChildProcessWithoutNullStreams; key: string; timer: NodeJS.Timeout }> = [];
  private inFlight = 0;
  private mostInFlight = 0;
  private closed = false;

  constructor(
    private readonly binary: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * A started process for these arguments: a warm one when one waits, else a fresh one. A
   * replacement is started at once, so the next page finds one warm. Call `done()` when the
   * process has exited.
   */
  take(args: string[]): { child: ChildProcessWithoutNullStreams; done: () => void } {
    const key = args.join('\0');
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    const child = this.claim(key) ?? this.start(args);
    hold(child, true);
    if (!this.closed) this.refill(args, key);
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      this.inFlight--;
    };
    return { child, done };
  }

  /** Starts `count` processes before the first page, so it too finds one warm. */
  prime(args: string[], count: number): void {
    this.mostInFlight = Math.max(this.mostInFlight, Math.min(MAX_WARM, count));
    this.refill(args, args.join('\0'));
  }

  close(): void {
    this.closed = true;
    for (const { child, timer } of this.waiting.splice(0)) {
      clearTimeout(timer);
      child.kill('SIGKILL');
    }
  }

  private claim(key: string): ChildProcessWithoutNullStreams | null {
    for (let i = 0; i < this.waiting.length; i++) {
      const candidate = this.waiting[i]!;
      if (candidate.key !== key) continue;
      this.waiting.splice(i, 1);
      clearTimeout(candidate.timer);
      // One that died or never started while waiting (killed from outside, out of memory, no
      // binary) is no use.
      const { child } = candidate;
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) return child;
      i--;
    }
    return null;
  }

  /** Keeps as many warm as pages have been read at once, so every worker finds one. */
  private refill(args: string[], key: string): void {
    const warm = this.waiting.filter((entry) => entry.key === key).length;
    for (let i = warm; i < Math.min(MAX_WARM, this.mostInFlight); i++) {
      const child = this.start(args);
      // A waiting process must not keep the app (or a CLI run that forgot close()) alive.
      hold(child, false);
      const entry = { child, key, timer: setTimeout(() => this.retire(entry), this.idleMs) };
      entry.timer.unref();
      child.on('exit', () => this.forget(entry));
      this.waiting.push(entry);
    }
  }

  private retire(entry: (typeof this.waiting)[number]): void {
    this.forget(entry);
    entry.child.kill('SIGKILL');
  }

  private forget(entry: (typeof this.waiting)[number]): void {
    const at = this.waiting.indexOf(entry);
    if (at >= 0) this.waiting.splice(at, 1);
    clearTimeout(entry.timer);
  }

  private start(args: string[]): ChildProcessWithoutNullStreams {
    const child = spawn(this.binary, args, { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    // A process that cannot start reports it to whoever takes it; waiting, it is just dropped.
    child.on('error', () => undefined);
    child.stdin.on('error', () => undefined);
    return child;
  }
}

const IDLE_MS = 5_000;
const MAX_WARM = 4;

function hold(child: ChildProcessWithoutNullStreams, keepAlive: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{ ref(): void; unref(): void }>) {
    if (keepAlive) handle.ref();
    else handle.unref();
  }
}
