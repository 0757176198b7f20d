import type { Field } from '../model/field';
import { BUILT_IN_TEMPLATES } from '../templates/cms1500';
import { anchorKey } from '../templates/register';
import { warningFinding } from '../validate/finding';

/**
 * A value made only of words forms print as labels ("Program", "Date", "Signature") is far more
 * likely a label read as a value than a value: clean OCR of the wrong text looks confident.
 * Such a value is never `confident`, however clearly it was read.
 */
const COMMON_LABEL_WORDS = [
  'name', 'patient', 'patients', 'date', 'dob', 'birth', 'address', 'street', 'city', 'state', 'zip', 'code', 'phone', 'tel',
  'telephone', 'fax', 'npi', 'dea', 'sig', 'qty', 'quantity', 'refills', 'refill', 'prescriber', 'physician', 'doctor', 'provider',
  'signature', 'signed', 'member', 'id', 'number', 'no', 'group', 'plan', 'insured', 'insurance', 'account', 'total', 'charge',
  'charges', 'amount', 'paid', 'due', 'balance', 'sex', 'male', 'female', 'drug', 'medication', 'strength', 'form', 'dispense',
  'substitution', 'permitted', 'result', 'results', 'reference', 'range', 'units', 'flag', 'specimen', 'collected', 'test',
  'diagnosis', 'program', 'item', 'other', 'none', 'n/a', 'na', 'yes', 'see', 'attached', 'page', 'of',
];

function vocabulary(): Set<string> {
  const words = new Set(COMMON_LABEL_WORDS.map(anchorKey));
  for (const template of BUILT_IN_TEMPLATES) {
    for (const printed of template.printed) for (const token of printed.text.split(/\s+/)) words.add(anchorKey(token));
  }
  words.delete('');
  return words;
}

const LABEL_WORDS = vocabulary();

/** True when every word of the text is a label word and there is at least one (digits alone are not). */
export function isLabelText(text: string): boolean {
  const keys = text.split(/\s+/).map(anchorKey).filter((k) => k.length > 0);
  return keys.length > 0 && keys.every((k) => /[A-Z]{2,}/.test(k) && LABEL_WORDS.has(k));
}

/** Marks label-like values for checking; fields the person typed are theirs and left alone. */
export function flagLabelWordValues(fields: readonly Field[]): Field[] {
  return fields.map((field) =>
    field.raw !== null && isLabelText(field.raw)
      ? { ...field, findings: [...field.findings, warningFinding('value.label_words', 'This reads like a printed label rather than a filled-in value; check it.')] }
      : field,
  );
}
