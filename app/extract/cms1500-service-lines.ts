import type { Word } from '../model/document';
import type { Field } from '../model/field';
import { candidateFromWords, fieldFrom, unparsedLineField } from './field-builder';
import type { TextLine } from './layout';
import { findLineIndex } from './labels';

/**
 * Box 24 service lines of a CMS-1500. Each row is read token by token, left to right, in the
 * order the form prints its columns: 24A dates (from, to), 24B place of service, 24C EMG,
 * 24D procedure and up to four modifiers, 24E diagnosis pointer, 24F charges, 24G units,
 * 24J rendering NPI. Forms print dates as "MM DD YY" in three cells and charges as dollars and
 * cents in two cells; both the split and the joined spellings are accepted.
 */
export const MAX_SERVICE_LINES = 6;

const HEADER = /\b24\.?\s*A\b|\bdate\(?s\)?\s+of\s+service\b/i;
const END = /\b25\.?\s*federal\b|\b2[5-9]\.\s/i;
const TWO = /^\d{2}$/;
/** A date cell whose digits OCR read as letters ("ol" for 01): the validator reads it back. */
const DATE_CELL = /^[0-9OoIl|]{2}$/;
const JOINED_DATE = /^\d{2}[/-]\d{2}[/-](?:\d{2}|\d{4})$/;
const YEAR = /^(?:\d{2}|\d{4})$/;
const CODE = /^[A-Z0-9]{5}$/;
const POINTER = /^[A-L]{1,4}$/;
const MONEY_JOINED = /^\$?\d{1,6}[.,]\d{2}$/;
const WHOLE = /^\$?\d{1,6}$/;
const UNITS = /^\d{1,4}(?:\.\d+)?$/;
const NPI = /^[0-9OIlSB]{10}$/;

export interface ServiceLine {
  dateFrom: Word[];
  dateTo: Word[];
  pos: Word[];
  procedure: Word[];
  modifiers: Word[];
  pointer: Word[];
  charges: Word[];
  units: Word[];
  npi: Word[];
}

function takeDate(words: readonly Word[], i: number): [Word[], number] {
  const a = words[i];
  if (a && JOINED_DATE.test(a.text)) return [[a], i + 1];
  const b = words[i + 1];
  const c = words[i + 2];
  if (a && b && c && DATE_CELL.test(a.text) && DATE_CELL.test(b.text) && YEAR.test(c.text)) return [[a, b, c], i + 3];
  return [[], i];
}

/**
 * Specks beside a cell ("«26", "25,") are noise on a form; the cells hold only letters, digits,
 * dots and slashes. Fields take the cleaned text; their source words keep what the engine read.
 */
function cleanCell(w: Word): Word {
  // A pointer, modifier or date cell never ends in a dot, so "A." and "12." are a cell and a speck.
  const text = w.text.replace(/^[^\w$]+|[^\w.]+$/g, '').replace(/^([A-Z]{1,4}|\d{2})\.$/, '$1');
  if (text.length === 0) return w;
  const repaired = repairedCell(text);
  if (repaired) {
    const word = { ...w, text: repaired };
    REPAIRED.add(word);
    return word;
  }
  return text === w.text ? w : { ...w, text };
}

/**
 * Words whose text was repaired by guessing at a doubled glyph: the fields they end up in are
 * never confident, so the reviewer confirms the guess.
 */
const REPAIRED = new WeakSet<Word>();

/**
 * Two doubled glyphs Tesseract adds to the form's cells: a cell's left border read as "O" before
 * a two-digit date cell ("O01"), and the first letter of a code read twice ("jJ1040") or its
 * zero read as "O0" ("GO0009"). Only a repair that yields the cell's shape is taken.
 */
function repairedCell(text: string): string | null {
  const date = /^[Oo](\d{2})$/.exec(text);
  if (date?.[1]) return date[1];
  if (text.length !== 6 || !/^[A-Za-z]/.test(text)) return null;
  const doubledLetter = text[0]?.toUpperCase() === text[1]?.toUpperCase() ? text.slice(1) : null;
  const doubledZero = /^[A-Za-z]O0/.test(text) ? text[0] + text.slice(2) : null;
  const code = doubledLetter ?? doubledZero;
  return code && CODE.test(code.toUpperCase()) ? code : null;
}

