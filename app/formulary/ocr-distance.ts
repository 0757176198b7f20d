/**
 * Edit distance that knows how OCR fails. Substituting glyphs an engine confuses (l/1/I, O/0,
 * rn/m, cl/d …) costs less than an arbitrary substitution, so "Lisinopri1" and "atorvastatm"
 * land closer to the right name than to a different drug with the same length.
 */

/** Cost of swapping two glyphs OCR engines confuse, versus 1 for any other substitution. */
export const CONFUSION_COST = 0.35;
export const SUBSTITUTION_COST = 1;
export const INDEL_COST = 1;

/** Single-glyph confusions, both directions. Compared after lower-casing. */
const SINGLE_CONFUSIONS: readonly string[] = [
  'l1', 'li', 'i1', 'l|', 'i|', 'o0', 'oq', 'ce', 'co', 'ao', 'ae', 'uv', 'un', 'nh', 'ij',
  's5', 'b8', 'b6', 'g9', 'gq', 'z2', 'tf', 'rt', 'hb', 'yv',
];
/** Multi-glyph confusions: what a touching or broken glyph pair reads as. */
const MULTI_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['ni', 'm'],
  ['in', 'm'],
  ['cl', 'd'],
  ['vv', 'w'],
  ['ri', 'n'],
  ['li', 'h'],
  ['ii', 'u'],
  ['nn', 'm'],
];

const SINGLE = new Set<string>();
for (const pair of SINGLE_CONFUSIONS) {
  SINGLE.add(pair);
  SINGLE.add(`${pair[1]}${pair[0]}`);
}

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  return SINGLE.has(a + b) ? CONFUSION_COST : SUBSTITUTION_COST;
}

/**
 * Weighted Levenshtein distance with single- and multi-glyph confusion costs. `a` is what was
 * read, `b` the candidate; both should already be normalised (see `normalizeDrugText`).
 */
export function ocrEditDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  // Full table: multi-glyph rules look back two rows or columns.
  const d: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 0; i <= n; i += 1) (d[i] as number[])[0] = i * INDEL_COST;
  for (let j = 0; j <= m; j += 1) (d[0] as number[])[j] = j * INDEL_COST;
  for (let i = 1; i <= n; i += 1) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= m; j += 1) {
      let best = Math.min(
        (prev[j] ?? 0) + INDEL_COST,
        (row[j - 1] ?? 0) + INDEL_COST,
        (prev[j - 1] ?? 0) + substitutionCost(a[i - 1] ?? '', b[j - 1] ?? ''),
      );
      for (const [two, one] of MULTI_CONFUSIONS) {
        // two glyphs read where one was printed, and the reverse
        if (i >= 2 && a.slice(i - 2, i) === two && b[j - 1] === one) {
          best = Math.min(best, (d[i - 2]?.[j - 1] ?? 0) + CONFUSION_COST);
        }
        if (j >= 2 && b.slice(j - 2, j) === two && a[i - 1] === one) {
          best = Math.min(best, (prev[j - 2] ?? 0) + CONFUSION_COST);
        }
      }
      row[j] = best;
    }
  }
  return d[n]?.[m] ?? 0;
}

/** 1 for identical, 0 for nothing in common; scaled by the longer string's length. */
export function ocrSimilarity(read: string, candidate: string): number {
  const longest = Math.max(read.length, candidate.length);
  if (longest === 0) return 1;
  return Math.max(0, 1 - ocrEditDistance(read, candidate) / longest);
}

/** Lower case, hyphens and slashes spaced out, punctuation dropped, whitespace collapsed. */
export function normalizeDrugText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[®™]/g, '')
    .replace(/[^a-z0-9|/\-\s]/g, ' ')
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Character bigrams, for a cheap candidate filter before the edit distance. */
export function bigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 1; i += 1) out.add(padded.slice(i, i + 2));
  return out;
}
