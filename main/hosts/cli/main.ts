import os from 'node:os';
import { parseArgs } from 'node:util';
import { configureLogging } from '../../log/logger';
import { selectOcrEngine, type EnginePreference } from '../../ocr/select';
import { defaultDataDir } from '../../platform/paths';
import { AUDIT_VERIFY_USAGE, runAuditVerify } from './audit-verify';
import { extractFiles, type ExtractedFile } from './extract';

const USAGE = `Usage: folio extract <files…> [--json] [--engine auto|tesseract-cli|tesseract-js] [--workers N]

  extract   Recognise every page of the given images or PDFs and print words with boxes,
            confidences and the engine used. Nothing is stored.`;

/** The command-line host. Exit codes: 0 all files read, 1 some file failed, 2 usage error. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'audit-verify') return runAuditVerify(rest);
  if (command !== 'extract') {
    process.stderr.write(`${USAGE}\n\n${AUDIT_VERIFY_USAGE}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        engine: { type: 'string', default: 'auto' },
        workers: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : 'Invalid arguments'}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const engineName = values.engine as EnginePreference;
  if (!['auto', 'tesseract-cli', 'tesseract-js'].includes(engineName) || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const workers = values.workers ? Number(values.workers) : Math.max(1, os.availableParallelism());
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    process.stderr.write('--workers takes a whole number from 1 to 64.\n');
    return 2;
  }
  configureLogging({ dataDir: defaultDataDir(), console: false });
  const engine = selectOcrEngine(engineName, workers);
  try {
    const results = await extractFiles(positionals, engine, workers);
    process.stdout.write(values.json ? `${JSON.stringify({ files: results }, null, 1)}\n` : formatText(results));
    return results.every((result) => result.ok && result.pages.every((page) => page.error === null)) ? 0 : 1;
  } finally {
    await engine.close();
  }
}

function formatText(results: ExtractedFile[]): string {
  const out: string[] = [];
  for (const result of results) {
    out.push(`# ${result.file}`);
    if (!result.ok) {
      out.push(`  error ${result.error.code}: ${result.error.message}`);
      continue;
    }
    for (const page of result.pages) {
      out.push(`## page ${page.index + 1} (${page.engine ?? page.error?.code ?? '?'})`);
      const lines = new Map<number, string[]>();
      for (const word of page.words) lines.set(word.line, [...(lines.get(word.line) ?? []), word.text]);
      for (const words of lines.values()) out.push(words.join(' '));
    }
  }
  return `${out.join('\n')}\n`;
}
