import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A private folder for one test's data (vault, logs), removed afterwards. */
export function makeTempDir(prefix = 'folio-test-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
