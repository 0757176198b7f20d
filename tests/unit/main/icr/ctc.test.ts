import { describe, expect, it } from 'vitest';
import { ctcLogProbability, foldColumns, greedyDecode, meanConfidence, type ProbabilityMatrix } from '../../../../main/icr/ctc';
import { chooseStretch, keepsAllOf, type StretchReading } from '../../../../main/icr/handwriting-recognizer';
import { decodeShape } from '../../../../main/icr/shape-decode';

/**
 * A tiny alphabet: column 0 blank, then 'a', 'b', '1', 'l'. Each frame is written as the column
 * that dominates it and that column's probability; the rest is spread evenly.
 */
const LABELS = ['', 'a', 'b', '1', 'l'];
const COLUMNS = LABELS.length;

function matrixOf(frames: Array<[number, number]>): ProbabilityMatrix {
  const data = new Float32Array(frames.length * COLUMNS);
  frames.forEach(([column, p], t) => {
    for (let c = 0; c < COLUMNS; c++) data[t * COLUMNS + c] = c === column ? p : (1 - p) / (COLUMNS - 1);
  });
  return { frames: frames.length, columns: COLUMNS, data };
}

const text = (columns: readonly { column: number }[]): string => columns.map((c) => LABELS[c.column]).join('');

describe('greedy CTC decoding', () => {
  it('merges a character held over frames, drops blanks, and keeps a repeat that a blank separates', () => {
    const matrix = matrixOf([[1, 0.9], [1, 0.7], [0, 0.8], [1, 0.6], [2, 0.95], [0, 0.9]]);
    const decoded = greedyDecode(matrix);
    expect(text(decoded)).toBe('aab');
    // Each character's confidence is its best frame's probability.
    expect(decoded.map((c) => c.confidence)).toEqual([expect.closeTo(0.9, 5), expect.closeTo(0.6, 5), expect.closeTo(0.95, 5)]);
    expect(meanConfidence(decoded)).toBeCloseTo((0.9 + 0.6 + 0.95) / 3, 5);
  });

  it('masks the columns a field does not allow before choosing, so a digit box never yields a letter', () => {
    // The model is sure of "l"; only the digit is allowed, and the masked frame goes to whichever allowed column is likelier.
    const data = Float32Array.from([0.1, 0.05, 0.05, 0.2, 0.6, 0.9, 0.025, 0.025, 0.025, 0.025]);
    const decoded = greedyDecode({ frames: 2, columns: COLUMNS, data }, (column) => column === 3);
    expect(text(decoded)).toBe('1');
    expect(decoded[0]?.confidence).toBeCloseTo(0.2, 5);
    expect(text(greedyDecode(matrixOf([[4, 0.6], [0, 0.9]]), (column) => column === 3))).toBe('');
  });

  it('folding a look-alike into the allowed character gives that character its probability', () => {
    const matrix = matrixOf([[4, 0.6], [0, 0.9]]);
    const folded = foldColumns(matrix, [0, 1, 2, 3, 3], COLUMNS);
    const decoded = greedyDecode(folded, (column) => column === 3);
    expect(text(decoded)).toBe('1');
    expect(decoded[0]?.confidence).toBeCloseTo(0.7, 5);
  });

  it('reads nothing from a matrix of blanks, with confidence 0', () => {
    const decoded = greedyDecode(matrixOf([[0, 0.99], [0, 0.99]]));
    expect(decoded).toEqual([]);
    expect(meanConfidence(decoded)).toBe(0);
  });
});

