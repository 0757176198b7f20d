// Builds what runs outside the test runner: the main-process entry points (ESM, packages left
// external so native modules load from node_modules), the sandboxed preload (one CommonJS file,
// since a sandboxed preload cannot require anything but electron), and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

const mainEntries = {
  'electron-main': 'main/hosts/electron/main.ts',
  cli: 'main/hosts/cli/entry.ts',
  'browser-mode': 'main/hosts/http/entry.ts',
};

await esbuild({
  absWorkingDir: root,
  entryPoints: mainEntries,
  outdir: 'dist/main',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: quiet ? 'warning' : 'info',
});

await esbuild({
  absWorkingDir: root,
  entryPoints: { preload: 'renderer/preload/preload.ts' },
  outdir: 'dist/preload',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome140',
  external: ['electron'],
  logLevel: quiet ? 'warning' : 'info',
});

await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), root: path.join(root, 'renderer'), logLevel: quiet ? 'warn' : 'info' });
