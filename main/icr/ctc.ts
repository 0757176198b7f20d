/**
 * Connectionist temporal classification over the recogniser's output: per frame, a probability
 * for each column of an alphabet whose column 0 is the CTC blank. These functions are pure and
 * know nothing of the model; the recogniser folds its 6,625 classes into such a matrix first.
 */

/** Frames × columns probabilities, row-major. Column 0 is the blank. */
export interface ProbabilityMatrix {
  readonly frames: number;
  readonly columns: number;
  readonly data: Float32Array;
}

export interface DecodedCharacter {
  /** Column of the alphabet. */
  column: number;
  /** 0–1: the highest probability the character had over the frames that emitted it. */
  confidence: number;
  /** First and last frame that emitted it (positions along the line). */
  firstFrame: number;
  lastFrame: number;
}

/** Below this a probability counts as impossible (log space stays finite). */
const FLOOR = 1e-30;

export function logOf(probability: number): number {
  return Math.log(probability > FLOOR ? probability : FLOOR);
}

/**
 * Greedy (best path) decoding: the most probable column per frame, repeats merged, blanks
 * dropped. `allowed` limits the columns a frame may choose (the blank always may): the logits
 * are masked before the choice, so a digit box never yields a letter.
 */
export function greedyDecode(matrix: ProbabilityMatrix, allowed?: (column: number) => boolean): DecodedCharacter[] {
  const { frames, columns, data } = matrix;
  const permitted = new Uint8Array(columns);
  for (let c = 0; c < columns; c++) permitted[c] = c === 0 || !allowed || allowed(c) ? 1 : 0;
  const decoded: DecodedCharacter[] = [];
  let previous = 0;
  for (let t = 0; t < frames; t++) {
    const row = t * columns;
    let best = 0;
    let bestProbability = -1;
    for (let c = 0; c < columns; c++) {
      const p = data[row + c] as number;
      if (permitted[c] && p > bestProbability) {
        best = c;
        bestProbability = p;
      }
    }
    if (best !== 0) {
      const last = decoded.at(-1);
      if (best === previous && last) {
        last.confidence = Math.max(last.confidence, bestProbability);
        last.lastFrame = t;
      } else {
        decoded.push({ column: best, confidence: bestProbability, firstFrame: t, lastFrame: t });
      }
    }
    previous = best;
  }
  return decoded;
}

/** The mean of the characters' confidences (0–1), as PaddleOCR scores a line; 0 for nothing read. */
export function meanConfidence(characters: readonly DecodedCharacter[]): number {
  if (characters.length === 0) return 0;
  return characters.reduce((sum, character) => sum + character.confidence, 0) / characters.length;
}

/** The log probability of the single best path (greedy decoding's), for comparing a word's probability against. */
export function bestPathLogProbability(matrix: ProbabilityMatrix): number {
  const { frames, columns, data } = matrix;
  let total = 0;
  for (let t = 0; t < frames; t++) {
    let best = 0;
    for (let c = 0; c < columns; c++) best = Math.max(best, data[t * columns + c] as number);
    total += logOf(best);
  }
  return total;
}

/**
 * log P(label | matrix): the CTC forward probability, summed over every alignment of the label
 * to the frames (blanks between and around, a character held over several frames, a blank
 * needed between two equal characters). -Infinity when the label cannot fit the frames.
 */
export function ctcLogProbability(matrix: ProbabilityMatrix, label: readonly number[]): number {
  const { frames, columns, data } = matrix;
  if (label.length === 0) {
    let total = 0;
    for (let t = 0; t < frames; t++) total += logOf(data[t * columns] as number);
    return total;
  }
  const states = 2 * label.length + 1;
  const symbol = (s: number): number => (s % 2 === 0 ? 0 : (label[(s - 1) / 2] as number));
  let alpha = new Float64Array(states).fill(-Infinity);
  let next = new Float64Array(states);
  alpha[0] = logOf(data[0] as number);
  if (states > 1) alpha[1] = logOf(data[symbol(1)] as number);
  for (let t = 1; t < frames; t++) {
    const row = t * columns;
    // Only states from which the rest of the label still fits in the remaining frames matter,
    // but the whole band is cheap at these sizes (a line is at most a few hundred frames).
    for (let s = 0; s < states; s++) {
      let sum = alpha[s] as number;
      if (s >= 1) sum = logAdd(sum, alpha[s - 1] as number);
      if (s >= 2 && s % 2 === 1 && symbol(s) !== symbol(s - 2)) sum = logAdd(sum, alpha[s - 2] as number);
      next[s] = sum === -Infinity ? -Infinity : sum + logOf(data[row + symbol(s)] as number);
    }
    [alpha, next] = [next, alpha];
  }
  return logAdd(alpha[states - 1] as number, alpha[states - 2] as number);
}

export function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * The matrix with some columns' probability moved onto others (`into[c]` is where column c's
 * mass goes; -1 drops it). Used to fold upper into lower case before scoring drug names, and to
 * fold the letters a digit is mistaken for (O, l, S …) into that digit in a digit box, so the
 * digit gets the credit the model gave its look-alike.
 */
export function foldColumns(matrix: ProbabilityMatrix, into: Int16Array | readonly number[], columns: number): ProbabilityMatrix {
  const data = new Float32Array(matrix.frames * columns);
  for (let t = 0; t < matrix.frames; t++) {
    const from = t * matrix.columns;
    const to = t * columns;
    for (let c = 0; c < matrix.columns; c++) {
      const target = into[c] as number;
      if (target >= 0) data[to + target] = (data[to + target] as number) + (matrix.data[from + c] as number);
    }
  }
  return { frames: matrix.frames, columns, data };
}
