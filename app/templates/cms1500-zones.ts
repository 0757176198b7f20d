import { gridCells } from './print-grid';
import type { ZoneInput, ZoneType } from './template';

/**
 * Where a billing program prints each value of the CMS-1500 (02/12), on the NUCC print grid
 * (line, first column, characters), box by box as the NUCC 1500 instruction manual numbers them.
 * A value may start a character or two off its cell; the zone reader allows for that and for a
 * whole page printed off its grid (a misfed form), so these are the form's cells, not guesses.
 */
interface ZoneRow {
  field: string;
  line: number;
  column: number;
  length: number;
  type: ZoneType;
  index?: number;
  required?: boolean;
  option?: string;
  digits?: number;
  phrases?: string[];
}

/** What billing programs print in a signature box when the signature is kept on file (NUCC). */
const SIGNATURE_PHRASES = ['SIGNATURE ON FILE', 'SOF'];

function zone(row: ZoneRow): ZoneInput {
  return {
    field: row.field,
    index: row.index ?? null,
    box: gridCells(row.line, row.column, row.length),
    type: row.type,
    required: row.required ?? false,
    ...(row.option === undefined ? {} : { option: row.option }),
    ...(row.digits === undefined ? {} : { length: row.digits }),
    ...(row.phrases === undefined ? {} : { phrases: row.phrases }),
  };
}

function checkboxes(field: string, line: number, options: ReadonlyArray<readonly [column: number, option: string]>): ZoneRow[] {
  return options.map(([column, option]) => ({ field, line, column, length: 1, type: 'checkbox', option }));
}

const HEADER: ZoneRow[] = [
  // Carrier block, top right: the payer's name and address.
  { field: 'claim.payerName', line: 2, column: 41, length: 31, type: 'text' },
  { field: 'claim.payerAddress', line: 3, column: 41, length: 31, type: 'text' },
  { field: 'claim.payerCityStateZip', line: 5, column: 41, length: 31, type: 'text' },
  // Box 1 and 1a.
  ...checkboxes('claim.insuranceType', 8, [[1, 'medicare'], [8, 'medicaid'], [15, 'tricare'], [24, 'champva'], [31, 'group'], [39, 'feca'], [45, 'other']]),
  { field: 'claim.insuredId', line: 8, column: 50, length: 29, type: 'code', required: true },
];

const PATIENT_AND_INSURED: ZoneRow[] = [
  { field: 'claim.patientName', line: 10, column: 1, length: 28, type: 'name', required: true },
  { field: 'claim.patientDob', line: 10, column: 31, length: 10, type: 'date', required: true },
  ...checkboxes('claim.patientSex', 10, [[42, 'M'], [47, 'F']]),
  { field: 'claim.insuredName', line: 10, column: 50, length: 29, type: 'name' },
  { field: 'claim.patientAddress', line: 12, column: 1, length: 28, type: 'text', required: true },
  ...checkboxes('claim.patientRelationship', 12, [[33, 'self'], [38, 'spouse'], [42, 'child'], [47, 'other']]),
  { field: 'claim.insuredAddress', line: 12, column: 50, length: 29, type: 'text' },
  { field: 'claim.patientCity', line: 14, column: 1, length: 24, type: 'text' },
  { field: 'claim.patientState', line: 14, column: 26, length: 3, type: 'code' },
  { field: 'claim.insuredCity', line: 14, column: 50, length: 23, type: 'text' },
  { field: 'claim.insuredState', line: 14, column: 74, length: 3, type: 'code' },
  { field: 'claim.patientZip', line: 16, column: 1, length: 12, type: 'digits' },
  { field: 'claim.patientPhone', line: 16, column: 14, length: 15, type: 'digits', digits: 10 },
  { field: 'claim.insuredZip', line: 16, column: 50, length: 13, type: 'digits' },
  { field: 'claim.insuredPhone', line: 16, column: 64, length: 15, type: 'digits', digits: 10 },
  { field: 'claim.otherInsuredName', line: 18, column: 1, length: 28, type: 'name' },
  { field: 'claim.groupNumber', line: 18, column: 50, length: 29, type: 'code' },
  { field: 'claim.otherInsuredPolicy', line: 20, column: 1, length: 28, type: 'code' },
  ...checkboxes('claim.conditionEmployment', 20, [[35, 'yes'], [41, 'no']]),
  { field: 'claim.insuredDob', line: 20, column: 53, length: 10, type: 'date' },
  ...checkboxes('claim.insuredSex', 20, [[68, 'M'], [75, 'F']]),
  ...checkboxes('claim.conditionAuto', 22, [[35, 'yes'], [41, 'no']]),
  { field: 'claim.autoAccidentState', line: 22, column: 45, length: 3, type: 'code' },
  { field: 'claim.otherClaimId', line: 22, column: 50, length: 29, type: 'code' },
  ...checkboxes('claim.conditionOther', 24, [[35, 'yes'], [41, 'no']]),
  { field: 'claim.insurancePlan', line: 24, column: 50, length: 29, type: 'text' },
  { field: 'claim.otherInsurancePlan', line: 26, column: 1, length: 28, type: 'text' },
  { field: 'claim.claimCodes', line: 26, column: 31, length: 17, type: 'code' },
  ...checkboxes('claim.anotherPlan', 26, [[52, 'yes'], [57, 'no']]),
  { field: 'claim.patientSignature', line: 29, column: 7, length: 24, type: 'text', phrases: SIGNATURE_PHRASES },
  { field: 'claim.insuredSignature', line: 29, column: 55, length: 24, type: 'text', phrases: SIGNATURE_PHRASES },
];

