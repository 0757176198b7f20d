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
