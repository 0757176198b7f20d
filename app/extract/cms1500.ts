import type { Field } from '../model/field';
import type { Candidate } from './field-builder';
import { candidateFromSpan, fieldFrom } from './field-builder';
import type { TextLine } from './layout';
import { findLabeled, findLineIndex } from './labels';
import { DATE_VALUE, MONEY_VALUE, NPI_VALUE } from './patterns';
import type { DocumentExtractor } from './types';
import { extractServiceLines } from './cms1500-service-lines';

/**
 * CMS-1500 (02/12) claim form, by box number. Box labels are printed on the form, values sit
 * beside or under them; the box number in the label is what anchors each field.
 */
/**
 * OCR reads the "1" of "1a" and the "I" of "I.D." as l, I, t or | (sometimes two of them), the
 * "D" as 0, and the dot after a box number as a comma; the words after them anchor the box.
 */
const BOX = {
  insuredId: /(?:\b|^|\s)[1lIt|]a[.,]?\s*insured[’‘'`]?s\s*[[(]?[il1|]{1,2}[.,l]?\s*[d0o][.,]?(?:\s*number)?/i,
  patientName: /\b2[.,]?\s*patient'?s\s*name\b(?:\s*\([^)]*\))?/i,
  birthDate: /\b3[.,]?\s*patient'?s\s*birth\s*date\b/i,
  address: /\b5[.,]?\s*patient'?s\s*address\b(?:\s*\([^)]*\))?/i,
  group: /\b11[.,]?\s*insured'?s\s*policy\s*group(?:\s*or\s*feca\s*(?:number|no\.?))?/i,
  diagnosis: /\b21[.,]?\s*diagnosis\b/i,
  taxId: /\b25[.,]?\s*federal\s*tax\s*[il1|]{1,2}[.,l]?\s*d\.?(?:\s*number)?/i,
  total: /\b28[.,]?\s*total\s*charge\b/i,
  billing: /\b33[.,]?\s*billing\s*provider(?:\s*info)?(?:\s*&\s*ph\s*#?)?/i,
  billingNpi: /\b33\s*a\b[.,]?\s*(?:NPI)?\s*:?|\ba\.\s*NPI\b\s*:?/i,
};
const NEXT_BOX = /\b(?:\d{1,2}[a-d]?\.\s+[A-Z]|sex\b)/;
const DX_ENTRY = /\b([A-L])\s*[.)|]\s*([A-Z0-9][0-9OIlSBZ][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)(?![\w.])/g;

function sexOf(lines: readonly TextLine[], dob: Candidate | null): Candidate | null {
  const word = dob?.words[dob.words.length - 1];
  const line = lines.find((l) => l.words.some((w) => w.id === word?.id));
  if (!line || !word) return null;
  const after = line.starts[line.words.indexOf(word)] ?? 0;
  const rest = line.text.slice(after + word.text.length);
  // "[X] M [ ] F" marks the checked box; a bare "M" or "F" is the value itself.
  const checked = /(?:\[\s*[xX]\s*\]|☒|■)\s*(M|F)\b/.exec(rest) ?? /\b(M|F|Male|Female)\b(?!\s*\[)/.exec(rest);
  if (!checked?.[1]) return null;
  const s = after + word.text.length + checked.index + checked[0].lastIndexOf(checked[1]);
  return candidateFromSpan(line, s, s + checked[1].length);
}

function diagnosisFields(lines: readonly TextLine[]): Field[] {
  const start = findLineIndex(lines, BOX.diagnosis);
  if (start < 0) return [];
  const fields: Field[] = [];
  for (let j = start; j < lines.length && j <= start + 4; j += 1) {
    const line = lines[j];
    if (!line || (j > start && /\b2[2-4]\.?\s/.test(line.text))) break;
    for (const m of line.text.matchAll(DX_ENTRY)) {
      const letter = m[1] ?? 'A';
      const code = m[2] ?? '';
      const s = (m.index ?? 0) + m[0].lastIndexOf(code);
      fields.push(fieldFrom('claim.diagnosis', candidateFromSpan(line, s, s + code.length), { index: letter.charCodeAt(0) - 65 }));
    }
  }
  return fields;
}

function billingNpi(lines: readonly TextLine[]): Candidate | null {
  const labelled = findLabeled(lines, { label: BOX.billingNpi, value: NPI_VALUE });
  if (labelled) return labelled;
  const from = findLineIndex(lines, BOX.billing);
  return from < 0 ? null : findLabeled(lines, { label: /\bNPI\b\s*:?/i, value: NPI_VALUE, from });
}

export const Cms1500Extractor: DocumentExtractor = {
  kind: 'cms1500',
  extract(lines: readonly TextLine[]): Field[] {
    const dob = findLabeled(lines, { label: BOX.birthDate, value: DATE_VALUE });
    return [
      fieldFrom('claim.insuredId', findLabeled(lines, { label: BOX.insuredId, value: /[A-Z0-9][A-Z0-9-]{3,19}/i, stop: NEXT_BOX })),
      fieldFrom('claim.patientName', findLabeled(lines, { label: BOX.patientName, stop: NEXT_BOX })),
      fieldFrom('claim.patientDob', dob),
      fieldFrom('claim.patientSex', sexOf(lines, dob)),
      fieldFrom('claim.patientAddress', findLabeled(lines, { label: BOX.address, stop: NEXT_BOX })),
      fieldFrom('claim.groupNumber', findLabeled(lines, { label: BOX.group, value: /[A-Z0-9][A-Z0-9-]{1,19}/i, stop: NEXT_BOX })),
      ...diagnosisFields(lines),
      ...extractServiceLines(lines),
      fieldFrom('claim.taxId', findLabeled(lines, { label: BOX.taxId, value: /\b\d{2}-?\d{7}\b|\b\d{3}-?\d{2}-?\d{4}\b/ })),
      fieldFrom('claim.totalCharge', findLabeled(lines, { label: BOX.total, value: MONEY_VALUE })),
      fieldFrom('claim.billingProvider', findLabeled(lines, { label: BOX.billing, stop: NEXT_BOX })),
      fieldFrom('claim.billingNpi', billingNpi(lines)),
    ];
  },
};
