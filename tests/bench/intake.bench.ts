// npm run bench:intake — a 200-page PDF through the whole intake path (decode, store in the
// encrypted vault, OCR or text layer), in one process, as the desktop app runs it.
//   Targets (issue 3): first page reviewable within 2 s; peak resident memory of the whole
//   process ≤ 1.5 GB; page rate recorded. Baseline in the same run: raw `tesseract` on the
//   same first page, and on a sample of pages for the rate.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bornDigitalPdf, scannedPdf } from '../fixtures/scans/pdf-builders';
import { pageText } from '../fixtures/scans/known-text';
import { renderTextPage } from '../fixtures/scans/render-page';
import { machineLine, recordBenchmarkSection } from './record';

const PAGES = Number(process.argv[2] ?? 200);
const SAMPLE = 10;

function rawTesseract(file: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('tesseract', [file, 'stdout', '-l', 'eng', 'tsv'], { stdio: 'ignore', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`tesseract exited ${code}`))));
  });
}

interface IntakeResult {
  label: string;
  bytes: number;
  importMs: number;
  firstPageMs: number;
  allPagesMs: number;
  pagesDone: number;
  peakRssBytes: number;
}

/** Runs one intake in a fresh process (tests/bench/intake-run.ts) and reads its one-line report. */
function intake(label: string, file: string): Promise<IntakeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'intake-run.ts'), file, label], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`intake run failed (${code})`));
      else resolve(JSON.parse(line) as IntakeResult);
    });
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-bench-intake-'));
  try {
    const scans = [];
    for (let index = 0; index < PAGES; index++) {
      const page = await renderTextPage(5000 + (index % 20), 10);
      scans.push({ png: page.png, width: page.width, height: page.height, dpi: 300 });
    }
    const sampleFiles: string[] = [];
    for (let index = 0; index < SAMPLE; index++) {
      const file = path.join(dir, `sample-${index}.png`);
      await writeFile(file, scans[index]?.png as Buffer);
      sampleFiles.push(file);
    }
    const rawFirst = await rawTesseract(sampleFiles[0] as string);
    let rawSample = 0;
    for (const file of sampleFiles) rawSample += await rawTesseract(file);
    const rawPerPage = rawSample / SAMPLE;

    const scannedFile = path.join(dir, 'scanned.pdf');
    await writeFile(scannedFile, await scannedPdf(scans));
    scans.length = 0;
    const digitalFile = path.join(dir, 'born-digital.pdf');
    await writeFile(digitalFile, await bornDigitalPdf(Array.from({ length: PAGES }, (_, index) => pageText(7000 + index, 30))));
    const scanned = await intake('scanned', scannedFile);
    const digital = await intake('born-digital', digitalFile);
    const peakRss = Math.max(scanned.peakRssBytes, digital.peakRssBytes);

    const rows = [scanned, digital].map((run) => {
      const rate = run.pagesDone / (run.allPagesMs / 1000);
      return `| ${run.label} (${(run.bytes / 2 ** 20).toFixed(1)} MiB) | ${(run.importMs / 1000).toFixed(2)} | ${(run.firstPageMs / 1000).toFixed(2)} ${run.firstPageMs <= 2000 ? '(meets ≤ 2 s)' : '(MISSES ≤ 2 s)'} | ${run.pagesDone}/${PAGES} | ${rate.toFixed(2)} | ${run.label === 'scanned' ? `${(rate * (rawPerPage / 1000)).toFixed(2)}×` : 'no OCR: text layer'} |`;
    });
    const report = [
      '## Intake of a 200-page PDF (`npm run bench:intake`)',
      '',
      `One process: import through the dispatcher, store in the encrypted vault, read every page (default workers: ${os.availableParallelism()}).`,
      `Scanned: ${PAGES} image pages (10 lines of text each, 300 dpi). Born-digital: ${PAGES} text pages, read from the text layer.`,
      machineLine(),
      '',
      '| PDF | import call (s) | first page reviewable (s) | pages read | pages/s | rate vs raw `tesseract` one page at a time |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Baseline, same run: raw \`tesseract\` (OMP_THREAD_LIMIT=1) takes ${(rawFirst / 1000).toFixed(2)} s on the first page alone and ${(rawPerPage / 1000).toFixed(2)} s per page over ${SAMPLE} pages (${(1000 / rawPerPage).toFixed(2)} pages/s).`,
      `Peak resident memory of the whole Folio process, each PDF in a process of its own: scanned ${(scanned.peakRssBytes / 2 ** 20).toFixed(0)} MiB, born-digital ${(digital.peakRssBytes / 2 ** 20).toFixed(0)} MiB (target ≤ 1536 MiB: ${peakRss <= 1.5 * 2 ** 30 ? 'meets' : 'MISSES'}).`,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    await recordBenchmarkSection('bench:intake', report);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