const PHYSICIAN_OR_SUPPLIER: ZoneRow[] = [
  { field: 'claim.illnessQualifier', line: 32, column: 15, length: 4, type: 'digits' },
  { field: 'claim.illnessDate', line: 32, column: 2, length: 11, type: 'date' },
  { field: 'claim.otherDateQualifier', line: 32, column: 30, length: 4, type: 'digits' },
  { field: 'claim.otherDate', line: 32, column: 36, length: 11, type: 'date' },
  { field: 'claim.unableToWorkFrom', line: 32, column: 53, length: 11, type: 'date' },
  { field: 'claim.unableToWorkTo', line: 32, column: 67, length: 11, type: 'date' },
  { field: 'claim.referringOtherIdQualifier', line: 33, column: 30, length: 2, type: 'code' },
  { field: 'claim.referringOtherId', line: 33, column: 33, length: 15, type: 'code' },
  { field: 'claim.referringQualifier', line: 34, column: 1, length: 2, type: 'code' },
  { field: 'claim.referringProvider', line: 34, column: 4, length: 25, type: 'name' },
  { field: 'claim.referringNpi', line: 34, column: 33, length: 15, type: 'digits', digits: 10 },
  { field: 'claim.hospitalizedFrom', line: 34, column: 53, length: 11, type: 'date' },
  { field: 'claim.hospitalizedTo', line: 34, column: 67, length: 11, type: 'date' },
  { field: 'claim.additionalInfo', line: 36, column: 1, length: 48, type: 'text' },
  ...checkboxes('claim.outsideLab', 36, [[52, 'yes'], [57, 'no']]),
  { field: 'claim.outsideLabCharges', line: 36, column: 62, length: 10, type: 'money' },
  { field: 'claim.icdIndicator', line: 37, column: 44, length: 3, type: 'digits' },
  // Box 21: A–D, E–H, I–L across three lines, 13 columns apart.
  ...Array.from({ length: 12 }, (_, slot): ZoneRow => ({
    field: 'claim.diagnosis',
    index: slot,
    line: 38 + Math.floor(slot / 4),
    column: 3 + 13 * (slot % 4),
    length: 9,
    type: 'code',
    required: slot === 0,
  })),
  { field: 'claim.resubmissionCode', line: 38, column: 50, length: 11, type: 'code' },
  { field: 'claim.originalReference', line: 38, column: 62, length: 17, type: 'code' },
  { field: 'claim.priorAuthorization', line: 40, column: 50, length: 29, type: 'code' },
];

/**
 * Box 24: six service lines, each a shaded supplemental line (an NDC with its N4 qualifier,
 * narrative) over the line proper. Indexes count from 1, as the form numbers its lines.
 */
