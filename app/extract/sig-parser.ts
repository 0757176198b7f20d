import { DOSE_UNITS, FREQUENCY_TERMS, INTERVAL_PATTERN, PRN_PATTERN, ROUTE_TERMS, smallNumber } from './sig-vocabulary';
import { parseNumberWords } from '../validate/number-words';

/**
 * Structured reading of prescription directions ("Take 1 tablet by mouth twice daily for 10
 * days as needed for pain"). Each part keeps its character span in the sig text so the UI can
 * point at the words it came from.
 */
export interface SigPart<T> {
  value: T;
  /** Human/as-written text of the part. */
  text: string;
  start: number;
  end: number;
}

export interface ParsedSig {
  /** "1", "2", "1-2", "0.5". */
  dose: SigPart<string> | null;
  unit: SigPart<string> | null;
  /** HL7 route code. */
  route: SigPart<string> | null;
  /** HL7 timing code plus administrations per day. */
  frequency: SigPart<{ code: string; perDay: number }> | null;
  durationDays: SigPart<number> | null;
  prn: SigPart<boolean> | null;
  indication: SigPart<string> | null;
}

const UNIT_WORDS = Object.keys(DOSE_UNITS).sort((a, b) => b.length - a.length).join('|');
const AMOUNT = String.raw`(\d+(?:\.\d+)?(?:\s?(?:-|to)\s?\d+(?:\.\d+)?)?|one-half|one half|half|½|one|two|three|four|five|six|ten)`;
const DOSE_PATTERN = new RegExp(String.raw`\b${AMOUNT}\s?(${UNIT_WORDS})\b`, 'i');
const DURATION_PATTERN = /\b(?:for|x|times)\s?(\d+|[a-z]+(?:[- ][a-z]+)?)\s?(days?|weeks?|wks?|months?|mos?)\b/i;
const INDICATION_PATTERN = /\bfor\s+(?!\d)(?!(?:[a-z]+[- ])?[a-z]+\s+(?:days?|weeks?|months?)\b)([a-z][a-z' -]{2,40}?)\s*(?=[.,;]|$|\s(?:x|for|times)\s?\d|\b(?:as needed|prn|may|do not|until|every|daily)\b)/i;

function part<T>(m: RegExpExecArray, value: T, group = 0): SigPart<T> {
  const text = m[group] ?? m[0];
  const offset = group === 0 ? 0 : m[0].indexOf(text);
  return { value, text, start: m.index + offset, end: m.index + offset + text.length };
}

function parseAmount(text: string): string {
  const t = text.toLowerCase().replace(/\s+/g, ' ').replace(/\s?to\s?/, '-').replace(/\s?-\s?/, '-');
  if (/^(one-half|one half|half|½)$/.test(t)) return '0.5';
  if (/^\d/.test(t)) return t;
  return String(smallNumber(t));
}

function parseDuration(amount: string, unit: string): number | null {
  const n = /^\d+$/.test(amount) ? Number(amount) : parseNumberWords(amount);
  if (n === null) return null;
  const u = unit.toLowerCase();
  if (u.startsWith('w')) return n * 7;
  if (u.startsWith('m')) return n * 30;
  return n;
}

export function parseSig(text: string): ParsedSig {
  const result: ParsedSig = { dose: null, unit: null, route: null, frequency: null, durationDays: null, prn: null, indication: null };
  const dose = DOSE_PATTERN.exec(text);
  if (dose) {
    result.dose = part(dose, parseAmount(dose[1] ?? ''), 1);
    result.unit = part(dose, DOSE_UNITS[(dose[2] ?? '').toLowerCase()] ?? (dose[2] ?? ''), 2);
  }
  for (const route of ROUTE_TERMS) {
    const m = route.pattern.exec(text);
    if (m) {
      result.route = part(m, route.code);
      break;
    }
  }
  const interval = INTERVAL_PATTERN.exec(text);
  if (interval) {
    const hours = smallNumber(interval[1] ?? '');
    if (hours > 0) result.frequency = part(interval, { code: `Q${hours}H`, perDay: 24 / hours });
  }
  if (!result.frequency) {
    for (const term of FREQUENCY_TERMS) {
      const m = term.pattern.exec(text);
      if (m) {
        result.frequency = part(m, { code: term.code, perDay: term.perDay });
        break;
      }
    }
  }
  const duration = DURATION_PATTERN.exec(text);
  if (duration) {
    const days = parseDuration(duration[1] ?? '', duration[2] ?? '');
    if (days !== null) result.durationDays = part(duration, days);
  }
  const prn = PRN_PATTERN.exec(text);
  if (prn) result.prn = part(prn, true);
  const indication = INDICATION_PATTERN.exec(text);
  if (indication?.[1]) result.indication = part(indication, indication[1].trim().toLowerCase(), 1);
  return result;
}
