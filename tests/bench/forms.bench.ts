/**
 * Real forms, honestly scored: generated CMS-1500 (02/12) claims drawn as the red form with its
 * own wording, grid, shading and checkboxes, filled on the print grid by a (misfeeding) billing
 * program or by hand, then scanned, faxed or photographed (tests/fixtures/forms), plus blank
 * forms and pages that are not medical at all. Each page goes through the product's own path:
 * decode, prepare, Tesseract, registration to the built-in template, the second reading without
 * the form's ink, zonal fields, validation and confidence. Every value is compared with the
 * generator's truth.
 *
 *   npx tsx tests/bench/forms.bench.ts [--pages N] [--timed N] [--no-write | --write] [--failures N] [--verbose]
 *     [--site-forms-only] [--site-seeds N] [--half calibration]
 *
 * "Forms built with the designer" (tests/bench/site-forms.ts) runs after the claims, or alone
 * with --site-forms-only; --half calibration reads its even seeds instead (for tuning; nothing
 * is recorded).
 *
 * Seeds split the corpus: even seeds calibrate, odd seeds report; targets are judged on the
 * report half only. Time per page is Folio's whole path against the raw `tesseract` command on
 * the same page image (default settings), both measured in this run, one page at a time.
 */
import { spawn } from 'node:child_process';
import { analyseDocument, type DocumentAnalysis } from '../../app/extract/analyse-document';
import { builtinFormulary } from '../../app/formulary/formulary';
import { BUILT_IN_TEMPLATES } from '../../app/templates/cms1500';
import { loadShippedCodeSets } from '../../main/codesets/load-codesets';
import { openPageSource } from '../../main/imaging/decode';
import type { OcrEngine } from '../../main/ocr/engine';
import { selectOcrEngine } from '../../main/ocr/select';
import type { DocumentResult, GroupFigures } from '../fixtures/documents/accuracy-report';
import { calibrationTable, failureLines, figures, pct, perFieldTable, summaryTable } from '../fixtures/documents/accuracy-report';
import { NON_MEDICAL_LAYOUTS, nonMedicalPage } from '../fixtures/documents/non-medical-document';
import { renderDocumentPage } from '../fixtures/documents/render-document';
import { scoreDocument } from '../fixtures/documents/score';
import type { DocumentTruth } from '../fixtures/documents/truth';
import { CORPUS_TODAY } from '../fixtures/documents/truth';
import { cms1500Corpus, generateCms1500Page, type Cms1500Truth } from '../fixtures/forms/cms1500-corpus';
import { readFormDocumentPage, type FormPageRead } from '../support/form-page-read';
import { machineLine, median, recordBenchmarkSection } from './record';
import { runSiteForms, siteFormsReport } from './site-forms';

const SECTION = 'bench:forms';
const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const pageCount = Number(option('--pages') ?? 160);
const timedCount = Number(option('--timed') ?? 8);
const failureCount = Number(option('--failures') ?? 30);
/** A run of under 100 pages is a smoke test; `--write` records it anyway (and says how many pages). */
const writeReport = !args.includes('--no-write') && (pageCount >= 100 || args.includes('--write'));
/** Two pages at a time: Tesseract runs in child processes, so two keep both cores busy. */
const WORKERS = 2;
const NON_MEDICAL_PAGES = 12;
const SITE_SECTION = 'bench:forms:designer';
const siteOnly = args.includes('--site-forms-only');
const siteSeedCount = Number(option('--site-seeds') ?? 8);
const calibrating = option('--half') === 'calibration';

interface FormResult extends DocumentResult {
  form: Cms1500Truth;
  registered: boolean;
  /** Placed by where its values sit (no form print on the page), not by the form's labels. */
  byValues: boolean;
  residual: number | null;
  analysis: DocumentAnalysis;
}

/** The product's path for one page file: decode, read, and the second reading on a known form. */
function readPage(engine: OcrEngine, file: Buffer): Promise<FormPageRead> {
  return readFormDocumentPage(engine, file, BUILT_IN_TEMPLATES);
}

