import type { Field } from '../model/field';
import { candidateFromSpan, candidateFromWords, fieldFrom } from './field-builder';
import type { TextLine } from './layout';
import type { DocumentExtractor, ExtractionContext } from './types';
import type { Formulary } from '../formulary/formulary';

/**
 * Clinical notes are free text: we pull out ICD-10 codes and medication names wherever they are
 * mentioned, as repeated fields, for the coder to confirm.
 */
const DOTTED_CODE = /\b[A-TV-Z][0-9][0-9AB]\.[0-9A-Z]{1,4}\b/g;
/**
 * A dotted code whose letter OCR read as a digit ("148.91" for I48.91). Only taken on a line in
 * coding context, where a number of that shape is far more likely a code than a measurement.
 */
const MISREAD_DOTTED_CODE = /(?<![\w.])(?:[1052][0-9OIl]|[A-TV-Z][OIl])[0-9AB]\.[0-9A-Z]{1,4}\b/g;
const BARE_CODE = /\b[A-TV-Z][0-9][0-9AB]\b(?!\.\w)/g;
/** An undotted three-character code is only a code in coding context ("B12" is usually a vitamin). */
const CODING_CONTEXT = /\b(?:icd|dx|diagnos[ie]s|assessment|impression|code)\b/i;
/** Mentions need a closer match than a drug line does: free text is full of drug-like words. */
export const MENTION_MIN_SCORE = 0.86;
const MIN_TOKEN_LENGTH = 4;

function icdMentions(lines: readonly TextLine[]): Field[] {
  const fields: Field[] = [];
  for (const line of lines) {
    const spans: [number, number][] = [];
    for (const m of line.text.matchAll(DOTTED_CODE)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
    if (CODING_CONTEXT.test(line.text)) {
      for (const m of line.text.matchAll(MISREAD_DOTTED_CODE)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
      for (const m of line.text.matchAll(BARE_CODE)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
    }
    for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
      fields.push(fieldFrom('note.icd10', candidateFromSpan(line, s, e), { index: fields.length }));
    }
  }
  return fields;
}

function medicationMentions(lines: readonly TextLine[], formulary: Formulary): Field[] {
  const fields: Field[] = [];
  for (const line of lines) {
    const words = line.words;
    for (let i = 0; i < words.length; i += 1) {
      // Longest window first so "insulin glargine" wins over "insulin".
      for (let len = 3; len >= 1; len -= 1) {
        const window = words.slice(i, i + len);
        if (window.length < len) continue;
        const text = window.map((w) => w.text).join(' ').replace(/[.,;:()]+$/g, '').replace(/^[(]+/, '');
        if (text.replace(/[^A-Za-z]/g, '').length < MIN_TOKEN_LENGTH) continue;
        const exact = formulary.lookup(text);
        const best = exact ? null : len === 1 ? formulary.match(text, 1)[0] : undefined;
        const generic = exact?.generic ?? (best && best.score >= MENTION_MIN_SCORE ? best.medication.generic : null);
        if (!generic) continue;
        const candidate = candidateFromWords(window, exact ? 0 : 1 - (best?.score ?? 0));
        fields.push(fieldFrom('note.medication', candidate, { index: fields.length, normalized: generic }));
        i += len - 1;
        break;
      }
    }
  }
  return fields;
}

export const ClinicalNoteExtractor: DocumentExtractor = {
  kind: 'clinical_note',
  extract(lines: readonly TextLine[], context: ExtractionContext): Field[] {
    return [...icdMentions(lines), ...medicationMentions(lines, context.formulary)];
  },
};
