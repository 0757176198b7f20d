import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../../support/build';
import { OCR_REFERENCE_PAGES as PAGES, referenceImage, referenceWords } from '../../support/ocr-reference';
import { wordRecall } from '../../support/recall';

interface CliWord {
  text: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
}
interface CliOutput {
  files: Array<{ file: string; ok: boolean; pages: Array<{ engine: string; width: number; height: number; words: CliWord[] }> }>;
}

describe('folio extract --json on the Tesseract reference pages (real Tesseract)', () => {
  let output: CliOutput;

  beforeAll(() => {
    ensureBuilt();
    const files = PAGES.map(referenceImage);
    const run = spawnSync(process.execPath, [CLI, 'extract', ...files, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    output = JSON.parse(run.stdout) as CliOutput;
  });

  it('finds at least 95% of the reference words across the four pages', () => {
    let found = 0;
    let total = 0;
    for (const [index, name] of PAGES.entries()) {
      const truth = referenceWords(name);
      const reading = output.files[index]?.pages.flatMap((page) => page.words.map((word) => word.text)) ?? [];
      const recall = wordRecall(truth, reading);
      // eurotext carries German, French and Portuguese words the English model cannot spell
      // (raw Tesseract finds about 91% of them); no page may fall far behind.
      expect(recall.found / recall.total, name).toBeGreaterThanOrEqual(0.85);
      found += recall.found;
      total += recall.total;
    }
    console.info(`word recall over the reference pages: ${((found / total) * 100).toFixed(1)}%`);
    expect(found / total).toBeGreaterThanOrEqual(0.95);
  });

  it('reports the engine and gives every word a box inside its page and a confidence', () => {
    for (const file of output.files) {
      expect(file.ok).toBe(true);
      for (const page of file.pages) {
        expect(page.engine).toBe('tesseract-cli');
        expect(page.words.length).toBeGreaterThan(10);
        for (const word of page.words) {
          expect(word.confidence).toBeGreaterThanOrEqual(0);
          expect(word.confidence).toBeLessThanOrEqual(100);
          expect(word.box.x + word.box.width).toBeLessThanOrEqual(page.width);
          expect(word.box.y + word.box.height).toBeLessThanOrEqual(page.height);
        }
      }
    }
  });

  it('gives a per-file error for a file that is not an image, and still reads the others', () => {
    const bogus = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'folio-cli-')), 'notes; rm -rf ~.png');
    fs.writeFileSync(bogus, 'this is a text file with a misleading name\n');
    const run = spawnSync(process.execPath, [CLI, 'extract', bogus, referenceImage('phototest'), '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { files: Array<{ ok: boolean; error?: { code: string } }> };
    expect(result.files[0]).toMatchObject({ ok: false, error: { code: 'unsupported_format' } });
    expect(result.files[1]?.ok).toBe(true);
    expect(fs.existsSync(bogus)).toBe(true);
  });
});
