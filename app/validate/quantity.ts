import type { Finding } from '../model/field';
import type { ControlledSchedule } from '../formulary/types';
import { errorFinding, warningFinding } from './finding';
import { parseWrittenQuantity } from './number-words';

/**
 * Quantity and refill checks for prescriptions. Limits are federal (21 CFR 1306): C-II may not
 * be refilled; C-III to C-V at most five times. Above that, 11 refills is the usual pharmacy
 * system ceiling (a year of monthly fills).
 */
export const MAX_REFILLS = 11;
export const MAX_REFILLS_C3_TO_C5 = 5;
/** Above this a quantity is legal but unusual enough to look at (a misread extra digit). */
export const LARGE_QUANTITY = 1000;

export interface QuantityValidation {
  normalized: string | null;
  value: number | null;
  findings: Finding[];
}

export function validateQuantity(raw: string): QuantityValidation {
  const parsed = parseWrittenQuantity(raw);
  if (!parsed) {
    return { normalized: null, value: null, findings: [errorFinding('quantity.unreadable', 'The quantity could not be read as a number.')] };
  }
  if (parsed.value === null) {
    return {
      normalized: null,
      value: null,
      findings: [errorFinding('quantity.words_mismatch', 'The quantity in words does not match the quantity in digits.')],
    };
  }
  const findings: Finding[] = [];
  if (parsed.value <= 0) findings.push(errorFinding('quantity.not_positive', 'The quantity must be greater than zero.'));
  else if (parsed.value > LARGE_QUANTITY) {
    findings.push(warningFinding('quantity.large', 'The quantity is unusually large; check for an extra digit.'));
  }
  if (parsed.words === null && parsed.numeric !== null) {
    // Controlled-substance prescriptions should spell the quantity out; plain digits are easy to alter.
    findings.push({ code: 'quantity.digits_only', severity: 'info', message: 'The quantity is written in digits only.' });
  }
  return { normalized: String(parsed.value), value: parsed.value, findings };
}

export interface RefillsValidation {
  /** Digits 0–11, or `NR` (no refills). */
  normalized: string | null;
  value: number | null;
  findings: Finding[];
}

/** Reads "0", "3", "NR", "none", "no refills", "zero", "two (2)". */
export function parseRefills(raw: string): number | null {
  const text = raw.trim().toLowerCase();
  if (/^(nr|none|no refills?|no|n\/r|zero|-)$/.test(text)) return 0;
  const q = parseWrittenQuantity(text.replace(/\b(refills?|x|times)\b/g, ' '));
  return q?.value ?? null;
}

export function validateRefills(raw: string, schedule: ControlledSchedule | null): RefillsValidation {
  const value = parseRefills(raw);
  if (value === null || !Number.isInteger(value)) {
    return { normalized: null, value: null, findings: [errorFinding('refills.unreadable', 'The number of refills could not be read.')] };
  }
  const normalized = /^(nr|n\/r)$/i.test(raw.trim()) ? 'NR' : String(value);
  const findings: Finding[] = [];
  if (value < 0 || value > MAX_REFILLS) {
    findings.push(errorFinding('refills.range', `Refills must be between 0 and ${MAX_REFILLS}.`));
  }
  if (schedule === 'CII' && value > 0) {
    findings.push(errorFinding('refills.c2_refill', 'Schedule II drugs may not be refilled.'));
  } else if (schedule !== null && schedule !== 'CII' && value > MAX_REFILLS_C3_TO_C5) {
    findings.push(errorFinding('refills.controlled_limit', 'Schedule III–V drugs may be refilled at most five times.'));
  }
  return { normalized, value, findings };
}
