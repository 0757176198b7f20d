import type { Word } from '../model/document';
import type { Candidate } from './field-builder';
import type { TextLine } from './layout';
import { makeLine, typicalHeight, wordsInSpan } from './layout';

/**
 * "Label: value" on one line, or a form box whose label sits above its value. Most fields on
 * every document kind are found this way; the per-kind extractors only say which labels and
 * what a value looks like.
 */
export interface LabelQuery {
  /** Case-insensitive pattern for the printed label. Must not be global. */
  label: RegExp;
  /** What the value looks like; the first match after the label is taken. */
  value?: RegExp;
  /** Another label that ends an inline value (e.g. `DOB` after a patient name). */
  stop?: RegExp;
  /** Look under the label when nothing follows it on its line (form boxes). Default true. */
  below?: boolean;
  maxLinesBelow?: number;
  /** Only search lines [from, to) — used to keep prescriber and patient sections apart. */
  from?: number;
  to?: number;
}

/** Horizontal gap (in word heights) that separates two columns on one line. */
export const COLUMN_GAP_HEIGHTS = 2.5;
const SEPARATORS = /^[\s:#.\-–=|]*/;

export function findLabeled(lines: readonly TextLine[], query: LabelQuery): Candidate | null {
  const all = findAllLabeled(lines, query);
  const first = all[0];
  if (!first) return null;
  const distinct = new Set(all.map((c) => c.raw.toLowerCase()));
  return { ...first, ambiguity: Math.max(first.ambiguity, distinct.size > 1 ? 0.5 : 0) };
}

export function findAllLabeled(lines: readonly TextLine[], query: LabelQuery): Candidate[] {
  const out: Candidate[] = [];
  const from = query.from ?? 0;
  const to = Math.min(query.to ?? lines.length, lines.length);
  const unit = typicalHeight(lines);
  for (let i = from; i < to; i += 1) {
    const line = lines[i];
    if (!line) continue;
    const m = query.label.exec(line.text);
    if (!m || m.index === undefined) continue;
    const labelEnd = m.index + m[0].length;
    const inline = inlineValue(line, labelEnd, query, unit);
    if (inline) {
      out.push(inline);
      continue;
    }
    if (query.below === false) continue;
    const labelWords = wordsInSpan(line, m.index, labelEnd);
    const below = valueBelow(lines, i, labelWords, query, unit);
    if (below) out.push(below);
  }
  return out;
}

function inlineValue(line: TextLine, labelEnd: number, query: LabelQuery, unit: number): Candidate | null {
  const sep = SEPARATORS.exec(line.text.slice(labelEnd));
  const start = labelEnd + (sep?.[0].length ?? 0);
  let end = columnEnd(line, start, unit);
  if (query.stop) {
    const stop = query.stop.exec(line.text.slice(start, end));
    if (stop?.index !== undefined) end = start + stop.index;
  }
  return matchIn(line, start, end, query.value);
}

/** End of the value's column: the first gap wider than COLUMN_GAP_HEIGHTS after `start`. */
function columnEnd(line: TextLine, start: number, unit: number): number {
  for (let k = 1; k < line.words.length; k += 1) {
    const prev = line.words[k - 1];
    const cur = line.words[k];
    const curStart = line.starts[k] ?? 0;
    if (!prev || !cur || curStart <= start) continue;
    const prevStart = line.starts[k - 1] ?? 0;
    // A gap before the value begins is allowed (label, gap, value).
    if (prevStart + prev.text.length <= start) continue;
    if (cur.box.x - (prev.box.x + prev.box.width) > COLUMN_GAP_HEIGHTS * unit) return curStart - 1;
  }
  return line.text.length;
}

function matchIn(line: TextLine, start: number, end: number, value: RegExp | undefined): Candidate | null {
  const segment = line.text.slice(start, end);
  if (segment.trim().length === 0) return null;
  if (!value) {
    const lead = segment.length - segment.trimStart().length;
    const s = start + lead;
    const e = start + segment.trimEnd().length;
    return { raw: line.text.slice(s, e), words: wordsInSpan(line, s, e), ambiguity: 0 };
  }
  const m = value.exec(segment);
  if (!m || m.index === undefined || m[0].trim().length === 0) return null;
  const s = start + m.index + (m[0].length - m[0].trimStart().length);
  const e = start + m.index + m[0].trimEnd().length;
  return { raw: line.text.slice(s, e), words: wordsInSpan(line, s, e), ambiguity: 0 };
}

function valueBelow(
  lines: readonly TextLine[],
  labelIndex: number,
  labelWords: readonly Word[],
  query: LabelQuery,
  unit: number,
): Candidate | null {
  const labelLine = lines[labelIndex];
  const first = labelWords[0];
  if (!labelLine || !first) return null;
  const left = first.box.x - unit;
  // The column ends where the next label on the label's line begins.
  const lastLabel = labelWords[labelWords.length - 1] ?? first;
  const next = labelLine.words.find(
    (w) => w.box.x > lastLabel.box.x + lastLabel.box.width + COLUMN_GAP_HEIGHTS * unit,
  );
  const right = next ? next.box.x - unit / 2 : Infinity;
  const maxBelow = query.maxLinesBelow ?? 2;
  for (let j = labelIndex + 1; j < lines.length && j <= labelIndex + maxBelow; j += 1) {
    const line = lines[j];
    if (!line || line.pageIndex !== labelLine.pageIndex) break;
    const inColumn = line.words.filter((w) => w.box.x >= left && w.box.x < right);
    if (inColumn.length === 0) continue;
    const sub = makeLine(inColumn);
    const found = matchIn(sub, 0, sub.text.length, query.value);
    if (found) return found;
  }
  return null;
}

/** Index of the first line matching `pattern`, or -1. */
export function findLineIndex(lines: readonly TextLine[], pattern: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i += 1) if (pattern.test(lines[i]?.text ?? '')) return i;
  return -1;
}
