import { bigrams, normalizeDrugText } from '../../app/formulary/ocr-distance';
import type { IcrAlphabet } from './alphabet';
import { bestPathLogProbability, ctcLogProbability, foldColumns, type ProbabilityMatrix } from './ctc';

/**
 * Lexicon-constrained reading of a drug name: every plausible formulary name is scored against
 * the model's output itself (the CTC forward probability of that name), not against the text the
 * model settled on, so a name whose letters the model half-saw can still win. A cheap prefilter
 * (length band, then shared bigrams or first letter with the greedy reading) keeps the forward
 * pass to the few dozen names that could fit; 1,500 names cost about a millisecond.
 */

export interface LexiconCandidate {
  /** The name as the formulary spells it. */
  text: string;
  /** 0–100: the name's share of the probability among the names scored, times how well it fits the frames. */
  confidence: number;
  /** Share over the next name (0–1); a small margin means two names fit almost equally. */
  margin: number;
}

interface Entry {
  display: string;
  key: string;
  label: number[];
  grams: Set<string>;
}

/** Names scored in full at most; the prefilter ranks by shared bigrams first. */
const MAX_SCORED = 60;

export class DrugLexicon {
  private readonly entries: Entry[] = [];
  private readonly caseFold: Int16Array;

  constructor(
    private readonly alphabet: IcrAlphabet,
    names: Iterable<string>,
  ) {
    const seen = new Set<string>();
    for (const display of names) {
      const key = normalizeDrugText(display);
      if (key.length < 2 || seen.has(key)) continue;
      const label = [...key].map((character) => alphabet.columnOf(character));
      if (label.some((column) => column <= 0)) continue;
      seen.add(key);
      this.entries.push({ display, key, label, grams: bigrams(key) });
    }
    this.caseFold = new Int16Array(alphabet.labels.length);
    alphabet.labels.forEach((label, column) => {
      const lower = label.toLowerCase();
      const target = lower !== label ? alphabet.columnOf(lower) : column;
      this.caseFold[column] = target > 0 ? target : column;
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The best names for a line, best first; `reading` is the line's free (greedy) reading. */
  candidates(matrix: ProbabilityMatrix, reading: string, limit = 3): LexiconCandidate[] {
    const folded = foldColumns(matrix, this.caseFold, matrix.columns);
    const read = normalizeDrugText(reading);
    const shortlist = this.prefilter(read, folded.frames);
    if (shortlist.length === 0) return [];
    const best = bestPathLogProbability(folded);
    const scored = shortlist
      .map((entry) => ({ entry, logP: ctcLogProbability(folded, entry.label) }))
      .filter((s) => Number.isFinite(s.logP))
      .sort((a, b) => b.logP - a.logP);
    if (scored.length === 0) return [];
    const top = (scored[0] as { logP: number }).logP;
    const total = scored.reduce((sum, s) => sum + Math.exp(s.logP - top), 0);
    const shares = scored.map((s) => Math.exp(s.logP - top) / total);
    return scored.slice(0, limit).map((s, i) => {
      const fit = Math.min(1, Math.exp((s.logP - best) / Math.max(1, s.entry.label.length)));
      const share = shares[i] as number;
      return {
        text: s.entry.display,
        confidence: Math.round(share * fit * 1000) / 10,
        margin: Math.round((share - (shares[i + 1] ?? 0)) * 1000) / 1000,
      };
    });
  }

  /** Names within a length band of the reading that share a bigram or the first letter with it. */
  private prefilter(read: string, frames: number): Entry[] {
    const readGrams = bigrams(read);
    const ranked: Array<{ entry: Entry; shared: number }> = [];
    for (const entry of this.entries) {
      // A name needs a frame per character at least (two for a doubled letter, ignored here).
      if (entry.label.length > frames) continue;
      if (read.length > 0 && Math.abs(entry.key.length - read.length) > Math.max(3, entry.key.length * 0.4)) continue;
      let shared = 0;
      for (const gram of entry.grams) if (readGrams.has(gram)) shared += 1;
      if (shared === 0 && entry.key[0] !== read[0]) continue;
      ranked.push({ entry, shared: shared / entry.grams.size });
    }
    return ranked
      .sort((a, b) => b.shared - a.shared)
      .slice(0, MAX_SCORED)
      .map((r) => r.entry);
  }
}