/** The raw engine on the same decoded page: `tesseract stdin stdout`, its defaults, nothing else. */
async function rawTesseract(file: Buffer): Promise<number> {
  const source = await openPageSource(file);
  const page = await source.page(0);
  await source.close();
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('tesseract', ['stdin', 'stdout'], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', () => resolve());
    child.stdin.end(page.display);
  });
  return performance.now() - started;
}

/** The designer-built forms' section; recorded on its own unless calibrating or told not to write. */
async function siteForms(engine: OcrEngine, context: Parameters<typeof analyseDocument>[1]): Promise<void> {
  const seeds = Array.from({ length: siteSeedCount }, (_, i) => 2 * i + (calibrating ? 0 : 1));
  const run = await runSiteForms(engine, context, { seeds, blanks: 2, workers: WORKERS, verbose: args.includes('--verbose') });
  const command = `npx tsx tests/bench/forms.bench.ts --site-forms-only --site-seeds ${siteSeedCount}`;
  const markdown = `${siteFormsReport(run, command, calibrating)}\n\n${machineLine()}`;
  process.stdout.write(`${markdown}\n\nFailures (first ${failureCount}):\n${failureLines(run.results, failureCount).join('\n')}\n`);
  if (!calibrating && !args.includes('--no-write') && (!siteOnly || siteSeedCount >= 8)) await recordBenchmarkSection(SITE_SECTION, markdown);
}

