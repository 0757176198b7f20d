/**
 * The recogniser's classes folded to what Folio reads: PP-OCRv4's model knows 6,625 classes
 * (the CTC blank, 6,623 characters of its dictionary, mostly Chinese, and a space). Folio reads
 * English paperwork, so each frame keeps the blank, the printable ASCII characters and the
 * space, and everything else is summed into one `other` column that is never chosen: a
 * character the model took for a Chinese one lowers the confidence instead of becoming text.
 */

/** Full-width punctuation the model often prefers for handwritten strokes, read as its ASCII twin. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '，': ',',
  '：': ':',
  '；': ';',
  '（': '(',
  '）': ')',
  '！': '!',
  '？': '?',
  '．': '.',
  '／': '/',
  '－': '-',
  '％': '%',
  '＃': '#',
  '＋': '+',
  '＝': '=',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '—': '-',
  '–': '-',
  '、': ',',
  '。': '.',
  '·': '.',
};

export interface IcrAlphabet {
  /** The character of each column; '' for the blank (column 0) and for `other` (the last). */
  readonly labels: readonly string[];
  /** For each of the model's classes, the column it is summed into. */
  readonly columnOfClass: Int32Array;
  readonly otherColumn: number;
  /** The model's class count this alphabet was built for (blank + dictionary + space). */
  readonly classes: number;
  columnOf(character: string): number;
}

/** Builds the folding from PaddleOCR's dictionary file: one character a line, classes 1…n. */
export function alphabetFromDictionary(dictionaryText: string): IcrAlphabet {
  const lines = dictionaryText.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  // PaddleOCR: class 0 is the blank, then the dictionary, then a space (use_space_char).
  const classLabels = ['', ...lines, ' '];
  const labels: string[] = [''];
  const columns = new Map<string, number>();
  const printable = (character: string): boolean => character.length === 1 && character >= ' ' && character <= '~';
  for (const label of classLabels.slice(1)) {
    if (printable(label) && !columns.has(label)) {
      columns.set(label, labels.length);
      labels.push(label);
    }
  }
  const otherColumn = labels.length;
  labels.push('');
  const columnOfClass = new Int32Array(classLabels.length);
  classLabels.forEach((label, index) => {
    if (index === 0) return;
    const ascii = printable(label) ? label : FULL_WIDTH[label];
    columnOfClass[index] = (ascii !== undefined ? columns.get(ascii) : undefined) ?? otherColumn;
  });
  return {
    labels,
    columnOfClass,
    otherColumn,
    classes: classLabels.length,
    columnOf: (character) => columns.get(character) ?? -1,
  };
}

/** The text of decoded columns. */
export function textOf(alphabet: IcrAlphabet, columns: readonly number[]): string {
  return columns.map((column) => alphabet.labels[column] ?? '').join('');
}
