import type { Finding } from '../model/field';
import { compactIdentifier, errorFinding, warningFinding } from './finding';

/**
 * DEA registration number: two letters and seven digits. The first letter is the registrant
 * type, the second is usually the initial of the registrant's last name (or business name), and
 * the last digit checks the other six: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), last digit.
 */

/** Registrant types that can write prescriptions: practitioners, hospitals/clinics, mid-levels. */
export const PRESCRIBER_DEA_TYPES: ReadonlySet<string> = new Set(['A', 'B', 'F', 'G', 'M']);
/**
 * Types that exist but do not write prescriptions (manufacturers, distributors, researchers,
 * narcotic treatment programs …), plus X, the retired DATA-waiver prefix (ended 2023).
 */
export const OTHER_DEA_TYPES: ReadonlySet<string> = new Set([
  'C', 'D', 'E', 'H', 'J', 'K', 'L', 'N', 'P', 'R', 'S', 'T', 'U', 'X',
]);

export function deaCheckDigit(sixDigits: string): number {
  if (!/^\d{6}$/.test(sixDigits)) throw new RangeError('deaCheckDigit needs exactly six digits');
  const d = [...sixDigits].map(Number) as [number, number, number, number, number, number];
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
}

export function isValidDeaChecksum(dea: string): boolean {
  return /^[A-Z][A-Z9]\d{7}$/.test(dea) && deaCheckDigit(dea.slice(2, 8)) === Number(dea[8]);
}

export interface DeaContext {
  /** Prescriber's last name as extracted, to compare with the second letter. */
  prescriberLastName?: string | null;
}

export interface DeaValidation {
  normalized: string | null;
  findings: Finding[];
}

export function validateDea(raw: string, context: DeaContext = {}): DeaValidation {
  const dea = compactIdentifier(raw);
  if (dea.length === 0) {
    return { normalized: null, findings: [errorFinding('dea.missing', 'No DEA number was found.')] };
  }
  if (!/^[A-Z][A-Z9]\d{7}$/.test(dea)) {
    return {
      normalized: null,
      findings: [
        errorFinding('dea.format', 'A DEA number is two letters followed by seven digits; this one is not.'),
      ],
    };
  }
  const findings: Finding[] = [];
  const type = dea[0] ?? '';
  if (OTHER_DEA_TYPES.has(type)) {
    findings.push(
      warningFinding('dea.registrant_type', 'The DEA registrant type is not one that writes prescriptions.'),
    );
  } else if (!PRESCRIBER_DEA_TYPES.has(type)) {
    findings.push(errorFinding('dea.registrant_type_unknown', 'The first letter of the DEA number is not a registrant type.'));
  }
  if (!isValidDeaChecksum(dea)) {
    findings.push(errorFinding('dea.check_digit', 'The DEA check digit does not match; a digit is probably misread.'));
  }
  const initial = lastNameInitial(context.prescriberLastName);
  // '9' stands in for registrants whose name starts with a digit or who registered by business name.
  if (initial !== null && dea[1] !== initial && dea[1] !== '9') {
    findings.push(
      warningFinding('dea.name_letter', "The DEA number's second letter does not match the prescriber's last name."),
    );
  }
  return { normalized: dea, findings };
}

function lastNameInitial(lastName: string | null | undefined): string | null {
  const letter = (lastName ?? '').toUpperCase().match(/[A-Z]/);
  return letter ? letter[0] : null;
}
