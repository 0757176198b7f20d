/**
 * Word recall: the share of the truth's words found in the reading, each reading word used at
 * most once. Typographic quotes count as their plain forms (Tesseract prints ’ for ').
 */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

export function wordRecall(truth: string[], reading: string[]): { found: number; total: number } {
  const available = new Map<string, number>();
  for (const word of reading.map(normaliseWord).filter(Boolean)) available.set(word, (available.get(word) ?? 0) + 1);
  let found = 0;
  const expected = truth.map(normaliseWord).filter(Boolean);
  for (const word of expected) {
    const count = available.get(word) ?? 0;
    if (count > 0) {
      found++;
      available.set(word, count - 1);
    }
  }
  return { found, total: expected.length };
}
