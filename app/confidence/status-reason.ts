import type { Word } from '../model/document';
import type { ReviewField } from '../model/field';
import { CALIBRATED_THRESHOLDS, CHECKSUMMED_FIELDS, type ConfidenceThresholds } from './field-status';

/**
 * Why a field asks to be looked at, in words, for the fields whose findings do not already say
 * so: a `check` that came from the confidence model (a faint word, a guess among candidates)
 * rather than a validator. Derived from the same thresholds as the status itself, so the reason
 * shown is the rule that fired. Never the value (no PHI): these sentences may be logged.
 */
export function statusReasons(
  field: ReviewField,
  wordsById: ReadonlyMap<string, Word>,
  thresholds: ConfidenceThresholds = CALIBRATED_THRESHOLDS,
): string[] {
  switch (field.status) {
    case 'confident':
    case 'confirmed':
    case 'blank':
      return [];
    case 'missing':
      return field.region ? ['Nothing was read where this value belongs on the page.'] : ['Not found on the page.'];
    case 'invalid':
      return field.findings.some((finding) => finding.severity === 'error') ? [] : ['A check failed for this value.'];
    case 'check':
      return checkReasons(field, wordsById, thresholds);
  }
}

function checkReasons(field: ReviewField, wordsById: ReadonlyMap<string, Word>, thresholds: ConfidenceThresholds): string[] {
  // A warning already says why in its own sentence.
  if (field.findings.some((finding) => finding.severity === 'warning')) return [];
  if (field.edited) return ['Changed by hand: press Enter to confirm it.'];
  const reasons: string[] = [];
  const words = field.sourceWordIds.map((id) => wordsById.get(id));
  if (words.length === 0 || words.some((word) => word === undefined)) {
    reasons.push('No word on the page was read for this value; it was put together from the layout.');
  } else {
    const confidences = (words as Word[]).map((word) => (word.edited ? 100 : word.confidence));
    const weakest = Math.min(...confidences);
    const mean = confidences.reduce((sum, value) => sum + value, 0) / confidences.length;
    const minWord = CHECKSUMMED_FIELDS.has(field.name) ? thresholds.minWordConfidenceChecksummed : thresholds.minWordConfidence;
    if (weakest < minWord) {
      reasons.push(`Part of it was hard to read (the faintest word at ${Math.round(weakest)}% confidence; ${minWord}% is needed).`);
    } else if (!CHECKSUMMED_FIELDS.has(field.name) && mean < thresholds.minMeanWordConfidence) {
      reasons.push(`Its words were read with middling confidence (${Math.round(mean)}% on average).`);
    }
  }
  if (field.ambiguity > thresholds.maxAmbiguity) reasons.push('More than one value on the page could be this one.');
  if (reasons.length === 0) reasons.push('Its place or shape on the page was not what this field should have.');
  return reasons;
}
