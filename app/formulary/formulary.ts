import type { Medication } from './types';
import { parseMedicationRow } from './types';
import { bigrams, normalizeDrugText, ocrSimilarity } from './ocr-distance';
import { CARDIOMETABOLIC_ROWS } from './data-cardiometabolic';
import { NEURO_PSYCH_ROWS } from './data-neuro-psych';
import { INFECTION_RESPIRATORY_ROWS } from './data-infection-respiratory';
import { OTHER_ROWS } from './data-other';

export interface MedicationMatch {
  medication: Medication;
  /** The name that matched, as the formulary spells it (generic lower case, brand as printed). */
  matchedName: string;
  nameKind: 'generic' | 'brand';
  /** 0–1, OCR-aware similarity between what was read and `matchedName`. */
  score: number;
}

/** Below this similarity a name is not offered at all. */
export const MIN_MATCH_SCORE = 0.72;
/** Share of a name's bigrams that must appear in the read text before we run the edit distance. */
const BIGRAM_PREFILTER = 0.25;

interface IndexedName {
  key: string;
  display: string;
  nameKind: 'generic' | 'brand';
  medication: Medication;
  grams: Set<string>;
}

export interface Formulary {
  readonly medications: readonly Medication[];
  /** Ranked candidates for a drug name as read, best first, at most one per medication. */
  match(text: string, limit?: number): MedicationMatch[];
  /** Exact (normalised) lookup by generic or brand name. */
  lookup(name: string): Medication | undefined;
}

export function createFormulary(medications: readonly Medication[]): Formulary {
  const names: IndexedName[] = [];
  const exact = new Map<string, Medication>();
  for (const medication of medications) {
    const all: [string, 'generic' | 'brand'][] = [
      [medication.generic, 'generic'],
      ...medication.brands.map((b): [string, 'brand'] => [b, 'brand']),
    ];
    for (const [display, nameKind] of all) {
      const key = normalizeDrugText(display);
      if (key.length === 0) continue;
      names.push({ key, display, nameKind, medication, grams: bigrams(key) });
      if (!exact.has(key)) exact.set(key, medication);
    }
  }

  const match = (text: string, limit = 5): MedicationMatch[] => {
    const read = normalizeDrugText(text);
    if (read.length < 3) return [];
    const readGrams = bigrams(read);
    const best = new Map<Medication, MedicationMatch>();
    for (const name of names) {
      if (Math.abs(name.key.length - read.length) > Math.max(3, name.key.length * 0.4)) continue;
      let shared = 0;
      for (const g of name.grams) if (readGrams.has(g)) shared += 1;
      // Confusions break bigrams, so the filter is loose; it only skips clearly different names.
      if (shared / name.grams.size < BIGRAM_PREFILTER) continue;
      const score = ocrSimilarity(read, name.key);
      if (score < MIN_MATCH_SCORE) continue;
      const current = best.get(name.medication);
      if (!current || score > current.score) {
        best.set(name.medication, { medication: name.medication, matchedName: name.display, nameKind: name.nameKind, score });
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.medication.generic.localeCompare(b.medication.generic))
      .slice(0, limit);
  };

  return {
    medications,
    match,
    lookup: (name) => exact.get(normalizeDrugText(name)),
  };
}

/** All rows of the project's own list, parsed. */
export function builtinMedications(): Medication[] {
  return [...CARDIOMETABOLIC_ROWS, ...NEURO_PSYCH_ROWS, ...INFECTION_RESPIRATORY_ROWS, ...OTHER_ROWS].map(
    parseMedicationRow,
  );
}

let builtin: Formulary | null = null;

/** The shipped formulary, built once on first use (indexing ~1,500 names takes a few ms). */
export function builtinFormulary(): Formulary {
  builtin ??= createFormulary(builtinMedications());
  return builtin;
}

/**
 * Adds medications (e.g. from a user's FDA NDC directory) to a formulary. Entries whose generic
 * name is already known only contribute new brand names, so the curated schedule and strengths win.
 */
export function mergeMedications(base: readonly Medication[], extra: readonly Medication[]): Medication[] {
  const byGeneric = new Map(base.map((m) => [m.generic, { ...m, brands: [...m.brands] }]));
  for (const m of extra) {
    const existing = byGeneric.get(m.generic);
    if (!existing) {
      byGeneric.set(m.generic, { ...m, brands: [...m.brands] });
      continue;
    }
    for (const brand of m.brands) {
      if (!existing.brands.some((b) => b.toLowerCase() === brand.toLowerCase())) existing.brands.push(brand);
    }
    existing.schedule ??= m.schedule;
  }
  return [...byGeneric.values()];
}