function serviceLine(row: number): ZoneRow[] {
  const supplemental = 41 + 2 * row;
  const line = supplemental + 1;
  const first = row === 1;
  return [
    { field: 'claim.line.supplemental', index: row, line: supplemental, column: 1, length: 61, type: 'text' },
    // 24I and 24J's shaded upper half: a qualifier and the rendering provider's other ID.
    { field: 'claim.line.idQualifier', index: row, line: supplemental, column: 65, length: 2, type: 'code' },
    { field: 'claim.line.otherId', index: row, line: supplemental, column: 68, length: 11, type: 'code' },
    { field: 'claim.line.dateFrom', index: row, line, column: 1, length: 8, type: 'date', required: first },
    { field: 'claim.line.dateTo', index: row, line, column: 10, length: 8, type: 'date' },
    { field: 'claim.line.pos', index: row, line, column: 19, length: 2, type: 'digits', required: first },
    { field: 'claim.line.emg', index: row, line, column: 22, length: 2, type: 'code' },
    { field: 'claim.line.procedure', index: row, line, column: 25, length: 6, type: 'code', required: first },
    { field: 'claim.line.modifiers', index: row, line, column: 32, length: 12, type: 'code' },
    { field: 'claim.line.pointer', index: row, line, column: 45, length: 4, type: 'code', required: first },
    { field: 'claim.line.charges', index: row, line, column: 50, length: 8, type: 'money', required: first },
    { field: 'claim.line.units', index: row, line, column: 59, length: 3, type: 'digits', required: first },
    { field: 'claim.line.epsdt', index: row, line, column: 63, length: 2, type: 'code' },
    { field: 'claim.line.npi', index: row, line, column: 68, length: 11, type: 'digits', digits: 10 },
  ];
}

const SIGNATURE_AND_PROVIDER: ZoneRow[] = [
  { field: 'claim.taxId', line: 56, column: 1, length: 15, type: 'digits', required: true },
  ...checkboxes('claim.taxIdType', 56, [[17, 'SSN'], [19, 'EIN']]),
  { field: 'claim.accountNumber', line: 56, column: 23, length: 14, type: 'code' },
  ...checkboxes('claim.acceptAssignment', 56, [[38, 'yes'], [43, 'no']]),
  { field: 'claim.totalCharge', line: 56, column: 51, length: 9, type: 'money', required: true },
  { field: 'claim.amountPaid', line: 56, column: 61, length: 9, type: 'money' },
  { field: 'claim.billingPhone', line: 57, column: 64, length: 15, type: 'digits', digits: 10 },
  { field: 'claim.facilityName', line: 58, column: 23, length: 26, type: 'text' },
  { field: 'claim.billingProvider', line: 58, column: 50, length: 29, type: 'text', required: true },
  { field: 'claim.facilityAddress', line: 59, column: 23, length: 26, type: 'text' },
  { field: 'claim.billingAddress', line: 59, column: 50, length: 29, type: 'text' },
  { field: 'claim.physicianSignature', line: 60, column: 1, length: 21, type: 'text', phrases: SIGNATURE_PHRASES },
  { field: 'claim.facilityCityStateZip', line: 60, column: 23, length: 26, type: 'text' },
  { field: 'claim.billingCityStateZip', line: 60, column: 50, length: 29, type: 'text' },
  { field: 'claim.signatureDate', line: 61, column: 5, length: 12, type: 'date' },
  { field: 'claim.facilityNpi', line: 61, column: 23, length: 11, type: 'digits', digits: 10 },
  { field: 'claim.facilityOtherIdQualifier', line: 61, column: 36, length: 2, type: 'code' },
  { field: 'claim.facilityOtherId', line: 61, column: 38, length: 11, type: 'code' },
  { field: 'claim.billingNpi', line: 61, column: 50, length: 11, type: 'digits', digits: 10, required: true },
  { field: 'claim.billingOtherIdQualifier', line: 61, column: 63, length: 2, type: 'code' },
  { field: 'claim.billingOtherId', line: 61, column: 65, length: 14, type: 'code' },
];

export const CMS1500_ZONES: ZoneInput[] = [
  ...HEADER,
  ...PATIENT_AND_INSURED,
  ...PHYSICIAN_OR_SUPPLIER,
  ...[1, 2, 3, 4, 5, 6].flatMap(serviceLine),
  ...SIGNATURE_AND_PROVIDER,
].map(zone);