async function main(): Promise<void> {
  const codeSets = await loadShippedCodeSets('resources/codesets');
  const context = { today: CORPUS_TODAY, codeSets, formulary: builtinFormulary() };
  const engine = selectOcrEngine('tesseract-cli', WORKERS);
  if (siteOnly) {
    await siteForms(engine, context);
    await engine.close();
    return;
  }
  const plan = cms1500Corpus(Array.from({ length: pageCount }, (_, i) => i + 1));
  const results: FormResult[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < plan.length) {
      const entry = plan[next++]!;
      const page = await generateCms1500Page(entry.seed, entry);
      const t0 = performance.now();
      const read = await readPage(engine, page.file);
      const analysis = analyseDocument(read.words, context, null, { pages: [{ index: 0, width: read.width, height: read.height }] });
      const truth: DocumentTruth = { ...page.truth, degradation: 'clean' };
      const form = analysis.classification.form?.pages[0];
      results.push({
        truth,
        form: page.truth,
        classifiedKind: analysis.classification.kind,
        outcomes: scoreDocument(truth, analysis, read.words),
        seconds: (performance.now() - t0) / 1000,
        registered: form !== undefined,
        byValues: form?.model === 'values',
        residual: form?.model === 'values' ? null : (form?.residual ?? null),
        analysis,
      });
      if (args.includes('--verbose')) {
        const r = results[results.length - 1]!;
        process.stderr.write(`seed ${entry.seed} ${entry.fill}/${entry.capture}: ${r.classifiedKind}, ${r.registered ? `registered (${form?.anchorsFound}/${form?.anchorsTotal})` : 'not registered'}, ${r.outcomes.filter((o) => o.correct).length}/${r.outcomes.length} exact\n`);
      }
      if (results.length % 20 === 0) process.stderr.write(`${results.length}/${plan.length} pages\n`);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  results.sort((a, b) => a.truth.seed - b.truth.seed);
  const nonMedical = await readNonMedical(engine, context);
  const timing = await timePages(engine, plan.filter((e) => e.fill === 'printed').slice(0, timedCount).map((e) => e.seed));
  const seconds = (performance.now() - started) / 1000;
  const report = results.filter((r) => r.form.seed % 2 === 1);
  const markdown = renderReport(report, results.length, seconds, nonMedical, timing);
  process.stdout.write(`${markdown}\n\nFailures (report half, first ${failureCount}):\n${failureLines(report, failureCount).join('\n')}\n`);
  if (writeReport) await recordBenchmarkSection(SECTION, markdown);
  await siteForms(engine, context);
  await engine.close();
}

interface NonMedicalResult {
  layout: string;
  kind: string;
  fields: number;
  confident: number;
}

async function readNonMedical(engine: OcrEngine, context: Parameters<typeof analyseDocument>[1]): Promise<NonMedicalResult[]> {
  const out: NonMedicalResult[] = [];
  for (let i = 0; i < NON_MEDICAL_PAGES; i += 1) {
    const layout = NON_MEDICAL_LAYOUTS[i % NON_MEDICAL_LAYOUTS.length]!;
    const rendered = await renderDocumentPage(nonMedicalPage(1000 + i, layout), 1000 + i);
    const read = await readPage(engine, rendered.png);
    const analysis = analyseDocument(read.words, context, null, { pages: [{ index: 0, width: read.width, height: read.height }] });
    out.push({ layout, kind: analysis.kind, fields: analysis.fields.filter((f) => f.raw !== null).length, confident: analysis.fields.filter((f) => f.status === 'confident').length });
  }
  return out;
}

interface Timing {
  pages: number;
  folioMs: number;
  rawMs: number;
}

/** One page at a time, Folio's whole path and then the raw engine, on the same printed pages. */
async function timePages(engine: OcrEngine, seeds: readonly number[]): Promise<Timing> {
  const folio: number[] = [];
  const raw: number[] = [];
  for (const seed of seeds) {
    const page = await generateCms1500Page(seed, { fill: 'printed', capture: 'scan' });
    const t0 = performance.now();
    await readPage(engine, page.file);
    folio.push(performance.now() - t0);
    raw.push(await rawTesseract(page.file));
  }
  return { pages: seeds.length, folioMs: median(folio), rawMs: median(raw) };
}

function group(results: readonly FormResult[], predicate: (r: FormResult) => boolean): FormResult[] {
  return results.filter(predicate);
}

function registrationTable(results: readonly FormResult[]): string {
  const rows = (['clean', 'scan', 'fax', 'photo'] as const).map((capture) => {
    const of = results.filter((r) => r.form.capture === capture && r.form.fill !== 'blank');
    const registered = of.filter((r) => r.registered);
    const byLabels = registered.filter((r) => !r.byValues);
    const residuals = byLabels.map((r) => r.residual ?? 0);
    return `| ${capture} | ${of.length} | ${pct(registered.length, of.length)} | ${pct(byLabels.length, of.length)} | ${pct(registered.length - byLabels.length, of.length)} | ${residuals.length ? median(residuals).toFixed(1) : '–'} | ${residuals.length ? Math.max(...residuals).toFixed(1) : '–'} |`;
  });
  return [
    '| capture | filled pages | registered | by its labels | by its values alone | median residual | worst residual |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function blankTable(results: readonly FormResult[]): string {
  const blank = results.filter((r) => r.form.fill === 'blank');
  const values = blank.flatMap((r) => r.analysis.fields.filter((f) => f.raw !== null));
  const confident = values.filter((f) => f.status === 'confident');
  return `Blank forms: ${blank.length} pages, ${blank.filter((r) => r.registered).length} registered, ${values.length} values invented, **${confident.length} \`confident\`** (target 0).`;
}

function nonMedicalLine(pages: readonly NonMedicalResult[]): string {
  const confident = pages.reduce((s, p) => s + p.confident, 0);
  const fields = pages.reduce((s, p) => s + p.fields, 0);
  const kinds = pages.filter((p) => p.kind !== 'other').map((p) => `${p.layout}→${p.kind}`);
  return `Non-medical pages (${NON_MEDICAL_LAYOUTS.join(', ')}): ${pages.length} pages, ${pages.length - kinds.length} classed \`other\`${kinds.length ? ` (others: ${kinds.join(', ')})` : ''}, ${fields} values, **${confident} \`confident\`** (target 0).`;
}

function verdict(label: string, value: number, target: number, atMost: boolean): string {
  const ok = atMost ? value <= target : value >= target;
  return `- ${label}: ${(value * 100).toFixed(1)}% (target ${atMost ? '≤' : '≥'} ${(target * 100).toFixed(1)}%) ${ok ? 'met' : '**missed**'}`;
}

function targets(g: GroupFigures, printed: boolean): string[] {
  const wrongConfident = g.confident === 0 ? 0 : g.confidentAttention / g.confident;
  const caught = g.attention === 0 ? 1 : (g.attentionFlagged + g.attentionMissing) / g.attention;
  return [
    verdict('wrong among `confident`', wrongConfident, printed ? 0.005 : 0.01, true),
    verdict('wrong values flagged or shown `missing`', caught, 0.95, false),
    ...(printed ? [verdict('exact per field (clean and scanned)', g.fields === 0 ? 0 : g.exact / g.fields, 0.97, false)] : []),
  ];
}

function renderReport(report: readonly FormResult[], total: number, seconds: number, nonMedical: readonly NonMedicalResult[], timing: Timing): string {
  const printed = group(report, (r) => r.form.fill === 'printed');
  const cleanScanned = group(printed, (r) => r.form.capture === 'clean' || r.form.capture === 'scan');
  const handwritten = group(report, (r) => r.form.fill === 'handwritten');
  const groups: [string, GroupFigures][] = [
    ['printed, clean + scanned', figures(cleanScanned)],
    ['printed, faxed', figures(group(printed, (r) => r.form.capture === 'fax'))],
    ['printed, photographed', figures(group(printed, (r) => r.form.capture === 'photo'))],
    ['printed, all', figures(printed)],
    ['handwritten, all', figures(handwritten)],
  ];
  return [
    `## Real forms: CMS-1500 (02/12) claims (${SECTION})`,
    '',
    `Command: \`npm run bench:forms\` (\`npx tsx tests/bench/forms.bench.ts --pages ${pageCount}\`). ${machineLine()}`,
    `${total} generated pages (${report.length} in the report half) read in ${seconds.toFixed(0)} s with ${WORKERS} workers through the product's path (Tesseract CLI).`,
    'Pages: the red CMS-1500 (02/12) with its own wording, grid, shading and checkboxes (tests/fixtures/forms); 70% filled by a billing program',
    'in a printer font and misfed by up to three characters, 20% filled in a handwriting font, 10% blank; captured clean (30%), scanned (35%),',
    'faxed at 204×196 dpi (15%) or photographed with perspective, uneven light and a shadow (20%). A fifth of the filled claims carry one',
    'value wrong on purpose (bad NPI check digit, unknown ICD-10 code, future date) that must come out `invalid`.',
    '',
    '**Report half (odd seeds).** "Wrong" = Folio\'s value differs from the truth, or the truth is a seeded-invalid value.',
    '',
    summaryTable(groups),
    '',
    'Targets, printed forms (report half):',
    ...targets(groups[0]![1], true),
    '',
    'Targets, handwritten forms (report half):',
    ...targets(groups[4]![1], false),
    '',
    blankTable(report),
    '',
    nonMedicalLine(nonMedical),
    '',
    '### Registration (report half)',
    '',
    registrationTable(report),
    '',
    'Residual: RMS distance of the found label anchors from the fitted transform, in 1/300 inch (pages placed by their labels). A page without the form’s print (a fax drops the red form) is placed by where its values sit, and every value on it is `check`.',
    '',
    `### Time per page (${timing.pages} printed, scanned pages, one at a time)`,
    '',
    '| path | median per page | ratio |',
    '|---|---:|---:|',
    `| raw \`tesseract stdin stdout\` on the page | ${(timing.rawMs / 1000).toFixed(2)} s | 1.00× |`,
    `| Folio: prepare, read, register, drop the form's ink, read again | ${(timing.folioMs / 1000).toFixed(2)} s | ${(timing.folioMs / timing.rawMs).toFixed(2)}× |`,
    '',
    '### Calibration table, printed forms (report half)',
    '',
    calibrationTable(groups[3]![1]),
    '',
    '### Calibration table, handwritten forms (report half)',
    '',
    calibrationTable(groups[4]![1]),
    '',
    '### Per field, printed forms (report half)',
    '',
    perFieldTable(printed),
  ].join('\n');
}

await main();
