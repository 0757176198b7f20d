import type { Box } from '../model/document';
import type { Field, FieldRegion } from '../model/field';
import { warningFinding, withSuggestions } from './finding';

/**
 * A lab row's H/L flag against its value and reference range. Tesseract drops a lone "H" or "L"
 * in the flag column more often than any other text on a report, so an empty flag cell means
 * two different things: "the result is normal" (nothing to review) or "the flag was not read"
 * (the most important cell of the row is missing). The range decides which.
 */
export type RangeVerdict = 'high' | 'low' | 'normal';

const BETWEEN = /^(\d+(?:\.\d+)?)\s?-\s?(\d+(?:\.\d+)?)$/;
const BOUND = /^([<>≤≥]=?)\s?(\d+(?:\.\d+)?)$/;

/** Where a numeric value lies against a printed range; null when either cannot be read as numbers. */
export function rangeVerdict(value: string, range: string): RangeVerdict | null {
  const v = /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(v)) return null;
  const between = BETWEEN.exec(range.trim());
  if (between) return v > Number(between[2]) ? 'high' : v < Number(between[1]) ? 'low' : 'normal';
  const bound = BOUND.exec(range.trim());
  if (!bound) return null;
  const limit = Number(bound[2]);
  const op = bound[1] ?? '';
  if (op.startsWith('<') || op.startsWith('≤')) return v > limit || (op === '<' && v === limit) ? 'high' : 'normal';
  return v < limit || (op === '>' && v === limit) ? 'low' : 'normal';
}

function regionOf(parts: readonly Field[]): FieldRegion | null {
  const regions = parts.flatMap((p) => (p.region ? [p.region] : []));
  const first = regions[0];
  if (!first) return null;
  const boxes = regions.filter((r) => r.pageIndex === first.pageIndex).map((r) => r.box);
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const box: Box = {
    x: x0,
    y: y0,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x0,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y0,
  };
  return { pageIndex: first.pageIndex, box };
}

/**
 * The flag a lab prints for the verdict. An unread flag is normalised to it (as an ICD-10 code is
 * normalised to its shape-corrected reading) and offered as a suggestion, since the review view
 * shows the text as read; its warning keeps it `check`, never `confident`.
 */
function implied(verdict: RangeVerdict): string {
  return verdict === 'high' ? 'H' : verdict === 'low' ? 'L' : '';
}

const KNOWN_FLAG = /^(?:HH|LL|H|L|A|High|Low|Abnormal|Critical)$/i;
const UNREADABLE = 'The mark in the flag column could not be read as an H/L flag; check the flag column.';
const MISMATCH = 'The H/L flag does not agree with the value and its reference range.';
const UNREAD = 'The value lies outside its reference range but no H/L flag was read; check the flag column.';

/**
 * A flag cell left empty is settled here, every time the row is validated (an edit to the value
 * or range may change the answer): inside the range it is a known blank (normalised '', judged
 * by the words of the value and range it was derived from, so a blurry value cannot make a
 * confident blank); outside the range it is an unread flag, a warning on the flag itself.
 * Tesseract leaves no word at all for such a flag, so there is nothing to re-read.
 */
export function labFlagRules(fields: Field[]): void {
  fields.forEach((value, i) => {
    if (value.name !== 'lab.row.value' || !value.raw) return;
    const range = fields.find((r) => r.name === 'lab.row.range' && r.index === value.index);
    const flagAt = fields.findIndex((r) => r.name === 'lab.row.flag' && r.index === value.index);
    const flag = fields[flagAt];
    const verdict = range?.raw ? rangeVerdict(value.raw, range.raw) : null;
    if (!verdict || !range || !flag) return;
    if (flag.raw === null) {
      const blank = verdict === 'normal';
      fields[flagAt] = {
        ...flag,
        normalized: implied(verdict),
        sourceWordIds: blank ? [...value.sourceWordIds, ...range.sourceWordIds] : [],
        // The empty cell has no box of its own; the row's value and range show where it is.
        region: regionOf([value, range]),
        findings: blank ? flag.findings : [...flag.findings, withSuggestions(warningFinding('lab.flag_unread', UNREAD), [implied(verdict)])],
      };
      return;
    }
    const read = flag.raw.toUpperCase();
    if (!KNOWN_FLAG.test(flag.raw)) {
      // Something is printed in the flag cell but it is no flag: the range says which it should be.
      fields[flagAt] = {
        ...flag,
        normalized: implied(verdict),
        findings: [...flag.findings, withSuggestions(warningFinding('lab.flag_unreadable', UNREADABLE), verdict === 'normal' ? [] : [implied(verdict)])],
      };
      return;
    }
    const either = read === 'A' || read.startsWith('AB') || read.startsWith('C');
    const agrees = verdict === 'high' ? read.startsWith('H') || either : verdict === 'low' ? read.startsWith('L') || either : false;
    if (agrees) return;
    // Either cell may be the misread one, so both are sent to the reviewer.
    const mismatch = warningFinding('lab.flag_mismatch', MISMATCH);
    fields[i] = { ...value, findings: [...value.findings, mismatch] };
    fields[flagAt] = { ...flag, findings: [...flag.findings, mismatch] };
  });
}
