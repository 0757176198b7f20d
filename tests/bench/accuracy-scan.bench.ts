/**
 * Character error rate of Folio's OCR (decode + preparation + Tesseract) against the raw
 * `tesseract` command on the same degraded scans, in the same run. Pages and damage are
 * generated from seeds, so every run scores the same files.
 *
 *   npx tsx tests/bench/accuracy-scan.bench.ts [--pages N] [--no-write]
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPageSource } from '../../main/imaging/decode';
import type { OcrWord } from '../../main/ocr/engine';
import { recognizeDisplayedPage } from '../../main/ocr/recognize-page';
import { TesseractCliEngine } from '../../main/ocr/tesseract-cli';
import { DEGRADATIONS, degrade, type Degradation } from '../fixtures/scans/degrade';
import { characterErrorRate } from '../fixtures/scans/known-text';
import { renderTextPage } from '../fixtures/scans/render-page';

const SECTION = 'bench:accuracy:scan';
const COMMAND = 'npx tsx tests/bench/accuracy-scan.bench.ts';
const args = process.argv.slice(2);
const pageCount = Number(args[args.indexOf('--pages') + 1] ?? 0) || 4;
const writeReport = !args.includes('--no-write');

/** Raw Tesseract as a person would run it on the file: default page segmentation, text out. */
function rawTesseract(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('tesseract', ['stdin', 'stdout', '-l', 'eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`tesseract exited ${code}`))));
    child.stdin.end(bytes);
  });
}

function textOfWords(words: OcrWord[]): string {
  const lines = new Map<number, string[]>();
  for (const word of words) lines.set(word.line, [...(lines.get(word.line) ?? []), word.text]);
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([, texts]) => texts.join(' ')).join('\n');
}

interface Score {
  raw: number[];
  folio: number[];
  detail: string;
  folioSeconds: number;
  rawSeconds: number;
}

async function main(): Promise<void> {
  const engine = new TesseractCliEngine();
  const scores = new Map<Degradation, Score>(DEGRADATIONS.map((d) => [d, { raw: [], folio: [], detail: '', folioSeconds: 0, rawSeconds: 0 }]));
  for (let seed = 1; seed <= pageCount; seed++) {
    const page = await renderTextPage(1000 + seed);
    const truth = page.text.lines.join('\n');
    for (const degradation of DEGRADATIONS) {
      const scan = await degrade(page, degradation, seed);
      const score = scores.get(degradation)!;
      let started = performance.now();
      const raw = await rawTesseract(scan.bytes);
      score.rawSeconds += (performance.now() - started) / 1000;
      started = performance.now();
      const source = await openPageSource(scan.bytes);
      const decoded = await source.page(0);
      const result = await recognizeDisplayedPage(engine, { image: decoded.display, dpi: decoded.dpi });
      await source.close();
      score.folioSeconds += (performance.now() - started) / 1000;
      score.raw.push(characterErrorRate(truth, raw));
      score.folio.push(characterErrorRate(truth, textOfWords(result.words)));
      if (!score.detail.split('; ').includes(scan.detail)) score.detail = score.detail ? `${score.detail}; ${scan.detail}` : scan.detail;
      process.stderr.write(`page ${seed} ${degradation}: raw ${pct(score.raw.at(-1)!)} folio ${pct(score.folio.at(-1)!)}\n`);
    }
  }
  const report = renderReport(scores);
  process.stdout.write(`${report}\n`);
  if (writeReport) await writeSection(report);
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const pct = (value: number): string => `${(value * 100).toFixed(2)}%`;

function renderReport(scores: Map<Degradation, Score>): string {
  const rows: string[] = [];
  const allRaw: number[] = [];
  const allFolio: number[] = [];
  const verdicts: string[] = [];
  for (const [degradation, score] of scores) {
    const raw = mean(score.raw);
    const folio = mean(score.folio);
    allRaw.push(...score.raw);
    allFolio.push(...score.folio);
    const change = raw > 0 ? `${(((folio - raw) / raw) * 100).toFixed(0)}%` : folio > 0 ? 'worse' : '0%';
    rows.push(`| ${degradation} | ${score.detail} | ${pct(raw)} | ${pct(folio)} | ${change} | ${(score.rawSeconds / score.raw.length).toFixed(2)} | ${(score.folioSeconds / score.folio.length).toFixed(2)} |`);
    if (degradation === 'clean') verdicts.push(`clean within 0.2 points: ${Math.abs(folio - raw) * 100 <= 0.2 ? 'yes' : 'NO'} (${((folio - raw) * 100).toFixed(2)} points)`);
    else if (folio > raw) verdicts.push(`worse than raw on ${degradation}: YES`);
  }
  const overallRaw = mean(allRaw);
  const overallFolio = mean(allFolio);
  const reduction = overallRaw > 0 ? (1 - overallFolio / overallRaw) * 100 : 0;
  rows.push(`| **all** | ${allRaw.length} scans | **${pct(overallRaw)}** | **${pct(overallFolio)}** | **${(-reduction).toFixed(0)}%** | | |`);
  verdicts.unshift(`overall CER ${reduction.toFixed(0)}% lower (target ≥ 30%): ${reduction >= 30 ? 'yes' : 'NO'}`);
  if (!verdicts.some((line) => line.startsWith('worse'))) verdicts.push('never worse than raw on any degradation: yes');
  return [
    `## Scan accuracy (${SECTION})`,
    '',
    `Command: \`${COMMAND} --pages ${pageCount}\` (npm script \`bench:accuracy:scan\`). Run ${new Date().toISOString().slice(0, 10)}, tesseract ${tesseractVersion}, Node ${process.version}.`,
    `${pageCount} generated pages of known text (12 lines each, 8–10 pt, DejaVu/Liberation fonts) × ${DEGRADATIONS.length} degradations.`,
    'Raw = `tesseract <file> stdout -l eng` on the degraded file. Folio = decode + preparation + Tesseract (TSV, psm 3).',
    'CER = edit distance / truth length over whitespace-normalised lines; seconds are per page, wall clock.',
    '',
    '| degradation | what | raw CER | Folio CER | change | raw s | Folio s |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...verdicts.map((line) => `- ${line}`),
  ].join('\n');
}

let tesseractVersion = '';

async function writeSection(report: string): Promise<void> {
  const file = path.resolve(import.meta.dirname, '../../BENCHMARKS.md');
  const begin = `<!-- ${SECTION}:begin -->`;
  const end = `<!-- ${SECTION}:end -->`;
  const existing = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const block = `${begin}\n${report}\n${end}`;
  const start = existing.indexOf(begin);
  const stop = existing.indexOf(end);
  const next = start >= 0 && stop > start ? existing.slice(0, start) + block + existing.slice(stop + end.length) : `${existing.trimEnd()}\n\n${block}\n`;
  await writeFile(file, next);
}

tesseractVersion = await new Promise<string>((resolve) => {
  const child = spawn('tesseract', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('close', () => resolve(/tesseract\s+([\d.]+)/.exec(output)?.[1] ?? 'unknown'));
});
await main();