describe('CTC forward probability', () => {
  it('sums every alignment: for two frames and a one-letter word, the word in either frame or both', () => {
    const matrix = matrixOf([[1, 0.6], [0, 0.6]]);
    const p = (t: number, c: number): number => matrix.data[t * COLUMNS + c] as number;
    // a·blank + a·a + blank·a
    const expected = p(0, 1) * p(1, 0) + p(0, 1) * p(1, 1) + p(0, 0) * p(1, 1);
    expect(Math.exp(ctcLogProbability(matrix, [1]))).toBeCloseTo(expected, 6);
  });

  it('needs a blank between two equal characters, so "aa" cannot fit in two frames', () => {
    expect(ctcLogProbability(matrixOf([[1, 0.9], [1, 0.9]]), [1, 1])).toBe(-Infinity);
    expect(Number.isFinite(ctcLogProbability(matrixOf([[1, 0.9], [0, 0.9], [1, 0.9]]), [1, 1]))).toBe(true);
  });

  it('ranks the word the frames show above a word they do not', () => {
    const matrix = matrixOf([[1, 0.8], [0, 0.7], [2, 0.8], [0, 0.9]]);
    expect(ctcLogProbability(matrix, [1, 2])).toBeGreaterThan(ctcLogProbability(matrix, [2, 1]));
    expect(ctcLogProbability(matrix, [1, 2])).toBeGreaterThan(ctcLogProbability(matrix, [1]));
  });
});

describe('shape-constrained decoding', () => {
  const digit = { columns: [3], optional: false };
  const letter = { columns: [1, 2], optional: false };

  it('reads the most probable value of the shape, even where a free reading would break it', () => {
    // Free reading: "l" then "a"; the shape letter-then-digit forces the first into a letter and the second into the digit.
    const matrix = matrixOf([[4, 0.5], [0, 0.9], [1, 0.5], [0, 0.9]]);
    const decoded = decodeShape(matrix, [letter, digit]);
    expect(decoded && decoded.length).toBe(2);
    expect(decoded && LABELS[decoded[1]?.column ?? 0]).toBe('1');
  });

  it('may leave an optional slot out, never a required one, and gives up when the frames are too few', () => {
    const matrix = matrixOf([[3, 0.9], [0, 0.9]]);
    expect(text(decodeShape(matrix, [digit, { columns: [3], optional: true }]) ?? [])).toBe('1');
    expect(decodeShape(matrixOf([[3, 0.9]]), [digit, digit])).toBeNull();
  });
});

describe('choosing between the 1.0x and 1.5x readings', () => {
  const reading = (stretch: number, columns: number[], confidence: number): StretchReading => ({
    stretch,
    confidence,
    characters: columns.map((column, i) => ({ column, confidence, firstFrame: i, lastFrame: i })),
    matrix: matrixOf([[0, 0.9]]),
  });

  it('keeps the more confident reading', () => {
    expect(chooseStretch([reading(1, [1, 2], 0.6), reading(1.5, [1, 1], 0.9)])?.stretch).toBe(1.5);
    expect(chooseStretch([reading(1, [1, 2], 0.9), reading(1.5, [1, 1], 0.6)])?.stretch).toBe(1);
  });

  it('keeps the unstretched reading on a tie', () => {
    expect(chooseStretch([reading(1, [1], 0.8), reading(1.5, [2], 0.8)])?.stretch).toBe(1);
  });

  it('believes the reading that keeps a character the other merged away ("11" read as "1"), when it is sure', () => {
    const merged = reading(1.5, [3, 2], 0.95);
    const split = reading(1, [3, 3, 2], 0.85);
    expect(keepsAllOf(split.characters, merged.characters)).toBe(true);
    expect(chooseStretch([split, merged])).toBe(split);
    // Not when the fuller reading is unsure, nor when it reads other characters.
    expect(chooseStretch([reading(1, [3, 3, 2], 0.5), merged])).toBe(merged);
    expect(chooseStretch([reading(1, [3, 1], 0.9), merged])).toBe(merged);
    // Nor when it holds three characters more: that is another reading, not a merge undone.
    expect(chooseStretch([reading(1, [3, 3, 3, 3, 2], 0.9), merged])).toBe(merged);
  });

  it('has nothing to choose from no readings', () => {
    expect(chooseStretch([])).toBeNull();
  });
});
