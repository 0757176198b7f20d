// Runs before `npm start` and `npm test`, so a fresh clone needs no other command and no
// environment variable: installs what is missing, then checks native modules against Node.
//
//   1. System packages (Tesseract, Chromium, gnome-keyring, libsecret): installed with apt-get
//      when running as root on Debian, otherwise the exact command is printed.
//   2. npm packages at the pinned versions: `npm ci` with Electron's binary download skipped
//      (it cannot be fetched everywhere; `npm start` says what to do without it).
//   3. With --for=node: native modules load in this Node (rebuilt if they were built for Electron).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forNode = process.argv.includes('--for=node');
const say = (text) => process.stderr.write(`folio: ${text}\n`);

export const SYSTEM_PACKAGES = [
  { bin: 'tesseract', pkg: ['tesseract-ocr', 'tesseract-ocr-eng', 'tesseract-ocr-osd'] },
  { bin: 'chromium', pkg: ['chromium'] },
  { bin: 'gnome-keyring-daemon', pkg: ['gnome-keyring'] },
  { bin: 'dbus-run-session', pkg: ['dbus'] },
  // The keyring tests check from outside the process what keytar stored.
  { bin: 'secret-tool', pkg: ['libsecret-tools'] },
  { file: '/usr/include/libsecret-1/libsecret/secret.h', pkg: ['libsecret-1-dev'] },
  { file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', pkg: ['fonts-dejavu-core'] },
  { file: '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', pkg: ['fonts-liberation2'] },
  // Handwriting-style fonts for the generated ICR corpus (tests and bench:accuracy only).
  { file: '/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf', pkg: ['fonts-humor-sans'] },
  { dir: '/usr/share/fonts/truetype/fifthhorseman', pkg: ['fonts-dkg-handwriting'] },
];

function onPath(bin) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', bin], { stdio: 'ignore' }).status === 0;
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((item) => (item.bin ? !onPath(item.bin) : !existsSync(item.file ?? item.dir))).flatMap((item) => item.pkg);
  if (missing.length === 0) return;
  const command = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    say(`missing system packages. Install them with:\n  sudo ${command.join(' ')}`);
    process.exit(1);
  }
  say(`installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (spawnSync(command[0], command.slice(1), { stdio: 'inherit', env }).status !== 0) {
    say('apt-get could not install the system packages listed above.');
    process.exit(1);
  }
}

function npmPackagesInstalled() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const wanted = { ...manifest.dependencies, ...manifest.devDependencies };
  return Object.entries(wanted).every(([name, version]) => {
    const file = path.join(root, 'node_modules', name, 'package.json');
    return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).version === version;
  });
}

function ensureNpmPackages() {
  if (npmPackagesInstalled()) return;
  say('installing npm packages (npm ci, Electron binary download skipped)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-fund', '--no-audit'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (result.status !== 0) {
    say('npm ci failed; see the output above.');
    process.exit(1);
  }
}

export function nativeModulesLoadInNode() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "new (require('better-sqlite3-multiple-ciphers'))(':memory:').close(); require('keytar');"],
    { cwd: root, stdio: 'pipe' },
  );
  return probe.status === 0;
}

function ensureNodeAbi() {
  if (nativeModulesLoadInNode()) return;
  say('rebuilding native modules for Node (they were built for Electron)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  spawnSync(npm, ['rebuild', 'better-sqlite3-multiple-ciphers', 'keytar'], { cwd: root, stdio: 'inherit' });
  if (!nativeModulesLoadInNode()) {
    say('native modules still do not load in Node after a rebuild.');
    process.exit(1);
  }
}

if (process.platform === 'linux') ensureSystemPackages();
ensureNpmPackages();
if (forNode) ensureNodeAbi();
