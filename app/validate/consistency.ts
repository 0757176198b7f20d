import type { Finding } from '../model/field';
import { errorFinding, warningFinding } from './finding';

/**
 * Checks across fields: the claim adds up, and the prescription's quantity fits its directions.
 * Each is a cheap way to catch a misread digit that every single-field check lets through.
 */

/**
 * Money as printed: "$1,234.56", "1234.56", and the CMS-1500 split-column form "1234 56"
 * (dollars and cents in separate boxes). Returns whole cents, so sums are exact.
 */
export function parseMoneyCents(raw: string): number | null {
  const text = raw.replace(/[$\s]+/g, ' ').replace(/,/g, '').trim();
  let m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) m = /^(\d+) (\d{2})$/.exec(text);
  if (!m) return null;
  const cents = (m[2] ?? '0').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Box 28 must equal the sum of the 24F line charges. */
export function validateClaimTotal(totalCents: number | null, lineChargesCents: readonly (number | null)[]): Finding[] {
  if (totalCents === null) return [];
  if (lineChargesCents.some((c) => c === null)) {
    return [warningFinding('claim.total_unverifiable', 'The total could not be checked because a line charge is unreadable.')];
  }
  const sum = lineChargesCents.reduce<number>((acc, c) => acc + (c ?? 0), 0);
  if (sum !== totalCents) {
    return [errorFinding('claim.total_mismatch', 'The total charge does not equal the sum of the line charges.')];
  }
  return [];
}

export interface SupplyCheckInput {
  quantity: number | null;
  /** Units per administration (e.g. 2 tablets). A range "1-2" should pass its upper bound. */
  dose: number | null;
  /** Administrations per day from the sig frequency (BID = 2, Q6H = 4, QOD = 0.5). */
  perDay: number | null;
  /** Days' supply if written on the prescription or claim. */
  daysSupply: number | null;
  prn: boolean;
}

/** Tolerance for rounding to package sizes (e.g. 28 vs 30 tablets). */
export const DAYS_SUPPLY_TOLERANCE = 0.2;
/** Longest supply most plans and state laws allow in one fill. */
export const MAX_DAYS_SUPPLY = 365;

/**
 * Quantity against sig and days' supply. PRN directions give a ceiling, not a rate, so a
 * quantity below the computed need is fine for them; only excess is flagged.
 */
export function validateQuantityAgainstSig(input: SupplyCheckInput): Finding[] {
  const { quantity, dose, perDay, daysSupply, prn } = input;
  if (quantity === null || dose === null || perDay === null || dose <= 0 || perDay <= 0) return [];
  const perDayUnits = dose * perDay;
  if (daysSupply !== null && daysSupply > 0) {
    const expected = perDayUnits * daysSupply;
    const tooMuch = quantity > expected * (1 + DAYS_SUPPLY_TOLERANCE);
    const tooLittle = !prn && quantity < expected * (1 - DAYS_SUPPLY_TOLERANCE);
    if (tooMuch || tooLittle) {
      return [warningFinding('supply.quantity_mismatch', "The quantity does not match the directions for the days' supply.")];
    }
    return [];
  }
  const impliedDays = quantity / perDayUnits;
  if (impliedDays > MAX_DAYS_SUPPLY) {
    return [warningFinding('supply.excessive', 'At these directions the quantity lasts more than a year.')];
  }
  if (!prn && impliedDays < 1) {
    return [warningFinding('supply.under_one_day', 'At these directions the quantity lasts less than a day.')];
  }
  return [];
}
