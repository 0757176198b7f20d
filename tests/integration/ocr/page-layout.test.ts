import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLines } from '../../../app/extract/layout';
import type { Word } from '../../../app/model/document';
import type { OcrWord } from '../../../main/ocr/engine';
import { recognizeDisplayedPage } from '../../../main/ocr/recognize-page';
import { TesseractCliEngine } from '../../../main/ocr/tesseract-cli';
import { layoutPage, textInLineOrder } from '../../fixtures/documents/layout-pages';
import { renderDocumentPage } from '../../fixtures/documents/render-document';
import { degrade } from '../../fixtures/scans/degrade';
import { characterErrorRate } from '../../fixtures/scans/known-text';
import { wordRecall } from '../../support/recall';

const engine = new TesseractCliEngine();
afterAll(() => engine.close());

/** Raw Tesseract's default reading of the file (psm 3), as a person would run it. */
function rawTesseract(bytes: Buffer): string {
  const run = spawnSync('tesseract', ['stdin', 'stdout', '-l', 'eng'], { input: bytes, env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error('tesseract failed');
  return run.stdout;
}

function asWords(words: readonly OcrWord[]): Word[] {
  return words.map((w, i) => ({ id: String(i), pageIndex: 0, line: w.line, text: w.text, ocrText: w.text, confidence: w.confidence, box: w.box, edited: false }));
}

function recall(truth: string, reading: string): number {
  const { found, total } = wordRecall(truth.split(/\s+/), reading.split(/\s+/));
  return found / total;
}

describe('pages read in the layout they call for (real Tesseract)', () => {
  it('reads a two-column article left column first, then right, in the words and in extraction’s lines', async () => {
    const { spec, truth, columns } = layoutPage(3, 'two-column');
    const [left, right] = columns ?? [[], []];
    const page = await renderDocumentPage(spec, 3);
    const result = await recognizeDisplayedPage(engine, { image: page.png, dpi: 300 });
    expect(result.layout).toEqual({ kind: 'multi-column', mode: 'page', readings: 1 });
    const text = textInLineOrder(result.words);
    // The left column's last line is read before the right column's first.
    expect(text.indexOf(left.at(-1) as string)).toBeGreaterThan(0);
    expect(text.indexOf(left.at(-1) as string)).toBeLessThan(text.indexOf(right[0] as string));
    expect(characterErrorRate(truth.join('\n'), text)).toBeLessThan(0.02);
    // Extraction joins a table's cells into rows; it must not join the columns' lines.
    const lines = buildLines(asWords(result.words)).map((line) => line.text).join('\n');
    expect(characterErrorRate(truth.join('\n'), lines)).toBeLessThan(0.02);
  });

  it.each([
    ['clean', false],
    ['skewed scan', true],
  ])('reads a %s 80 mm till receipt as rows, no worse than raw Tesseract’s default', async (_copy, scanned) => {
    const { spec, truth } = layoutPage(5, 'receipt');
    const page = await renderDocumentPage(spec, 5);
    const bytes = scanned ? (await degrade(page, 'skew', 5)).bytes : page.png;
    const result = await recognizeDisplayedPage(engine, { image: bytes, dpi: 300 });
    expect(result.layout?.kind).toBe('narrow-print');
    const folio = textInLineOrder(result.words);
    const raw = rawTesseract(bytes);
    const known = truth.join('\n');
    expect(characterErrorRate(known, folio)).toBeLessThanOrEqual(characterErrorRate(known, raw));
    expect(recall(known, folio)).toBeGreaterThanOrEqual(recall(known, raw));
    // Every price is read, on its item's line.
    expect(characterErrorRate(known, folio)).toBeLessThan(0.03);
  });

  it('reads an ordinary letter once', async () => {
    const { spec, truth } = layoutPage(7, 'letter');
    const page = await renderDocumentPage(spec, 7);
    const result = await recognizeDisplayedPage(engine, { image: page.png, dpi: 300 });
    expect(result.layout).toEqual({ kind: 'single-column', mode: 'page', readings: 1 });
    expect(characterErrorRate(truth.join('\n'), textInLineOrder(result.words))).toBeLessThan(0.01);
  });
});
