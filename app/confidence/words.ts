/**
 * A word the engine read with at least this confidence (0–100) is shown as confident; below it,
 * the review view draws the person's eye to it. Provisional: the field-level confidence model
 * replaces this with thresholds calibrated on the labelled corpus.
 */
export const WORD_CONFIDENT_MIN = 85;

export type WordConfidenceLevel = 'confident' | 'check' | 'unreadable';

export function wordConfidenceLevel(confidence: number): WordConfidenceLevel {
  if (confidence >= WORD_CONFIDENT_MIN) return 'confident';
  if (confidence >= 40) return 'check';
  return 'unreadable';
}
