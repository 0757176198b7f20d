import type { Field } from '../model/field';
import { candidateFromSpan, fieldFrom, missingField, unparsedLineField } from './field-builder';
import type { TextLine } from './layout';
import { findLabeled, findLineIndex } from './labels';
import { DATE_VALUE } from './patterns';
import type { DocumentExtractor } from './types';
import { canonicalLabTestName, canonicalLabUnit } from './lab-vocabulary';

/**
 * Lab reports: who, when collected, and one row per test (name, value, unit, reference range,
 * H/L flag). Rows are lines that read like "Glucose 105 mg/dL 70-99 H" after the column header.
 * A unit "10^3/uL" often comes back as "1043/uL" or "10A3/uL" (the caret read as a glyph). A short
 * unknown mark in the flag column ("rm", "x") is a flag OCR mangled: it is kept as the row's
 * flag, and validation (app/validate/lab-rows.ts) says it could not be read.
 */
// Any second column title will do: a faint RESULT title is sometimes lost with its column.
const HEADER = /\b(?:test|analyte|component)\b.*\b(?:result|value|units?|reference|range|flag)\b/i;
const ROW =
  /^(?<name>[A-Za-z][A-Za-z0-9 ,()/%.'-]*?)\s+(?<value>[<>]?\d+(?:\.\d+)?|positive|negative|detected|not detected|reactive|non-reactive)(?:\s+(?<unit>10[*^47A%]?\d\/[A-Za-zµ]+|(?![<>≤≥]?\d)[^\s]*[A-Za-zµ%][^\s]*))?(?:\s+(?<range>[<>≤≥]\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?-\s?\d+(?:\.\d+)?|negative|not detected))?(?:\s+(?<flag>HH|LL|H|L|A|High|Low|Abnormal|Critical|[^\s\d]{1,3}))?\s*$/di;
const ROW_PARTS = ['name', 'value', 'unit', 'range', 'flag'] as const;
/** Lines that are labelled facts about the report, not test rows. */
const NOT_A_ROW = /:|\b(?:page|DOB|date|collected|received|reported|physician|patient|specimen)\b/i;
/**
 * Inside the table, a line with a digit that is not a row is a result Folio could not split
 * into cells (a merged or garbled line); the reviewer must see it. Labelled facts are not.
 */
const DATA_LIKE = /\d/;
const NOT_DATA = /\b(?:page|DOB|collected|received|reported|physician|patient|specimen|CLIA|MRN)\b/i;

/** Test names and units in their printed spelling when the reading is clearly one of them. */
function canonicalTerm(part: (typeof ROW_PARTS)[number], raw: string): string | null {
  if (part === 'name') return canonicalLabTestName(raw) ?? raw;
  if (part === 'unit') return canonicalLabUnit(raw) ?? raw;
  return null;
}

export function extractLabRows(lines: readonly TextLine[]): Field[] {
  const header = findLineIndex(lines, HEADER);
  const fields: Field[] = [];
  // Rows are numbered by where they sit, an unsplit line included, so labels match the page.
  let n = 0;
  for (let j = header >= 0 ? header + 1 : 0; j < lines.length; j += 1) {
    const line = lines[j];
    if (!line) continue;
    const m = NOT_A_ROW.test(line.text) ? null : ROW.exec(line.text);
    const groups = m?.indices?.groups;
    if (!m || !groups) {
      if (header >= 0 && DATA_LIKE.test(line.text) && !NOT_DATA.test(line.text)) {
        n += 1;
        fields.push(unparsedLineField('lab.row.unparsed', line, n));
      }
      continue;
    }
    n += 1;
    for (const part of ROW_PARTS) {
      const span = groups[part];
      const name = `lab.row.${part}`;
      const candidate = span ? candidateFromSpan(line, span[0], span[1]) : null;
      fields.push(candidate ? fieldFrom(name, candidate, { index: n, normalized: canonicalTerm(part, candidate.raw) }) : missingField(name, n));
    }
  }
  return fields;
}

export const LabReportExtractor: DocumentExtractor = {
  kind: 'lab_report',
  extract(lines: readonly TextLine[]): Field[] {
    return [
      fieldFrom(
        'lab.patient',
        findLabeled(lines, { label: /\b(?:patient(?:\s*name)?|name)\b\s*:/i, stop: /\b(?:DOB|age|sex|MRN|ID|acct)\b/i }),
      ),
      fieldFrom(
        'lab.collectionDate',
        findLabeled(lines, {
          label: /\b(?:collect(?:ed|ion)(?:\s*(?:date|on))?|date\s*collected|specimen\s*date)\b\s*:?/i,
          value: DATE_VALUE,
        }),
      ),
      ...extractLabRows(lines),
    ];
  },
};
