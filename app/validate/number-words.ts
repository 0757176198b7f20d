/**
 * Prescriptions write quantities out in words to stop tampering ("thirty (30)", "#30 thirty",
 * "Ninety"). These helpers read both forms so the validator can check they agree.
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const FRACTIONS: Record<string, number> = { half: 0.5, 'one-half': 0.5 };

/** "one hundred twenty", "ninety-nine", "twelve" -> number; null when any word is not a number. */
export function parseNumberWords(text: string): number | null {
  const words = text.toLowerCase().replace(/-/g, ' ').replace(/\band\b/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  for (const w of words) {
    const unit = UNITS[w];
    const ten = TENS[w];
    if (unit !== undefined) current += unit;
    else if (ten !== undefined) current += ten;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (FRACTIONS[w] !== undefined && words.length === 1) return FRACTIONS[w] ?? null;
    else return null;
  }
  return total + current;
}

export interface WrittenQuantity {
  /** The number the document means, or null when the two forms disagree. */
  value: number | null;
  numeric: number | null;
  words: number | null;
}

/**
 * Reads "thirty (30)", "30 (thirty)", "#30", "30", "thirty", "No. 30 (Thirty)". Both forms are
 * kept so a mismatch (e.g. "thirty (80)", a misread 3) can be reported instead of guessed.
 */
export function parseWrittenQuantity(raw: string): WrittenQuantity | null {
  const text = raw.toLowerCase().replace(/\bno\.?\s*/g, '').replace(/#/g, ' ').trim();
  const numericMatch = /(\d+(?:\.\d+)?)/.exec(text);
  const numeric = numericMatch ? Number(numericMatch[1]) : null;
  const wordPart = text
    .replace(/\d+(?:\.\d+)?/g, ' ')
    .replace(/[()[\]{},.]/g, ' ')
    .trim();
  const wordValue = wordPart.length > 0 ? parseNumberWords(wordPart) : null;
  if (numeric === null && wordValue === null) return null;
  if (numeric !== null && wordValue !== null && numeric !== wordValue) {
    return { value: null, numeric, words: wordValue };
  }
  return { value: numeric ?? wordValue, numeric, words: wordValue };
}

const SPELLED: readonly string[] = Object.keys(UNITS);

/** 0–99 spelled out, used by tests and by the corpus generator to write quantities. */
export function spellNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError('spellNumber handles 0–999');
  if (n < 20) return SPELLED[n] ?? '';
  if (n >= 100) {
    const rest = n % 100;
    return `${SPELLED[Math.floor(n / 100)]} hundred${rest > 0 ? ` ${spellNumber(rest)}` : ''}`;
  }
  const tensWord = Object.entries(TENS).find(([w, v]) => v === Math.floor(n / 10) * 10 && w !== 'fourty')?.[0] ?? '';
  return n % 10 === 0 ? tensWord : `${tensWord}-${SPELLED[n % 10]}`;
}
