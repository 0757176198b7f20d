// One intake, in a process of its own, so its peak resident memory is Folio's alone (the
// fixture generation, which holds every page image at once, happens in the parent).
// Usage: tsx tests/bench/intake-run.ts <file.pdf> <label>; prints one JSON line.
import { readFile } from 'node:fs/promises';
import { openTestWorkstation, toBase64 } from '../support/workstation';

const [file, label = 'pdf'] = process.argv.slice(2);

/**
 * This process's own peak: VmHWM starts afresh at exec, whereas getrusage's maxRSS keeps the
 * pages a forked child shared with its parent (the fixture generator) before exec.
 */
async function peakRss(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kib ? Number(kib) * 1024 : process.resourceUsage().maxRSS * 1024;
}
if (!file) throw new Error('usage: intake-run.ts <file.pdf> <label>');

const { workstation, cleanup } = await openTestWorkstation();
// A person takes a moment between unlocking and picking a file; the app uses it to load its
// PDF reader. The clock starts at the import, as the reviewer's wait does.
await new Promise((resolve) => setTimeout(resolve, 2_000));
try {
  const pdf = await readFile(file);
  let documentId = '';
  let firstPageAt = 0;
  let settledAt = 0;
  const started = performance.now();
  const settled = new Promise<void>((resolve) => {
    workstation.events.on('pipeline.progress', (event) => {
      if (documentId !== '' && event.documentId !== documentId) return;
      if (event.pageIndex === 0 && event.stage === 'page-done' && firstPageAt === 0) firstPageAt = performance.now();
      if (event.pageIndex === null && (event.stage === 'done' || event.stage === 'failed')) {
        settledAt = performance.now();
        resolve();
      }
    });
  });
  const result = await workstation.dispatch('documents.import', { files: [{ name: `${label}.pdf`, dataBase64: toBase64(pdf) }] }, { host: 'cli' });
  const importMs = performance.now() - started;
  if (!result.ok) throw new Error(`import failed: ${result.error.code}`);
  documentId = (result.value as { outcomes: Array<{ documentId: string }> }).outcomes[0]?.documentId ?? '';
  // A born-digital first page is stored with its text layer during the import call itself.
  if (firstPageAt === 0) {
    const detail = await workstation.dispatch('documents.get', { documentId }, { host: 'cli' });
    if (detail.ok && (detail.value as { pages: Array<{ status: string }> }).pages[0]?.status === 'done') firstPageAt = performance.now();
  }
  await settled;
  const detail = await workstation.dispatch('documents.get', { documentId }, { host: 'cli' });
  const pagesDone = detail.ok ? (detail.value as { pages: Array<{ status: string }> }).pages.filter((page) => page.status === 'done').length : 0;
  process.stdout.write(
    `${JSON.stringify({ label, bytes: pdf.length, importMs, firstPageMs: firstPageAt - started, allPagesMs: settledAt - started, pagesDone, peakRssBytes: await peakRss() })}\n`,
  );
} finally {
  await cleanup();
}
