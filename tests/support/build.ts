import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(PROJECT_ROOT, 'bin', 'folio.mjs');

const OUTPUTS = ['dist/main/cli.mjs', 'dist/main/browser-mode.mjs', 'dist/renderer/index.html'];
const SOURCES = ['app', 'main', 'renderer'];

/** The newest modification time among the product's sources. */
function newestSource(): number {
  let newest = 0;
  for (const top of SOURCES) {
    for (const entry of readdirSync(path.join(PROJECT_ROOT, top), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * `npm test` builds first; a single test file run on its own builds here when the build is
 * missing or older than a source file (a stale build would test yesterday's code).
 */
export function ensureBuilt(): void {
  const outputs = OUTPUTS.map((file) => path.join(PROJECT_ROOT, file));
  const fresh = outputs.every((file) => existsSync(file)) && Math.min(...outputs.map((file) => statSync(file).mtimeMs)) >= newestSource();
  if (fresh) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}
