import type { Word } from '../model/document';
import type { Field } from '../model/field';
import type { TextLine } from './layout';
import { spanText, unionBox, wordsInSpan } from './layout';

/**
 * What an extractor found for one field before validation: the text, the words it came from,
 * and how sure the extractor was that it picked the right text (not whether the text is right).
 */
export interface Candidate {
  raw: string;
  words: Word[];
  /** 0 = only one plausible reading on the page, 1 = a guess. */
  ambiguity: number;
}

export function candidateFromSpan(line: TextLine, start: number, end: number, ambiguity = 0): Candidate | null {
  const raw = spanText(line, start, end);
  if (raw.length === 0) return null;
  return { raw, words: wordsInSpan(line, start, end), ambiguity };
}

export function candidateFromWords(words: readonly Word[], ambiguity = 0): Candidate | null {
  if (words.length === 0) return null;
  const sorted = [...words].sort((a, b) => a.pageIndex - b.pageIndex || a.line - b.line || a.box.x - b.box.x);
  return { raw: sorted.map((w) => w.text).join(' '), words: sorted, ambiguity };
}

export interface FieldOptions {
  index?: number | null;
  normalized?: string | null;
}

/**
 * Status starts as `check`: only the confidence stage may call a field `confident`, after the
 * validators have had their say.
 */
export function fieldFrom(name: string, candidate: Candidate | null, options: FieldOptions = {}): Field {
  const index = options.index ?? null;
  if (!candidate) return missingField(name, index);
  const first = candidate.words[0];
  const samePage = candidate.words.filter((w) => w.pageIndex === first?.pageIndex);
  return {
    name,
    index,
    raw: candidate.raw,
    normalized: options.normalized ?? candidate.raw.replace(/\s+/g, ' ').trim(),
    description: null,
    region: first ? { pageIndex: first.pageIndex, box: unionBox(samePage) } : null,
    sourceWordIds: candidate.words.map((w) => w.id),
    ambiguity: candidate.ambiguity,
    status: 'check',
    findings: [],
  };
}

/**
 * A whole line the extractor could not parse though it looks like data (a table row, a service
 * line): kept as one field so the review view points at it instead of silently dropping it.
 * Ambiguity 1: the extractor does not know what the line holds.
 */
export function unparsedLineField(name: string, line: TextLine, index: number): Field {
  return fieldFrom(name, { raw: line.text, words: [...line.words], ambiguity: 1 }, { index });
}

export function missingField(name: string, index: number | null = null): Field {
  return {
    name,
    index,
    raw: null,
    normalized: null,
    description: null,
    region: null,
    sourceWordIds: [],
    ambiguity: 0,
    status: 'missing',
    findings: [],
  };
}

/** Narrows a candidate to the part matching `pattern` (first match), keeping its words. */
export function refineCandidate(candidate: Candidate, pattern: RegExp): Candidate | null {
  const m = pattern.exec(candidate.raw);
  if (!m || m.index === undefined) return null;
  const start = m.index;
  const end = start + m[0].length;
  let offset = 0;
  const words = candidate.words.filter((w) => {
    const s = candidate.raw.indexOf(w.text, offset);
    const e = s + w.text.length;
    if (s >= 0) offset = e;
    return s >= 0 && s < end && e > start;
  });
  return { raw: m[0].trim(), words: words.length > 0 ? words : candidate.words, ambiguity: candidate.ambiguity };
}
