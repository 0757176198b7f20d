import type { Finding } from '../model/field';
import { compactIdentifier, errorFinding } from './finding';

/**
 * National Provider Identifier (CMS): 10 digits, the last a Luhn check digit computed over the
 * first nine digits prefixed with 80840 (the ISO 7812 health-industry issuer prefix). The prefix
 * adds a constant 24 to the Luhn sum, which is why NPIs fail a plain Luhn check.
 */
export const NPI_ISSUER_PREFIX = '80840';

/** Luhn check digit for a digit string (the digit that would be appended). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Walking right to left, the digit next to the (future) check digit is doubled first.
  for (let i = digits.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The check digit an NPI with these first nine digits must end with. */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('npiCheckDigit needs exactly nine digits');
  return luhnCheckDigit(NPI_ISSUER_PREFIX + firstNine);
}

export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

export interface NpiValidation {
  normalized: string | null;
  findings: Finding[];
}

export function validateNpi(raw: string): NpiValidation {
  const compact = compactIdentifier(raw);
  if (compact.length === 0) {
    return { normalized: null, findings: [errorFinding('npi.missing', 'No NPI was found.')] };
  }
  if (!/^\d+$/.test(compact)) {
    return {
      normalized: null,
      findings: [errorFinding('npi.format', 'An NPI has digits only; this one contains letters or symbols.')],
    };
  }
  if (compact.length !== 10) {
    return {
      normalized: null,
      findings: [errorFinding('npi.length', 'An NPI has exactly 10 digits; this one has a different count.')],
    };
  }
  if (!/^[12]/.test(compact)) {
    // CMS only issues NPIs starting with 1 or 2 so far; others are almost surely misread.
    return {
      normalized: compact,
      findings: [errorFinding('npi.prefix', 'An NPI starts with 1 or 2; this one does not.')],
    };
  }
  if (!isValidNpi(compact)) {
    return {
      normalized: compact,
      findings: [errorFinding('npi.check_digit', 'The NPI check digit does not match; a digit is probably misread.')],
    };
  }
  return { normalized: compact, findings: [] };
}
