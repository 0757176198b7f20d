import type { DocumentKind, Field } from '../model/field';

/**
 * What a document of each kind must print for it to be usable. A field not listed here is
 * optional: a plain prescription has no PRN, duration, indication, days' supply, DAW box or
 * phone numbers, and a page that leaves them out is not wrong. Such a field, when the page does
 * not print it, is `blank` (shown, editable, not flagged); only a required field absent is
 * `missing`, which the reviewer is sent to and approval asks about.
 *
 * Repeated fields (service lines, lab rows) are listed by name: a row that exists must carry
 * its required parts. A form read box by box has its own list (`required` on the template's
 * zones, app/templates), so this one applies to extraction by label.
 */
export const REQUIRED_FIELDS: Readonly<Record<DocumentKind, readonly string[]>> = {
  prescription: [
    'patient.name',
    'patient.dob',
    'prescriber.name',
    'prescriber.npi',
    'dateWritten',
    'drug.name',
    'drug.strength',
    'sig.raw',
    'sig.dose',
    'sig.frequency',
    'quantity',
    'refills',
  ],
  cms1500: [
    'claim.insuredId',
    'claim.patientName',
    'claim.patientDob',
    'claim.patientAddress',
    'claim.diagnosis',
    'claim.line.dateFrom',
    'claim.line.pos',
    'claim.line.procedure',
    'claim.line.pointer',
    'claim.line.charges',
    'claim.line.units',
    'claim.taxId',
    'claim.totalCharge',
    'claim.billingProvider',
    'claim.billingNpi',
  ],
  lab_report: ['lab.patient', 'lab.collectionDate', 'lab.row.name', 'lab.row.value'],
  insurance_card: ['card.memberId', 'card.payer'],
  clinical_note: [],
  other: [],
};

export function isRequiredField(kind: DocumentKind, name: string): boolean {
  return REQUIRED_FIELDS[kind].includes(name);
}

/**
 * Marks the optional fields the page does not print as `blank`, so they are not counted among
 * the fields to check. A validator may still flag one (a controlled drug without a DEA number):
 * scoring turns an objection on a blank field into `check` or `invalid` as for any other.
 */
export function markOptionalBlanks(kind: DocumentKind, fields: readonly Field[]): Field[] {
  return fields.map((field) =>
    field.status === 'missing' && field.raw === null && !isRequiredField(kind, field.name) ? { ...field, status: 'blank' } : field,
  );
}
