import { logOf, type DecodedCharacter, type ProbabilityMatrix } from './ctc';

/** One character position of a value's shape: the columns it may be, and whether it may be left out. */
export interface ShapeSlot {
  readonly columns: readonly number[];
  readonly optional: boolean;
}

/**
 * The most probable reading that has the shape (Viterbi over CTC alignments restricted to the
 * slots, in order, optional ones skippable): an NPI's ten digits, a DEA number's two letters and
 * seven digits, an ICD-10 code's letter, digit and the rest. Null when no reading of that shape
 * fits the frames. Confidences are the model's own probabilities, so a character the shape
 * forced (the model saw an O where a digit must be) keeps a low one and the value is checked.
 */
export function decodeShape(matrix: ProbabilityMatrix, slots: readonly ShapeSlot[]): DecodedCharacter[] | null {
  const { frames, columns, data } = matrix;
  if (frames === 0 || slots.length === 0) return null;
  // States: 0 is the blank before anything; per slot j one blank-after state, then one per column.
  const blankOf: number[] = [];
  const charStart: number[] = [];
  let count = 1;
  for (const slot of slots) {
    blankOf.push(count);
    charStart.push(count + 1);
    count += 1 + slot.columns.length;
  }
  const predecessors = slots.map((_, j) => {
    const list: number[] = [];
    for (let i = j - 1; i >= -1; i--) {
      list.push(i);
      if (i >= 0 && !(slots[i] as ShapeSlot).optional) break;
    }
    return list;
  });
  const back = new Int32Array(frames * count).fill(-1);
  let score = new Float64Array(count).fill(-Infinity);
  let next = new Float64Array(count);
  score[0] = 0;
  const bestInSlot = new Float64Array(slots.length);
  const bestState = new Int32Array(slots.length);
  const secondInSlot = new Float64Array(slots.length);
  const secondState = new Int32Array(slots.length);
  for (let t = 0; t < frames; t++) {
    const row = t * columns;
    const p = (column: number): number => logOf(data[row + column] as number);
    slots.forEach((slot, j) => {
      bestInSlot[j] = secondInSlot[j] = -Infinity;
      bestState[j] = secondState[j] = -1;
      slot.columns.forEach((_, a) => {
        const state = (charStart[j] as number) + a;
        const value = score[state] as number;
        if (value > (bestInSlot[j] as number)) {
          secondInSlot[j] = bestInSlot[j] as number;
          secondState[j] = bestState[j] as number;
          bestInSlot[j] = value;
          bestState[j] = state;
        } else if (value > (secondInSlot[j] as number)) {
          secondInSlot[j] = value;
          secondState[j] = state;
        }
      });
    });
    next.fill(-Infinity);
    next[0] = (score[0] as number) + p(0);
    back[t * count] = 0;
    slots.forEach((slot, j) => {
      const blank = blankOf[j] as number;
      let from = blank;
      let value = score[blank] as number;
      if ((bestInSlot[j] as number) > value) {
        value = bestInSlot[j] as number;
        from = bestState[j] as number;
      }
      next[blank] = value + p(0);
      back[t * count + blank] = from;
      slot.columns.forEach((column, a) => {
        const state = (charStart[j] as number) + a;
        let enter = score[state] as number;
        let enterFrom = state;
        for (const i of predecessors[j] as number[]) {
          const iBlank = i < 0 ? 0 : (blankOf[i] as number);
          if ((score[iBlank] as number) > enter) {
            enter = score[iBlank] as number;
            enterFrom = iBlank;
          }
          if (i < 0) continue;
          // Straight from a character to the same character would merge them: it needs a blank.
          const useSecond = columnOfState(bestState[i] as number, slots, charStart) === column;
          const candidate = useSecond ? (secondInSlot[i] as number) : (bestInSlot[i] as number);
          if (candidate > enter) {
            enter = candidate;
            enterFrom = useSecond ? (secondState[i] as number) : (bestState[i] as number);
          }
        }
        next[state] = enter + p(column);
        back[t * count + state] = enterFrom;
      });
    });
    [score, next] = [next, score];
  }
  let final = -1;
  let finalScore = -Infinity;
  const restOptional = (j: number): boolean => slots.slice(j + 1).every((slot) => slot.optional);
  if (restOptional(-1) && (score[0] as number) > finalScore) [final, finalScore] = [0, score[0] as number];
  slots.forEach((slot, j) => {
    if (!restOptional(j)) return;
    const candidates = [blankOf[j] as number, ...slot.columns.map((_, a) => (charStart[j] as number) + a)];
    for (const state of candidates) if ((score[state] as number) > finalScore) [final, finalScore] = [state, score[state] as number];
  });
  if (final < 0 || finalScore === -Infinity) return null;
  const path = new Int32Array(frames);
  let state = final;
  for (let t = frames - 1; t >= 0; t--) {
    path[t] = state;
    state = back[t * count + state] as number;
  }
  return charactersOfPath(path, matrix, slots, charStart);
}

function columnOfState(state: number, slots: readonly ShapeSlot[], charStart: readonly number[]): number {
  if (state < 0) return -1;
  for (let j = slots.length - 1; j >= 0; j--) {
    const start = charStart[j] as number;
    if (state >= start) return (slots[j] as ShapeSlot).columns[state - start] ?? -1;
  }
  return -1;
}

function charactersOfPath(path: Int32Array, matrix: ProbabilityMatrix, slots: readonly ShapeSlot[], charStart: readonly number[]): DecodedCharacter[] {
  const decoded: DecodedCharacter[] = [];
  let previous = -1;
  path.forEach((state, t) => {
    const column = columnOfState(state, slots, charStart);
    // Blank states lie just past their slot's columns, so they map to no column.
    if (column >= 0) {
      const probability = matrix.data[t * matrix.columns + column] as number;
      const last = decoded.at(-1);
      if (state === previous && last) {
        last.confidence = Math.max(last.confidence, probability);
        last.lastFrame = t;
      } else {
        decoded.push({ column, confidence: probability, firstFrame: t, lastFrame: t });
      }
    }
    previous = state;
  });
  return decoded;
}
