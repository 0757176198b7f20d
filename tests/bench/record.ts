import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const BENCHMARKS_FILE = path.resolve(import.meta.dirname, '../../BENCHMARKS.md');

/**
 * Replaces one benchmark's section of BENCHMARKS.md (between `<!-- name:begin -->` and
 * `<!-- name:end -->`), leaving the others as they are.
 */
export async function recordBenchmarkSection(name: string, report: string): Promise<void> {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const existing = await readFile(BENCHMARKS_FILE, 'utf8').catch(() => '# Benchmarks\n');
  const block = `${begin}\n${report.trim()}\n${end}`;
  const start = existing.indexOf(begin);
  const stop = existing.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? existing.slice(0, start) + block + existing.slice(stop + end.length)
      : `${existing.trimEnd()}\n\n${block}\n`;
  await writeFile(BENCHMARKS_FILE, next);
}

/** One line saying where and when a figure was measured. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
