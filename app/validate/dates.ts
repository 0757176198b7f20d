import type { Finding } from '../model/field';
import { assertNever, errorFinding, warningFinding } from './finding';

/**
 * Dates as printed on US medical paperwork: MM/DD/YYYY, M/D/YY, MM-DD-YYYY, MM DD YY (the
 * CMS-1500 boxes), MMDDYYYY, YYYY-MM-DD, and "Jan 5, 2024". Everything is normalised to ISO
 * (YYYY-MM-DD). `today` is always injected so results never depend on the machine's clock.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A plausible human age ceiling; older birth dates are almost surely misread years. */
export const MAX_PLAUSIBLE_AGE_YEARS = 120;
/** Most states void non-controlled prescriptions a year after they are written. */
export const PRESCRIPTION_VALID_DAYS = 365;

export type DateRole = 'birth' | 'written' | 'service' | 'collection';

export interface ParsedDate {
  iso: string;
  /** True when the year was written with two digits and had to be expanded. */
  twoDigitYear: boolean;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1800 || year > 2999) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Two-digit years. A birth date is never after today, so it takes the latest century that keeps
 * it in the past. Other dates take the century nearest today, so a misread future date stays in
 * the future and is flagged rather than silently moved back a hundred years.
 */
function expandYear(yy: number, mmdd: string, today: string, preferPast: boolean): number {
  const century = Math.floor(Number(today.slice(0, 4)) / 100) * 100;
  const key = (year: number): string => `${year}-${mmdd}`;
  if (preferPast) return key(century + yy) > today ? century - 100 + yy : century + yy;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const distance = (year: number): number => Math.abs(Date.parse(`${key(year)}T00:00:00Z`) - todayMs);
  return [century - 100 + yy, century + yy, century + 100 + yy].reduce((best, y) =>
    distance(y) < distance(best) ? y : best,
  );
}

export function parseDate(raw: string, today: string, preferPast = false): ParsedDate | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return wrap(isoDate(Number(m[1]), Number(m[2]), Number(m[3])), false);
  m = /^(\d{1,2})\s?[/.\- ]\s?(\d{1,2})\s?[/.\- ]\s?(\d{2}|\d{4})$/.exec(text);
  if (m) return fromParts(m[1], m[2], m[3], today, preferPast);
  m = /^(\d{2})(\d{2})(\d{4}|\d{2})$/.exec(text);
  if (m) return fromParts(m[1], m[2], m[3], today, preferPast);
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase()) + 1;
    if (month > 0) return wrap(isoDate(Number(m[3]), month, Number(m[2])), false);
  }
  return null;
}

function fromParts(
  mm: string | undefined,
  dd: string | undefined,
  yy: string | undefined,
  today: string,
  preferPast: boolean,
): ParsedDate | null {
  const twoDigit = (yy ?? '').length === 2;
  const mmdd = `${(mm ?? '').padStart(2, '0')}-${(dd ?? '').padStart(2, '0')}`;
  const year = twoDigit ? expandYear(Number(yy), mmdd, today, preferPast) : Number(yy);
  return wrap(isoDate(year, Number(mm), Number(dd)), twoDigit);
}

function wrap(iso: string | null, twoDigitYear: boolean): ParsedDate | null {
  return iso ? { iso, twoDigitYear } : null;
}

/** Whole days from a to b (ISO dates), positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Age in whole years on `onDate`. */
export function ageInYears(birth: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birth.slice(0, 4));
  return onDate.slice(5) < birth.slice(5) ? years - 1 : years;
}

export interface DateValidation {
  normalized: string | null;
  findings: Finding[];
}

export function validateDate(raw: string, role: DateRole, today: string): DateValidation {
  if (raw.trim().length === 0) {
    return { normalized: null, findings: [errorFinding('date.missing', 'No date was found.')] };
  }
  const parsed = parseDate(raw, today, role === 'birth');
  if (!parsed) {
    return { normalized: null, findings: [errorFinding('date.invalid', 'This is not a valid calendar date.')] };
  }
  const findings: Finding[] = [];
  const { iso } = parsed;
  if (iso > today) {
    findings.push(errorFinding('date.future', 'This date is in the future.'));
  }
  switch (role) {
    case 'birth':
      if (ageInYears(iso, today) > MAX_PLAUSIBLE_AGE_YEARS) {
        findings.push(errorFinding('date.implausible_age', `This birth date gives an age over ${MAX_PLAUSIBLE_AGE_YEARS} years.`));
      }
      break;
    case 'written':
      if (daysBetween(iso, today) > PRESCRIPTION_VALID_DAYS) {
        findings.push(warningFinding('date.prescription_expired', 'This prescription was written more than a year ago.'));
      }
      break;
    case 'service':
    case 'collection':
      if (ageInYears(iso, today) > 10) {
        findings.push(warningFinding('date.very_old', 'This date is more than ten years ago.'));
      }
      break;
    default:
      assertNever(role);
  }
  if (parsed.twoDigitYear && role === 'birth') {
    // A two-digit birth year is a century guess; an age near 100 deserves a look.
    if (ageInYears(iso, today) >= 90) {
      findings.push(warningFinding('date.century_guess', 'The birth year was written with two digits; check the century.'));
    }
  }
  return { normalized: iso, findings };
}

