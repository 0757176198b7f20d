import type { Field } from '../model/field';
import type { Candidate } from './field-builder';
import { candidateFromWords, fieldFrom } from './field-builder';
import type { TextLine } from './layout';
import { COLUMN_GAP_HEIGHTS, findLabeled, findLineIndex } from './labels';
import { leadingColumn, typicalHeight } from './layout';
import { DATE_VALUE, DEA_VALUE, NPI_VALUE, PHONE_VALUE, STREET_LINE, ZIP_LINE } from './patterns';

/**
 * Who is on a prescription: the prescriber (usually the letterhead at the top) and the patient
 * (a labelled block). Address and phone labels repeat in both, so the page is split into a
 * prescriber section (above the patient block) and a patient section (from it to the drug).
 */
export interface PrescriptionSections {
  prescriber: { from: number; to: number };
  patient: { from: number; to: number };
}

const PATIENT_LABEL = /\b(patient(?:'s)?(?:\s+name)?|pt\.?\s*name)\b\s*:?/i;
const RX_LINE = /^\s*(?:rx|℞|r\/x)\b|\b(?:medication|drug|prescribed)\s*:/i;
const PRESCRIBER_LABEL = /\b(?:prescriber|physician|doctor|provider|prescribed by)(?:\s*name)?\s*:/i;
// A middle initial may come back as "|." from OCR; the degree after the name is what decides.
const TITLE_OR_DEGREE = /^\s*(?:dr\.?\s+[A-Z]|[A-Z][\w.'-]+(?:\s+[A-Z|][\w.'-]*){1,3},?\s+(?:M\.?D|D\.?O|N\.?P|P\.?A(?:-C)?|D\.?D\.?S|APRN|FNP)\b)/;
const PATIENT_STOP = /\b(?:DOB|D\.O\.B|date of birth|birth\s?date|age|sex|gender|phone|tel)\b/i;

export function prescriptionSections(lines: readonly TextLine[]): PrescriptionSections {
  const patient = findLineIndex(lines, PATIENT_LABEL);
  const rx = findLineIndex(lines, RX_LINE, Math.max(patient, 0));
  const patientFrom = patient >= 0 ? patient : 0;
  const patientTo = rx > patientFrom ? rx : lines.length;
  return {
    prescriber: { from: 0, to: patient > 0 ? patient : lines.length },
    patient: { from: patientFrom, to: patientTo },
  };
}

const UNLABELLED_PHONE = /\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\(\d{3}\)\d{3}[\s.-]?\d{4}\b/;

function phone(lines: readonly TextLine[], from: number, to: number): Candidate | null {
  const labelled = findLabeled(lines, { label: /\b(?:phone|tel(?:ephone)?|ph)\b\.?\s*(?:#|no\.?)?/i, value: PHONE_VALUE, from, to });
  if (labelled) return labelled;
  for (let i = from; i < to; i += 1) {
    const line = lines[i];
    // Without a label, only a number written like a phone number counts: a bare run of ten
    // digits is far more often an NPI or an ID than a phone.
    const m = line ? UNLABELLED_PHONE.exec(line.text) : null;
    // Unlabelled numbers next to "Fax", "NPI" or an ID label are not the phone.
    if (line && m && !/\b(?:fax|npi|dea|id|no|#)\b\W*$/i.test(line.text.slice(Math.max(0, m.index - 10), m.index))) {
      return findLabeled([line], { label: /^/, value: PHONE_VALUE, below: false });
    }
  }
  return null;
}

/** Street line plus the city/state/ZIP line under it when they are separate lines. */
function address(lines: readonly TextLine[], from: number, to: number): Candidate | null {
  const labelled = findLabeled(lines, { label: /\baddress\b\s*:?/i, stop: /\b(?:phone|tel|DOB|city)\b/i, from, to });
  if (labelled && (ZIP_LINE.test(labelled.raw) || STREET_LINE.test(labelled.raw))) {
    // A labelled street line without ZIP continues on the next line.
    if (!ZIP_LINE.test(labelled.raw)) {
      const firstId = labelled.words[0]?.id;
      const idx = lines.findIndex((l) => l.words.some((w) => w.id === firstId));
      const next = lines[idx + 1];
      if (next && ZIP_LINE.test(next.text) && !/:/.test(next.text)) return candidateFromWords([...labelled.words, ...next.words]);
    }
    return labelled;
  }
  const unit = typicalHeight(lines);
  const column = (l: TextLine | undefined): TextLine | undefined => (l ? leadingColumn(l, unit, COLUMN_GAP_HEIGHTS) : undefined);
  for (let i = from; i < to; i += 1) {
    const line = column(lines[i]);
    if (!line || !STREET_LINE.test(line.text)) continue;
    if (ZIP_LINE.test(line.text)) return candidateFromWords(line.words);
    const next = column(lines[i + 1]);
    if (next && i + 1 < to && ZIP_LINE.test(next.text)) return candidateFromWords([...line.words, ...next.words]);
    return candidateFromWords(line.words);
  }
  return labelled;
}

function prescriberName(lines: readonly TextLine[], from: number, to: number): Candidate | null {
  const labelled = findLabeled(lines, { label: PRESCRIBER_LABEL, stop: /\b(?:NPI|DEA|phone|tel)\b/i });
  if (labelled) return labelled;
  for (let i = from; i < to; i += 1) {
    const line = lines[i];
    if (line && TITLE_OR_DEGREE.test(line.text)) {
      return findLabeled([line], { label: /^/, stop: /\b(?:NPI|DEA|phone|tel)\b/i, below: false });
    }
  }
  return null;
}

export function extractParties(lines: readonly TextLine[], sections: PrescriptionSections): Field[] {
  const { prescriber: pr, patient: pt } = sections;
  return [
    fieldFrom('prescriber.name', prescriberName(lines, pr.from, pr.to)),
    fieldFrom('prescriber.npi', findLabeled(lines, { label: /\bNPI\b\s*(?:#|no\.?|number)?/i, value: NPI_VALUE })),
    fieldFrom('prescriber.dea', findLabeled(lines, { label: /\bDEA\b\s*(?:#|no\.?|number|reg\.?)?/i, value: DEA_VALUE })),
    fieldFrom('prescriber.address', address(lines, pr.from, pr.to)),
    fieldFrom('prescriber.phone', phone(lines, pr.from, pr.to)),
    fieldFrom('patient.name', findLabeled(lines, { label: PATIENT_LABEL, stop: PATIENT_STOP, from: pt.from, to: pt.to })),
    fieldFrom(
      'patient.dob',
      findLabeled(lines, { label: /\b(?:DOB|D\.O\.B\.?|date of birth|birth\s?date)\b\s*:?/i, value: DATE_VALUE }),
    ),
    fieldFrom('patient.address', pt.from > 0 ? address(lines, pt.from, pt.to) : null),
    fieldFrom('patient.phone', pt.from > 0 ? phone(lines, pt.from, pt.to) : null),
  ];
}
