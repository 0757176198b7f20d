import { describe, expect, it } from 'vitest';
import { alphabetFromDictionary } from '../../../../main/icr/alphabet';
import type { ProbabilityMatrix } from '../../../../main/icr/ctc';
import { DrugLexicon } from '../../../../main/icr/lexicon';

/** A model dictionary of Latin letters and one Chinese character, as PaddleOCR's file lists them. */
const alphabet = alphabetFromDictionary(['中', ...'abcdefghijklmnopqrstuvwxyz', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ',', '，'].join('\n'));

/**
 * Frames for a written word: each letter one frame with `sure` of its probability on the letter
 * (the rest on the blank and, where `doubt` names one, on a look-alike), blanks between.
 */
function framesOf(letters: Array<string | [string, string, number]>, sure = 0.9): ProbabilityMatrix {
  const columns = alphabet.labels.length;
  const rows: Float32Array[] = [];
  const row = (weights: Array<[number, number]>): void => {
    const frame = new Float32Array(columns);
    let rest = 1;
    for (const [column, p] of weights) {
      frame[column] = (frame[column] as number) + p;
      rest -= p;
    }
    frame[0] = (frame[0] as number) + rest;
    rows.push(frame);
  };
  for (const letter of letters) {
    if (typeof letter === 'string') row([[alphabet.columnOf(letter), sure]]);
    else row([[alphabet.columnOf(letter[0]), letter[2]], [alphabet.columnOf(letter[1]), sure - letter[2]]]);
    row([]);
  }
  const data = new Float32Array(rows.length * columns);
  rows.forEach((frame, t) => data.set(frame, t * columns));
  return { frames: rows.length, columns, data };
}

const NAMES = ['lisinopril', 'fosinopril', 'hydroxyzine', 'hydralazine', 'Lipitor', 'metformin', 'Clinoril', 'amlodipine'];

describe('alphabet folding', () => {
  it('keeps printable ASCII, reads full-width punctuation as ASCII, and sums the rest into one column never read', () => {
    expect(alphabet.labels[0]).toBe('');
    expect(alphabet.columnOf('a')).toBeGreaterThan(0);
    expect(alphabet.columnOf('中')).toBe(-1);
    // Class 1 is 中, the last class is the space PaddleOCR adds.
    expect(alphabet.columnOfClass[1]).toBe(alphabet.otherColumn);
    expect(alphabet.labels[alphabet.columnOfClass[alphabet.classes - 1] as number]).toBe(' ');
    // The full-width comma (the dictionary's last line) is summed into the ASCII one.
    expect(alphabet.columnOfClass[alphabet.classes - 2]).toBe(alphabet.columnOf(','));
  });
});

describe('lexicon-constrained drug names', () => {
  const lexicon = new DrugLexicon(alphabet, NAMES);

  it('finds the written name first, with a clear margin', () => {
    const [best, second] = lexicon.candidates(framesOf([...'lisinopril']), 'lisinopril');
    expect(best?.text).toBe('lisinopril');
    expect(best?.confidence).toBeGreaterThan(90);
    expect(best?.margin).toBeGreaterThan(0.9);
    expect(second?.text).not.toBe('lisinopril');
  });

  it('recovers a name from the model output when the greedy reading misspelt it', () => {
    // The model slightly preferred "c" over "e" and "v" over "n": greedy reads "rnetforvnin"-like text.
    const frames = framesOf(['m', ['c', 'e', 0.5], 't', 'f', 'o', 'r', 'm', 'i', ['v', 'n', 0.5]]);
    const [best] = lexicon.candidates(frames, 'mctformiv');
    expect(best?.text).toBe('metformin');
  });

  it('matches capitals written for a brand or a generic alike', () => {
    const [best] = lexicon.candidates(framesOf([...'LIPITOR']), 'LIPITOR');
    expect(best?.text).toBe('Lipitor');
  });

  it('leaves two names the frames cannot tell apart with a small margin and neither confident', () => {
    // "hydr?" then letters shared badly: the middle of hydroxyzine and hydralazine written as noise.
    const frames = framesOf(['h', 'y', 'd', 'r', ['o', 'a', 0.45], ['x', 'l', 0.45], ['y', 'a', 0.45], 'z', 'i', 'n', 'e']);
    const [best, second] = lexicon.candidates(frames, 'hydrxyzine');
    expect([best?.text, second?.text].sort()).toEqual(['hydralazine', 'hydroxyzine']);
    expect(best?.margin).toBeLessThan(0.5);
    expect(best?.confidence).toBeLessThan(80);
  });

  it('returns at most three names, best first', () => {
    const candidates = lexicon.candidates(framesOf([...'fosinopril']), 'fosinopril');
    expect(candidates.length).toBeLessThanOrEqual(3);
    expect(candidates[0]?.text).toBe('fosinopril');
    expect(candidates.map((c) => c.confidence)).toEqual([...candidates.map((c) => c.confidence)].sort((a, b) => b - a));
  });

  it('offers nothing for a line that is no name on the list at all', () => {
    expect(lexicon.candidates(framesOf([...'qq']), 'qq')).toEqual([]);
  });
});
