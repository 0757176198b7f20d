import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(PROJECT_ROOT, 'bin', 'folio.mjs');

/** `npm test` builds first; a single test file run on its own builds here if needed. */
export function ensureBuilt(): void {
  const outputs = ['dist/main/cli.mjs', 'dist/main/browser-mode.mjs', 'dist/renderer/index.html'];
  if (outputs.every((file) => existsSync(path.join(PROJECT_ROOT, file)))) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}
