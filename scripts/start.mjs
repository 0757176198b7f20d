// `npm start`: the desktop window where Electron's binary is installed, otherwise browser mode
// on 127.0.0.1 with one plain sentence saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (text) => process.stderr.write(`folio: ${text}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Read path.txt ourselves: `require('electron')` would start a download when the binary is missing. */
function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Native modules must match the runtime's ABI: Electron's for the window, Node's for browser mode. */
function ensureElectronAbi() {
  const stamp = path.join(root, 'node_modules', '.folio-native-abi');
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === `electron-${version}`) return;
  say('rebuilding native modules for Electron…');
  run(process.execPath, [require.resolve('electron-builder/cli.js'), 'install-app-deps']);
  writeFileSync(stamp, `electron-${version}`);
}

run(process.execPath, ['scripts/build.mjs', '--quiet']);

const binary = electronBinary();
if (binary) {
  ensureElectronAbi();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  say(
    'the Electron binary is not installed on this machine (its download was skipped), so Folio opens in browser mode instead; ' +
      'run `npm run setup:electron` on a networked machine for the desktop window.',
  );
  run(process.execPath, ['scripts/ensure-install.mjs', '--for=node']);
  rmStamp();
  const child = spawn(process.execPath, ['dist/main/browser-mode.mjs'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function rmStamp() {
  const stamp = path.join(root, 'node_modules', '.folio-native-abi');
  if (existsSync(stamp)) writeFileSync(stamp, 'node');
}
