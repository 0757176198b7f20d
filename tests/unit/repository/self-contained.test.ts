import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/build';
import { OCR_REFERENCE_DIR, OCR_REFERENCE_PAGES } from '../../support/ocr-reference';

// `npm test` on a person's own clone, wherever it is placed: nothing a test, benchmark, script
// or CI step reads may sit beside the repository (the project's build machines keep a data
// folder next to the clone; a user's machine has none).
const SCANNED = ['tests', 'scripts', '.ci', 'package.json', 'vitest.config.ts'];
const LEAVES_THE_CLONE = [/\.\.[\\/]+shared\b/, /['"]\.\.['"]\s*,\s*['"]shared['"]/, /[\\/]work[\\/]shared\b/];

function filesUnder(entry: string): string[] {
  const full = path.join(PROJECT_ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile() && !item.parentPath.includes(`${path.sep}generated`))
    .map((item) => path.join(item.parentPath, item.name))
    .filter((file) => /\.(ts|tsx|mjs|js|cjs|json|sh)$|[\\/]run$/.test(file));
}

const isGitClone = fs.existsSync(path.join(PROJECT_ROOT, '.git'));
const git = (...args: string[]): string => spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).stdout;

describe('a clone placed anywhere has everything its tests read', () => {
  it('no test, benchmark, script or CI step reads a folder beside the repository', () => {
    const offenders = SCANNED.flatMap(filesUnder).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (LEAVES_THE_CLONE.some((pattern) => pattern.test(line)) ? [`${path.relative(PROJECT_ROOT, file)}:${index + 1}`] : [])),
    );
    expect(offenders.filter((where) => !where.startsWith(path.join('tests', 'unit', 'repository')))).toEqual([]);
  });

  it('the Tesseract reference pages, their text and their licence are in the repository', () => {
    for (const page of OCR_REFERENCE_PAGES) {
      expect(fs.statSync(path.join(OCR_REFERENCE_DIR, `${page}.tif`)).size, page).toBeGreaterThan(10_000);
      expect(fs.readFileSync(path.join(OCR_REFERENCE_DIR, `${page}.txt`), 'utf8').split(/\s+/).length, page).toBeGreaterThan(20);
    }
    expect(fs.readFileSync(path.join(OCR_REFERENCE_DIR, 'README.md'), 'utf8')).toMatch(/Apache-2\.0/);
    expect(fs.readFileSync(path.join(OCR_REFERENCE_DIR, 'LICENSE-Apache-2.0.txt'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
  });

  it.skipIf(!isGitClone)('and git carries them: none is ignored, every one is tracked', () => {
    const folder = path.relative(PROJECT_ROOT, OCR_REFERENCE_DIR);
    const wanted = [...OCR_REFERENCE_PAGES.flatMap((page) => [`${page}.tif`, `${page}.txt`]), 'README.md', 'UPSTREAM_testing_README.md', 'LICENSE-Apache-2.0.txt'].map(
      (name) => path.posix.join(folder.split(path.sep).join('/'), name),
    );
    expect(git('check-ignore', '--no-index', ...wanted).trim()).toBe('');
    const tracked = new Set(git('ls-files', '--', folder).split('\n'));
    expect(wanted.filter((file) => !tracked.has(file))).toEqual([]);
  });
});
