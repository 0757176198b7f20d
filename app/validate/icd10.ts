import type { Finding } from '../model/field';
import type { Icd10CodeSet, Icd10Entry } from '../codesets/types';
import { icd10Key } from '../codesets/types';
import { errorFinding, warningFinding, withSuggestions } from './finding';

/**
 * ICD-10-CM: a letter, a digit, then one to five more characters (digits, letters, the X
 * placeholder). The code set decides whether it exists and whether it is billable; the
 * description comes from the code set too and travels on the field, never in a message.
 */
const ICD10_FORMAT = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

/**
 * Glyph pairs OCR engines swap most on printed codes. Each pair costs one substitution; a
 * suggestion needing fewer substitutions ranks higher.
 */
export const ICD10_OCR_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['O', '0'],
  ['I', '1'],
  ['S', '5'],
  ['B', '8'],
  ['Z', '2'],
];

const CONFUSABLE = new Map<string, string>();
for (const [a, b] of ICD10_OCR_CONFUSIONS) {
  CONFUSABLE.set(a, b);
  CONFUSABLE.set(b, a);
}

/** How many swaps we try at once; three would explode on long codes for little gain. */
export const MAX_ICD10_SUBSTITUTIONS = 2;
export const MAX_ICD10_SUGGESTIONS = 5;

export interface Icd10Suggestion {
  code: string;
  billable: boolean;
  substitutions: number;
}

/** Codes from the set that differ from `raw` only by OCR confusions, best first. */
export function suggestIcd10Codes(raw: string, codeSet: Icd10CodeSet): Icd10Suggestion[] {
  const key = icd10Key(raw);
  const positions = [...key].flatMap((ch, i) => (CONFUSABLE.has(ch) ? [i] : []));
  const found = new Map<string, Icd10Suggestion>();
  const visit = (start: number, chars: string[], subs: number): void => {
    if (subs > 0) {
      const candidate = chars.join('');
      const entry = codeSet.get(candidate);
      if (entry && !found.has(candidate)) {
        found.set(candidate, { code: candidate, billable: entry.billable, substitutions: subs });
      }
    }
    if (subs === MAX_ICD10_SUBSTITUTIONS) return;
    for (let p = start; p < positions.length; p += 1) {
      const pos = positions[p] ?? 0;
      const original = chars[pos] ?? '';
      chars[pos] = CONFUSABLE.get(original) ?? original;
      visit(p + 1, chars, subs + 1);
      chars[pos] = original;
    }
  };
  visit(0, [...key], 0);
  return [...found.values()]
    .sort(
      (a, b) =>
        a.substitutions - b.substitutions ||
        Number(b.billable) - Number(a.billable) ||
        a.code.localeCompare(b.code),
    )
    .slice(0, MAX_ICD10_SUGGESTIONS);
}

/** `E119` -> `E11.9`: the dot goes after the third character. */
export function formatIcd10(code: string): string {
  const key = icd10Key(code);
  return key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key;
}

const LETTER_FOR_DIGIT: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z' };
const DIGIT_FOR_LETTER: Readonly<Record<string, string>> = { O: '0', I: '1', S: '5', B: '8', Z: '2', L: '1' };

/**
 * The one reading the code's shape allows: an ICD-10-CM code always starts with a letter and a
 * digit, so a digit in the first place or a letter in the second can only be a misread glyph.
 * Unlike the ranked suggestions this needs no guess, but the person still confirms it.
 */
export function shapeCorrectedIcd10(key: string): string | null {
  const first = key[0] ?? '';
  const second = key[1] ?? '';
  const fixedFirst = LETTER_FOR_DIGIT[first] ?? first;
  const fixedSecond = DIGIT_FOR_LETTER[second] ?? second;
  if (fixedFirst === first && fixedSecond === second) return null;
  return `${fixedFirst}${fixedSecond}${key.slice(2)}`;
}

export interface Icd10Validation {
  /** Upper case, no dot, when the code exists in the code set. */
  normalized: string | null;
  entry: Icd10Entry | null;
  suggestions: Icd10Suggestion[];
  findings: Finding[];
}

export function validateIcd10(raw: string, codeSet: Icd10CodeSet): Icd10Validation {
  const key = icd10Key(raw);
  if (key.length === 0) {
    return { normalized: null, entry: null, suggestions: [], findings: [errorFinding('icd10.missing', 'No ICD-10 code was found.')] };
  }
  const entry = codeSet.get(key);
  if (entry) {
    const findings: Finding[] = entry.billable
      ? []
      : [
          warningFinding(
            'icd10.not_billable',
            'This ICD-10-CM code is a category heading and is not billable; a more specific code is needed.',
          ),
        ];
    return { normalized: entry.code, entry, suggestions: [], findings };
  }
  const suggestions = suggestIcd10Codes(key, codeSet);
  const codes = suggestions.map((s) => formatIcd10(s.code));
  const release = codeSet.release.release;
  const base = ICD10_FORMAT.test(key)
    ? errorFinding(
        'icd10.unknown',
        `This code is not in the ICD-10-CM ${release} code set${codes.length > 0 ? '; similar-looking codes are suggested' : ''}.`,
      )
    : errorFinding(
        'icd10.format',
        `This is not shaped like an ICD-10-CM code (a letter, a digit, then up to five characters)${codes.length > 0 ? '; similar-looking codes are suggested' : ''}.`,
      );
  return { normalized: null, entry: null, suggestions, findings: [withSuggestions(base, codes)] };
}
