import type { FieldStatus } from '../model/field';
import type { Finding } from '../model/field';

/**
 * A value the person typed is not an OCR guess: word confidence and extraction ambiguity no
 * longer apply, only the checks do. A typed NPI with a bad check digit is still `invalid`.
 */
export function personEditedStatus(findings: readonly Finding[]): FieldStatus {
  if (findings.some((finding) => finding.severity === 'error')) return 'invalid';
  if (findings.some((finding) => finding.severity === 'warning')) return 'check';
  return 'confident';
}

/**
 * The person said the value is right (Enter): `confirmed`, unless a check proves it wrong. A
 * warning (an unusual dose, a date far back) is what they just looked at, so it no longer asks;
 * an empty value confirmed says the page has none.
 */
export function personConfirmedStatus(findings: readonly Finding[]): FieldStatus {
  return findings.some((finding) => finding.severity === 'error') ? 'invalid' : 'confirmed';
}
