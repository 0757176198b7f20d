// `npm test`: every quality gate, in the order a failure is cheapest to read.
//   1. type-check each environment (app, main, renderer, preload, tests)
//   2. lint, with the layering rules
//   3. build (the CLI and browser mode that integration and e2e tests run)
//   4. unit, integration (real Tesseract, SQLite, keyring) and e2e (Chromium) tests
// Vault tests need a Secret Service: without a D-Bus session, one is started here with an
// unlocked gnome-keyring, so the README's `npm test` works on a bare machine.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const extraArgs = process.argv.slice(2);

function step(title, command, args) {
  process.stderr.write(`\n── ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`\nnpm test stopped: ${title} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

step('type-check', npm, ['run', '--silent', 'typecheck']);
step('lint', npm, ['run', '--silent', 'lint']);
step('build', process.execPath, ['scripts/build.mjs', '--quiet']);

const vitest = [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...extraArgs];
if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
  step('tests (in a private D-Bus session with gnome-keyring)', 'bash', [
    path.join(root, 'scripts', 'with-keyring.sh'),
    process.execPath,
    ...vitest,
  ]);
} else {
  step('tests', process.execPath, vitest);
}
