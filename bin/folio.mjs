#!/usr/bin/env node
// `folio extract <files…> --json`: the command-line host, built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/main/cli.mjs', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('Folio is not built yet. Run `npm run build` (npm start and npm test do it for you).\n');
  process.exit(2);
}
await import(entry);
