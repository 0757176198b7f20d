// Refreshes docs/screenshot-review.png (the README's picture) by running the end-to-end test,
// which takes it, with its output pointed at docs/ instead of .cache/.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'e2e'], {
  stdio: 'inherit',
  env: { ...process.env, FOLIO_SCREENSHOT_DIR: 'docs' },
});
process.exit(result.status ?? 1);