const doubtful = (words: readonly Word[]): number => (words.some((w) => REPAIRED.has(w)) ? 0.5 : 0);

/** Null when the row does not start with a service date and code: not a service line. */
export function parseServiceLine(rowWords: readonly Word[]): ServiceLine | null {
  const words = rowWords.map(cleanCell);
  let i = 0;
  const [dateFrom, afterFrom] = takeDate(words, i);
  if (dateFrom.length === 0) return null;
  const [dateTo, afterTo] = takeDate(words, afterFrom);
  i = afterTo;
  const pos = words[i] && TWO.test(words[i]?.text ?? '') ? [words[i] as Word] : [];
  i += pos.length;
  if (words[i] && /^[YN]$/.test(words[i]?.text ?? '') && CODE.test(words[i + 1]?.text ?? '')) i += 1;
  const code = words[i];
  if (!code || !CODE.test(code.text.toUpperCase())) return null;
  i += 1;
  // Modifiers run up to the diagnosis pointer, which sits right before the charges (24E, 24F).
  // Numeric modifiers (25, 59) look like money, so the pointer is found first.
  const moneyLike = (w: Word | undefined): boolean => !!w && (MONEY_JOINED.test(w.text) || WHOLE.test(w.text));
  let pointerAt = -1;
  for (let j = i; j < words.length && j <= i + 4; j += 1) {
    if (POINTER.test(words[j]?.text ?? '') && moneyLike(words[j + 1])) {
      pointerAt = j;
      break;
    }
  }
  let modifiers: Word[] = [];
  let pointer: Word[] = [];
  if (pointerAt >= 0) {
    modifiers = words.slice(i, pointerAt) as Word[];
    pointer = [words[pointerAt] as Word];
    i = pointerAt + 1;
  } else {
    while (i < words.length && !moneyLike(words[i])) {
      modifiers.push(words[i] as Word);
      i += 1;
    }
  }
  let charges: Word[] = [];
  const money = words[i];
  if (money && MONEY_JOINED.test(money.text)) {
    charges = [money];
    i += 1;
  } else if (money && WHOLE.test(money.text) && TWO.test(words[i + 1]?.text ?? '') && UNITS.test(words[i + 2]?.text ?? '')) {
    charges = [money, words[i + 1] as Word];
    i += 2;
  } else if (money && WHOLE.test(money.text)) {
    charges = [money];
    i += 1;
  }
  const units = words[i] && UNITS.test(words[i]?.text ?? '') && !NPI.test(words[i]?.text ?? '') ? [words[i] as Word] : [];
  i += units.length;
  if (words[i] && /^NPI$/i.test(words[i]?.text ?? '')) i += 1;
  const npi = words[i] && NPI.test(words[i]?.text ?? '') ? [words[i] as Word] : [];
  return { dateFrom, dateTo, pos, procedure: [code], modifiers, pointer, charges, units, npi };
}

const PARTS: readonly (keyof ServiceLine)[] = ['dateFrom', 'dateTo', 'pos', 'procedure', 'modifiers', 'pointer', 'charges', 'units', 'npi'];

export function extractServiceLines(lines: readonly TextLine[]): Field[] {
  const header = findLineIndex(lines, HEADER);
  const start = header >= 0 ? header + 1 : 0;
  const fields: Field[] = [];
  // Rows are numbered by where they sit (an unsplit line is a row too), so the labels match the
  // printed lines; only rows split into boxes count against the form's six.
  let n = 0;
  let split = 0;
  for (let j = start; j < lines.length && split < MAX_SERVICE_LINES; j += 1) {
    const line = lines[j];
    if (!line) continue;
    if (header >= 0 && END.test(line.text)) break;
    const parsed = parseServiceLine(line.words);
    if (!parsed) {
      // Between the box 24 header and box 25, a line with digits is a service line Folio could
      // not split into cells; it is shown whole so the reviewer reads it off the form.
      if (header >= 0 && /\d/.test(line.text)) {
        n += 1;
        fields.push(unparsedLineField('claim.line.unparsed', line, n));
      }
      continue;
    }
    n += 1;
    split += 1;
    for (const part of PARTS) {
      fields.push(fieldFrom(`claim.line.${part}`, candidateFromWords(parsed[part], doubtful(parsed[part])), { index: n }));
    }
  }
  return fields;
}
