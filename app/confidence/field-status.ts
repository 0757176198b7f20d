import type { Word } from '../model/document';
import type { Field, FieldStatus } from '../model/field';
import { WORD_CONFIDENT_MIN } from './words';

/**
 * What the person must look at. A field is `confident` only when every source word was read
 * clearly, the extractor had one clear candidate, and no validator objected. Anything else is
 * `check` (look at it) or `invalid` (a validator proved it wrong); `missing` means not found.
 * A cell the page leaves blank on purpose (a normal lab result's flag: raw null, normalised '')
 * is judged like any value, by the words it was derived from (the value and range).
 *
 * Calibrated on the labelled corpus (tests/fixtures/documents; `npx tsx
 * tests/bench/accuracy.bench.ts`): the even seeds were swept (tests/fixtures/documents/
 * threshold-sweep.ts), the odd seeds are only reported. Targets: among `confident` fields at
 * most 0.5 % wrong, among wrong fields at least 95 % flagged, at most 30 % of fields flagged on
 * clean printed documents. On the calibration half (printed, clean and damaged) the first
 * estimates (85 / 70 / 0.2 / 90) gave 0.1 % wrong among confident and 10.8 % of fields flagged;
 * the sweep's best setting within a 0.25 % margin gave 0.2 % and 6.8 %. BENCHMARKS.md
 * (bench:accuracy) has the report-half table for the values below. Change them only with that table.
 *
 * | threshold                        | value | why                                                  |
 * |----------------------------------|-------|------------------------------------------------------|
 * | MIN_WORD_CONFIDENCE              | 85    | tied to the review view's word highlight, not swept  |
 * | MIN_WORD_CONFIDENCE_CHECKSUMMED  | 50    | sweep: 40 and 50 equal; 50 keeps a margin            |
 * | MAX_CONFIDENT_AMBIGUITY          | 0.2   | sweep: 0.1–0.4 equal on the corpus; kept             |
 * | MIN_MEAN_WORD_CONFIDENCE         | 87    | see below                                            |
 */

/**
 * Lowest word confidence (0–100, engine scale) a confident field may contain. Same as the word
 * highlight threshold, so a confident field never contains a word the review view paints.
 */
export const MIN_WORD_CONFIDENCE = WORD_CONFIDENT_MIN;
/**
 * A passing check digit (NPI, DEA) is strong evidence on its own: a random misread passes a
 * Luhn or DEA check one time in ten. On the calibration half, lowering this from 70 to 40 added
 * no wrong confident field; 50 keeps a margin above Tesseract's noise readings.
 */
export const MIN_WORD_CONFIDENCE_CHECKSUMMED = 50;
/** Highest extraction ambiguity (0–1) a confident field may have; the corpus did not move it. */
export const MAX_CONFIDENT_AMBIGUITY = 0.2;
/**
 * Mean word confidence below which a field is checked even if its weakest word passes. The
 * sweep's optimum (85) switches this check off; 87 keeps it for a field made only of borderline
 * words (three words at 86 are checked), which the corpus is too clean to exercise, at a cost of
 * a few flagged fields.
 */
export const MIN_MEAN_WORD_CONFIDENCE = 87;

/** Fields whose validators include a check digit, so a pass means the digits agree. */
export const CHECKSUMMED_FIELDS: ReadonlySet<string> = new Set(['prescriber.npi', 'claim.line.npi', 'claim.billingNpi', 'claim.referringNpi', 'claim.facilityNpi', 'prescriber.dea']);

export interface FieldScore {
  status: FieldStatus;
  /**
   * 0–1 evidence that the value is right, for the calibration table: weakest word confidence,
   * discounted by ambiguity and warnings. Not shown to the person.
   */
  score: number;
}

/** The knobs of the model, as one value so the bench can sweep alternatives on the corpus. */
export interface ConfidenceThresholds {
  minWordConfidence: number;
  minWordConfidenceChecksummed: number;
  maxAmbiguity: number;
  minMeanWordConfidence: number;
}

export const CALIBRATED_THRESHOLDS: ConfidenceThresholds = {
  minWordConfidence: MIN_WORD_CONFIDENCE,
  minWordConfidenceChecksummed: MIN_WORD_CONFIDENCE_CHECKSUMMED,
  maxAmbiguity: MAX_CONFIDENT_AMBIGUITY,
  minMeanWordConfidence: MIN_MEAN_WORD_CONFIDENCE,
};

export function scoreField(
  field: Field,
  wordsById: ReadonlyMap<string, Word>,
  thresholds: ConfidenceThresholds = CALIBRATED_THRESHOLDS,
): FieldScore {
  if (field.raw === null) {
    // Nothing printed: a validator may still have proved the cell should hold something (an
    // unread lab flag, a warning), or that it is rightly blank (normalised ''), in which case
    // the blank is only as sure as the words it was derived from.
    if (field.findings.some((f) => f.severity === 'error')) return { status: 'invalid', score: 0 };
    if (field.findings.some((f) => f.severity === 'warning')) return { status: 'check', score: 0 };
    // An optional field the page leaves out stays blank (required-fields.ts); a required one is missing.
    if (field.normalized !== '') return { status: field.status === 'blank' ? 'blank' : 'missing', score: 0 };
  }
  const confidences = field.sourceWordIds.map((id) => {
    const w = wordsById.get(id);
    // A word the person typed is as certain as a word can be.
    return w ? (w.edited ? 100 : w.confidence) : 0;
  });
  const min = confidences.length > 0 ? Math.min(...confidences) : 0;
  const mean = confidences.length > 0 ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
  const errors = field.findings.some((f) => f.severity === 'error');
  const warnings = field.findings.some((f) => f.severity === 'warning');
  const score = (min / 100) * (1 - field.ambiguity) * (warnings ? 0.5 : 1) * (errors ? 0 : 1);
  if (errors) return { status: 'invalid', score };
  const checksummed = CHECKSUMMED_FIELDS.has(field.name);
  const minWord = checksummed ? thresholds.minWordConfidenceChecksummed : thresholds.minWordConfidence;
  const clear = min >= minWord && (checksummed || mean >= thresholds.minMeanWordConfidence);
  const status: FieldStatus = !warnings && clear && field.ambiguity <= thresholds.maxAmbiguity ? 'confident' : 'check';
  return { status, score };
}

/** Sets each field's status; returns new fields. */
export function scoreFields(
  fields: readonly Field[],
  words: readonly Word[],
  thresholds: ConfidenceThresholds = CALIBRATED_THRESHOLDS,
): Field[] {
  const byId = new Map(words.map((w) => [w.id, w]));
  return fields.map((f) => ({ ...f, status: scoreField(f, byId, thresholds).status }));
}

/** Counts per status, for the queue ("3 to check, 1 invalid"). */
export function statusCounts(fields: readonly Field[]): Record<FieldStatus, number> {
  const counts: Record<FieldStatus, number> = { confident: 0, check: 0, invalid: 0, missing: 0, confirmed: 0, blank: 0 };
  for (const f of fields) counts[f.status] += 1;
  return counts;
}
