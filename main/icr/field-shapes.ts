import type { IcrAlphabet } from './alphabet';
import type { ShapeSlot } from './shape-decode';

/**
 * What a field's value may look like, for reading it: the characters it may hold and, for
 * fixed formats, its shape. Decoding keeps to them; the validators (app/validate) still decide
 * whether the value is right: a shape says an NPI has ten digits, not which ten.
 */
export const ICR_FIELD_TYPES = ['text', 'name', 'drug', 'digits', 'date', 'npi', 'dea', 'quantity', 'refills', 'icd10', 'member-id', 'money', 'code'] as const;
export type IcrFieldType = (typeof ICR_FIELD_TYPES)[number];

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** Letters a handwritten digit is read as; their probability counts for the digit in a digit-only box. */
const DIGIT_LOOK_ALIKES: Readonly<Record<string, string>> = {
  O: '0', o: '0', D: '0', Q: '0', U: '0',
  I: '1', l: '1', i: '1', '|': '1', '!': '1', L: '1', J: '1',
  Z: '2', z: '2',
  E: '3',
  A: '4', h: '4', y: '4',
  S: '5', s: '5',
  G: '6', b: '6',
  T: '7', '>': '7',
  B: '8', '&': '8',
  g: '9', q: '9', P: '9',
};

export interface FieldConstraint {
  /** Columns the value may hold (the blank is always allowed). */
  allowed: ReadonlySet<number>;
  /** Where each column's probability goes before decoding (look-alikes and case folded); -1 drops it. */
  fold: Int16Array;
  /** A fixed shape, decoded with the slots; absent for a free-length value. */
  slots?: readonly ShapeSlot[];
}

function slot(alphabet: IcrAlphabet, characters: string, optional = false): ShapeSlot {
  return { columns: [...characters].map((c) => alphabet.columnOf(c)).filter((c) => c > 0), optional };
}

function repeat(s: ShapeSlot, times: number): ShapeSlot[] {
  return Array.from({ length: times }, () => s);
}

/** The characters each field type may hold. */
function charactersOf(type: IcrFieldType): string | null {
  switch (type) {
    case 'text':
    case 'drug':
      return null;
    case 'name':
      return `${UPPER}${LOWER} -'.,`;
    case 'digits':
    case 'npi':
    case 'refills':
      return DIGITS;
    case 'quantity':
      return `${DIGITS}.`;
    case 'date':
      return `${DIGITS}/-.`;
    case 'money':
      return `${DIGITS}$.,`;
    case 'dea':
    case 'icd10':
      return `${UPPER}${DIGITS}.`;
    case 'member-id':
      return `${UPPER}${DIGITS}-`;
    case 'code':
      return `${UPPER}${DIGITS}-.`;
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

function shapeOf(alphabet: IcrAlphabet, type: IcrFieldType): ShapeSlot[] | undefined {
  const digit = slot(alphabet, DIGITS);
  const maybeDigit = slot(alphabet, DIGITS, true);
  const alnum = slot(alphabet, `${UPPER}${DIGITS}`);
  switch (type) {
    case 'npi':
      return repeat(digit, 10);
    case 'dea':
      return [slot(alphabet, UPPER), slot(alphabet, `${UPPER}9`), ...repeat(digit, 7)];
    case 'date': {
      const separator = slot(alphabet, '/-.');
      return [digit, maybeDigit, separator, digit, maybeDigit, separator, digit, digit, maybeDigit, maybeDigit];
    }
    case 'icd10':
      return [slot(alphabet, UPPER), digit, alnum, slot(alphabet, '.', true), ...repeat({ ...alnum, optional: true }, 4)];
    default:
      return undefined;
  }
}

/** The constraint for a field type over this alphabet; `text` allows every character Folio reads. */
export function fieldConstraint(alphabet: IcrAlphabet, type: IcrFieldType): FieldConstraint {
  const characters = charactersOf(type);
  const columns = alphabet.labels.length;
  const fold = new Int16Array(columns);
  for (let c = 0; c < columns; c++) fold[c] = c;
  fold[alphabet.otherColumn] = -1;
  if (characters === null) {
    const allowed = new Set<number>();
    for (let c = 1; c < alphabet.otherColumn; c++) allowed.add(c);
    return { allowed, fold };
  }
  const allowed = new Set([...characters].map((c) => alphabet.columnOf(c)).filter((c) => c > 0));
  const upperOnly = characters.includes('A') && !characters.includes('a');
  for (let c = 1; c < alphabet.otherColumn; c++) {
    if (allowed.has(c)) continue;
    const label = alphabet.labels[c] ?? '';
    const twin = upperOnly && label.toUpperCase() !== label ? label.toUpperCase() : characters.includes('0') && !characters.includes('A') ? DIGIT_LOOK_ALIKES[label] : undefined;
    const target = twin === undefined ? -1 : alphabet.columnOf(twin);
    fold[c] = target > 0 && allowed.has(target) ? target : -1;
  }
  const slots = shapeOf(alphabet, type);
  return slots ? { allowed, fold, slots } : { allowed, fold };
}
