import type { Field } from '../model/field';
import type { Formulary } from '../formulary/formulary';
import type { Candidate } from './field-builder';
import { candidateFromSpan, fieldFrom, missingField } from './field-builder';
import type { TextLine } from './layout';
import { findLabeled, findLineIndex } from './labels';
import { DATE_VALUE, DOSAGE_FORMS, ROUTE_WORDS, STRENGTH_VALUE } from './patterns';
import { parseSig } from './sig-parser';

/**
 * What is ordered on a prescription: the drug line, the directions (sig), quantity, refills,
 * substitution and date written.
 */
const RX_LABEL = /^\s*(?:rx|℞|r\/x)\s*[:.]?|\b(?:medication|drug|prescribed)\s*:/i;
const SIG_LABEL = /\b(?:sig|directions|instructions)\b\s*[:.]?/i;
const QTY_LABEL = /\b(?:qty|quantity|disp(?:ense)?)(?!\s+as\s+written)\b\.?\s*(?:#)?/i;
const AFTER_QTY = /\b(?:refills?|days?|DAW|sig|substitut\w*)\b/i;
const DATE_LABEL = /(?<!birth\s?)\b(?:rx\s+)?date(?:\s+(?:written|issued|prescribed))?\b(?!\s+of\s+birth)\s*:?/i;

/** Ambiguity from how far the best formulary name is from what was read and from the runner-up. */
export function drugAmbiguity(scores: readonly number[]): number {
  const [best = 0, second = 0] = scores;
  if (best === 0) return 1;
  const closeness = second > 0 ? Math.max(0, 1 - (best - second) / 0.15) : 0;
  return Math.min(1, (1 - best) * 2 + closeness * 0.5);
}

function drugFields(lines: readonly TextLine[], formulary: Formulary): Field[] {
  const i = findLineIndex(lines, RX_LABEL);
  const line = lines[i];
  if (!line) {
    return ['drug.name', 'drug.strength', 'drug.form', 'drug.route'].map((n) => missingField(n));
  }
  const label = RX_LABEL.exec(line.text);
  const start = (label?.index ?? 0) + (label?.[0].length ?? 0);
  const rest = line.text.slice(start);
  const strength = STRENGTH_VALUE.exec(rest);
  const nameEnd = strength ? start + strength.index : start + (DOSAGE_FORMS.exec(rest)?.index ?? rest.length);
  const nameCandidate = candidateFromSpan(line, start, nameEnd);
  let nameField = fieldFrom('drug.name', nameCandidate);
  if (nameCandidate) {
    const matches = formulary.match(nameCandidate.raw);
    const best = matches[0];
    nameField = fieldFrom(
      'drug.name',
      { ...nameCandidate, ambiguity: drugAmbiguity(matches.map((m) => m.score)) },
      { normalized: best ? best.medication.generic : null },
    );
  }
  const spanField = (name: string, m: RegExpExecArray | null): Field =>
    m ? fieldFrom(name, candidateFromSpan(line, start + m.index, start + m.index + m[0].length)) : missingField(name);
  return [
    nameField,
    spanField('drug.strength', strength),
    spanField('drug.form', DOSAGE_FORMS.exec(rest)),
    spanField('drug.route', ROUTE_WORDS.exec(rest)),
  ];
}

type SigSpan = { start: number; end: number } | null;

/** The parts of a sig, each with where it sits in the sig's text and its canonical value. */
function sigParts(text: string): Array<{ name: string; span: SigSpan; normalized: string | null }> {
  const parsed = parseSig(text);
  return [
    { name: 'sig.dose', span: parsed.dose, normalized: parsed.dose?.value ?? null },
    { name: 'sig.unit', span: parsed.unit, normalized: parsed.unit?.value ?? null },
    { name: 'sig.route', span: parsed.route, normalized: parsed.route?.value ?? null },
    { name: 'sig.frequency', span: parsed.frequency, normalized: parsed.frequency?.value.code ?? null },
    { name: 'sig.duration', span: parsed.durationDays, normalized: parsed.durationDays ? String(parsed.durationDays.value) : null },
    { name: 'sig.prn', span: parsed.prn, normalized: parsed.prn ? 'true' : null },
    { name: 'sig.indication', span: parsed.indication, normalized: parsed.indication?.value ?? null },
  ];
}

/**
 * The sig's parts read again from a sig the person typed: when the directions change, their
 * dose, frequency and route must follow, or an export would carry the old reading's parts.
 */
export function sigPartsOfText(text: string): Array<{ name: string; raw: string | null; normalized: string | null }> {
  return sigParts(text).map(({ name, span, normalized }) => ({ name, raw: span ? text.slice(span.start, span.end) : null, normalized: span ? normalized : null }));
}

function sigFields(lines: readonly TextLine[]): Field[] {
  const sig = findLabeled(lines, { label: SIG_LABEL, stop: /\b(?:qty|quantity|refills?)\b\s*:/i });
  if (!sig) return [missingField('sig.raw'), ...sigParts('').map((part) => missingField(part.name))];
  // Map spans of the sig text back to its words by rebuilding the sig as a line.
  const words = sig.words;
  const starts: number[] = [];
  let offset = 0;
  for (const w of words) {
    const s = sig.raw.indexOf(w.text, offset);
    starts.push(s);
    offset = s >= 0 ? s + w.text.length : offset;
  }
  const sigLine: TextLine = { ...(lines[0] as TextLine), words, text: sig.raw, starts };
  const partField = ({ name, span, normalized }: { name: string; span: SigSpan; normalized: string | null }): Field => {
    if (!span) return missingField(name);
    const candidate: Candidate | null = candidateFromSpan(sigLine, span.start, span.end, sig.ambiguity);
    return fieldFrom(name, candidate, { normalized });
  };
  return [fieldFrom('sig.raw', sig), ...sigParts(sig.raw).map(partField)];
}

const CHECKED = /(?:\[\s*[xX✓✔]\s*\]|☒|☑|■|\([xX]\))\s*$/;
const UNCHECKED = /(?:\[\s*\]|☐|□|\(\s*\))\s*$/;
const DAW_PHRASES: readonly [RegExp, '0' | '1'][] = [
  [/\b(?:substitution (?:is )?permitted|may substitute|generic substitution (?:allowed|permitted)|substitution allowed)\b/i, '0'],
  [/\b(?:dispense as written|do not substitute|brand (?:name )?medically necessary|no substitution)\b/i, '1'],
];

/** NCPDP DAW code: 0 substitution allowed, 1 prescriber requires the brand as written. */
function dawField(lines: readonly TextLine[]): Field {
  const coded = findLabeled(lines, { label: /\bDAW\b\s*(?:code)?\s*[:#]?/i, value: /^[0-9]\b/, below: false });
  if (coded) return fieldFrom('daw', coded, { normalized: coded.raw });
  const found: { code: '0' | '1'; checked: boolean | null; candidate: Candidate }[] = [];
  for (const line of lines) {
    for (const [pattern, code] of DAW_PHRASES) {
      const m = pattern.exec(line.text);
      if (!m) continue;
      const before = line.text.slice(Math.max(0, m.index - 6), m.index);
      const checked = CHECKED.test(before) ? true : UNCHECKED.test(before) ? false : null;
      const box = checked === null ? m.index : line.text.lastIndexOf(before.trim(), m.index);
      const candidate = candidateFromSpan(line, Math.max(0, box), m.index + m[0].length);
      if (candidate) found.push({ code, checked, candidate });
    }
  }
  const checked = found.filter((f) => f.checked === true);
  const unmarked = found.filter((f) => f.checked === null);
  const pick = checked.length === 1 ? checked[0] : checked.length === 0 && unmarked.length === 1 ? unmarked[0] : undefined;
  if (pick) return fieldFrom('daw', pick.candidate, { normalized: pick.code });
  const guess = checked[0] ?? unmarked[0];
  return guess ? fieldFrom('daw', { ...guess.candidate, ambiguity: 1 }, { normalized: guess.code }) : missingField('daw');
}

export function extractOrder(lines: readonly TextLine[], formulary: Formulary): Field[] {
  return [
    fieldFrom('dateWritten', findLabeled(lines, { label: DATE_LABEL, value: DATE_VALUE })),
    ...drugFields(lines, formulary),
    ...sigFields(lines),
    fieldFrom('quantity', findLabeled(lines, { label: QTY_LABEL, stop: AFTER_QTY })),
    fieldFrom('refills', findLabeled(lines, { label: /\b(?:refills?|RF)\b\s*(?:#|allowed)?\s*:?/i, stop: /\b(?:DAW|days?|substitut\w*|qty)\b/i })),
    fieldFrom('daysSupply', findLabeled(lines, { label: /\bdays?'?\s*supply\b\s*:?/i, value: /\d{1,3}/ })),
    dawField(lines),
  ];
}
