/**
 * Field extraction accuracy and confidence calibration on the labelled corpus: generated
 * documents (tests/fixtures/documents) are rendered, damaged, read by the real Tesseract and
 * analysed by Folio; every field is compared with the generator's truth.
 *
 *   npx tsx tests/bench/accuracy.bench.ts [--docs N] [--no-write] [--failures N] [--json FILE]
 *
 * Seeds split the corpus: even seeds are the calibration half (thresholds in
 * app/confidence/field-status.ts were tuned on them), odd seeds the report half. Targets are
 * judged on the report half only.
 */
import { writeFile } from 'node:fs/promises';
import type { Word } from '../../app/model/document';
import type { DocumentAnalysis } from '../../app/extract/analyse-document';
import { analyseDocument } from '../../app/extract/analyse-document';
import { builtinFormulary } from '../../app/formulary/formulary';
import { loadShippedCodeSets } from '../../main/codesets/load-codesets';
import { selectOcrEngine } from '../../main/ocr/select';
import type { DocumentResult, GroupFigures } from '../fixtures/documents/accuracy-report';
import { calibrationTable, failureLines, figures, pct, perFieldTable, summaryTable } from '../fixtures/documents/accuracy-report';
import { corpusDocument, corpusHalf, readScanWords, renderCorpusScan } from '../fixtures/documents/corpus';
import { HANDWRITING_FONT_PACKAGES, handwritingFontsInstalled } from '../fixtures/documents/render-document';
import { scoreDocument } from '../fixtures/documents/score';
import { calibrationSweep, confidenceThresholdTable } from '../fixtures/documents/threshold-sweep';
import { machineLine, recordBenchmarkSection } from './record';

const SECTION = 'bench:accuracy';
const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const docCount = Number(option('--docs') ?? 320);
const failureCount = Number(option('--failures') ?? 25);
const jsonFile = option('--json');
const writeReport = !args.includes('--no-write') && docCount >= 300;
/** Two documents at a time: Tesseract runs in a child process, so two keep both cores busy. */
const WORKERS = 2;

interface Analysed extends DocumentResult {
  analysis: DocumentAnalysis;
  words: Word[];
}

