import type { DocumentKind } from '../model/field';
import { CMS1500_TEMPLATE } from './cms1500';

/**
 * The field names Folio's own extraction, validation and export use, per kind: a zone named
 * with one of them is checked as that field is (an NPI's check digit, a date not in the
 * future) and exported where that field goes. A designer may pick one or type a new name.
 */
const PATIENT = ['patient.name', 'patient.dob', 'patient.address', 'patient.phone'];

const BY_KIND: Partial<Record<DocumentKind, readonly string[]>> = {
  prescription: [
    ...PATIENT,
    'prescriber.name',
    'prescriber.npi',
    'prescriber.dea',
    'prescriber.address',
    'prescriber.phone',
    'dateWritten',
    'drug.name',
    'drug.strength',
    'drug.form',
    'drug.route',
    'drug.ndc',
    'sig.raw',
    'quantity',
    'refills',
    'daysSupply',
    'daw',
  ],
  lab_report: ['lab.patient', 'lab.collectionDate', 'lab.row.name', 'lab.row.value', 'lab.row.unit', 'lab.row.range', 'lab.row.flag'],
  insurance_card: ['card.payer', 'card.plan', 'card.memberId', 'card.group', 'card.rxBin', 'card.rxPcn', 'card.rxGroup'],
  clinical_note: [...PATIENT, 'note.icd10', 'note.medication'],
  other: PATIENT,
};

export function knownFieldNames(kind: DocumentKind): string[] {
  if (kind === 'cms1500') return [...new Set(CMS1500_TEMPLATE.zones.map((zone) => zone.field))];
  return [...(BY_KIND[kind] ?? PATIENT)];
}