async function main(): Promise<void> {
  const codeSets = await loadShippedCodeSets('resources/codesets');
  const formulary = builtinFormulary();
  const engine = selectOcrEngine('tesseract-cli', WORKERS);
  const fontsPresent = handwritingFontsInstalled();
  if (!fontsPresent) process.stderr.write(`handwriting fonts missing (apt-get install ${HANDWRITING_FONT_PACKAGES}): handwriting documents skipped\n`);
  const seeds = Array.from({ length: docCount }, (_, i) => i + 1);
  const results: Analysed[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < seeds.length) {
      const seed = seeds[next++] as number;
      const doc = corpusDocument(seed);
      if (doc.truth.handwriting && !fontsPresent) continue;
      const t0 = performance.now();
      const words = await readScanWords(engine, await renderCorpusScan(doc));
      const analysis = analyseDocument(words, { today: doc.truth.today, codeSets, formulary });
      const outcomes = scoreDocument(doc.truth, analysis, words);
      results.push({ truth: doc.truth, classifiedKind: analysis.classification.kind, outcomes, analysis, words, seconds: (performance.now() - t0) / 1000 });
      if (results.length % 20 === 0) process.stderr.write(`${results.length}/${seeds.length} documents\n`);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await engine.close();
  results.sort((a, b) => a.truth.seed - b.truth.seed);
  const seconds = (performance.now() - started) / 1000;
  const calibration = results.filter((r) => corpusHalf(r.truth.seed) === 'calibration');
  const report = results.filter((r) => corpusHalf(r.truth.seed) === 'report');
  const sweep = calibrationSweep(calibration.filter((r) => !r.truth.handwriting));
  const markdown = renderReport(report, calibration, seconds, sweep);
  process.stdout.write(`${markdown}\n\nFailures (report half, first ${failureCount}):\n${failureLines(report, failureCount).join('\n')}\n`);
  if (jsonFile) await writeFile(jsonFile, JSON.stringify(results.map(({ analysis: _a, words: _w, ...r }) => r), null, 1));
  if (writeReport) await recordBenchmarkSection(SECTION, markdown);
}

function groups(results: readonly DocumentResult[]): [string, GroupFigures][] {
  const printed = results.filter((r) => !r.truth.handwriting);
  return [
    ['clean printed', figures(printed.filter((r) => r.truth.degradation === 'clean'))],
    ['degraded printed', figures(printed.filter((r) => r.truth.degradation !== 'clean'))],
    ['handwriting-font Rx', figures(results.filter((r) => r.truth.handwriting))],
    ['all', figures(results)],
  ];
}

function verdicts(g: GroupFigures): string[] {
  const line = (label: string, ok: boolean, value: string): string => `- ${label}: ${value} — ${ok ? 'met' : 'NOT MET'}`;
  return [
    line('field exact match ≥ 98%', g.exact >= 0.98 * g.fields, pct(g.exact, g.fields)),
    line('correct document kind ≥ 98%', g.kindCorrect >= 0.98 * g.documents, pct(g.kindCorrect, g.documents)),
    line('wrong among `confident` ≤ 0.5%', g.confidentAttention <= 0.005 * g.confident, pct(g.confidentAttention, g.confident)),
    line('wrong fields flagged `check`/`invalid` ≥ 95%', g.attentionFlagged >= 0.95 * g.attention, pct(g.attentionFlagged, g.attention)),
    line('fields flagged ≤ 30%', g.flaggedOfValid <= 0.3 * g.valid, pct(g.flaggedOfValid, g.valid)),
  ];
}

function renderReport(report: DocumentResult[], calibration: DocumentResult[], seconds: number, sweep: string): string {
  const reportGroups = groups(report);
  const clean = reportGroups[0]?.[1] as GroupFigures;
  const kinds = [...new Set(report.map((r) => r.truth.kind))].sort();
  return [
    `## Field accuracy and confidence calibration (${SECTION})`,
    '',
    `Command: \`npx tsx tests/bench/accuracy.bench.ts --docs ${docCount}\` (npm script \`bench:accuracy\`). ${machineLine()}`,
    `${results(report, calibration)} in ${seconds.toFixed(0)} s with ${WORKERS} workers (Tesseract CLI, Folio's page preparation).`,
    'Documents are generated from known values (tests/fixtures/documents): prescriptions (letterhead, form, clinic pad; 25% filled in',
    'with a handwriting font), CMS-1500-like claims, lab reports, insurance cards and progress notes. Half are clean 300 dpi scans, the rest',
    'skewed, noisy, blurred, at 150 dpi or faxed. A fifth of prescriptions, claims and lab reports carry one value wrong on purpose (bad',
    'NPI or DEA check digit, future date, unknown ICD-10 code, C-II with refills) that must come out `invalid`.',
    '',
    '**Report half (odd seeds; thresholds were calibrated on the even seeds).** "Wrong" = Folio\'s value differs from the truth, or the',
    'truth is a seeded-invalid value: both are what the reviewer must catch. "Flagged share" counts `check`/`invalid` among fields whose',
    'printed value is valid.',
    '',
    summaryTable(reportGroups),
    '',
    'Targets (clean printed, report half):',
    ...verdicts(clean),
    blankFlagNote(report.filter((r) => !r.truth.handwriting && r.truth.degradation === 'clean')),
    '',
    '### Calibration table, clean printed (report half)',
    '',
    calibrationTable(clean),
    '',
    '### Calibration table, degraded printed (report half)',
    '',
    calibrationTable(reportGroups[1]?.[1] as GroupFigures),
    '',
    '### Calibration table, handwriting-font prescriptions (report half, no target yet)',
    '',
    calibrationTable(reportGroups[2]?.[1] as GroupFigures),
    '',
    '### Document kind (report half)',
    '',
    '| kind | docs | classified right |',
    '|---|---:|---:|',
    ...kinds.map((k) => {
      const of = report.filter((r) => r.truth.kind === k);
      return `| ${k} | ${of.length} | ${pct(of.filter((r) => r.classifiedKind === k).length, of.length)} |`;
    }),
    '',
    '### Per field, printed documents, all damage (report half)',
    '',
    perFieldTable(report.filter((r) => !r.truth.handwriting)),
    '',
    '### Confidence thresholds (calibrated on the even seeds)',
    '',
    confidenceThresholdTable(),
    '',
    sweep,
  ].join('\n');
}

/**
 * The empty flag cell of a normal lab result is scored as a field (a spurious flag, or a blank
 * the reviewer must check, is as real as any other); it is also an easy field, so the exact
 * match without it is printed beside the headline.
 */
function blankFlagNote(clean: readonly DocumentResult[]): string {
  const outcomes = clean.flatMap((r) => r.outcomes).filter((o) => !o.burdenOnly);
  const rest = outcomes.filter((o) => !(o.name === 'lab.row.flag' && o.expected === ''));
  const blank = outcomes.length - rest.length;
  const flagged = outcomes.filter((o) => o.name === 'lab.row.flag' && o.expected === '' && o.status !== 'confident').length;
  return `- of the clean fields, ${blank} are the empty flag cells of normal lab results (${flagged} of them not \`confident\`); exact match without them: ${pct(rest.filter((o) => o.correct).length, rest.length)}`;
}

function results(report: DocumentResult[], calibration: DocumentResult[]): string {
  return `${report.length + calibration.length} documents (${report.length} report, ${calibration.length} calibration)`;
}

await main();
