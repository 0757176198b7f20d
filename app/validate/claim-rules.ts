import type { Field, Finding } from '../model/field';
import { errorFinding, warningFinding } from './finding';
import { parseMoneyCents, validateClaimTotal } from './consistency';

/**
 * Rules across the boxes of one CMS-1500. Each finding goes on the box the person should look
 * at first (the later date, the total, the question answered "yes"), never on every box.
 */

function get(fields: readonly Field[], name: string, index: number | null = null): Field | undefined {
  return fields.find((f) => f.name === name && f.index === index && f.raw !== null);
}

function addFinding(fields: Field[], target: Field | undefined, ...findings: Finding[]): void {
  if (!target || findings.length === 0) return;
  const i = fields.indexOf(target);
  if (i >= 0) fields[i] = { ...target, findings: [...target.findings, ...findings] };
}

/** ISO dates compare as strings; a box without a valid date takes no part. */
function iso(field: Field | undefined): string | null {
  return field?.normalized && /^\d{4}-\d{2}-\d{2}$/.test(field.normalized) ? field.normalized : null;
}

function dateOrder(fields: Field[], fromName: string, toName: string, index: number | null, message: string): void {
  const from = iso(get(fields, fromName, index));
  const to = get(fields, toName, index);
  const toDate = iso(to);
  if (from && toDate && toDate < from) addFinding(fields, to, errorFinding('claim.date_order', message));
}

function lineIndexes(fields: readonly Field[]): number[] {
  return [...new Set(fields.filter((f) => f.name.startsWith('claim.line.') && f.index !== null).map((f) => f.index as number))];
}

function totals(fields: Field[]): void {
  const charges = fields.filter((f) => f.name === 'claim.line.charges').map((f) => (f.raw ? parseMoneyCents(f.raw) : null));
  const total = get(fields, 'claim.totalCharge');
  if (charges.length > 0 && total?.raw) addFinding(fields, total, ...validateClaimTotal(parseMoneyCents(total.raw), charges));
  const paid = get(fields, 'claim.amountPaid');
  const paidCents = paid?.raw ? parseMoneyCents(paid.raw) : null;
  const totalCents = total?.raw ? parseMoneyCents(total.raw) : null;
  if (paidCents !== null && totalCents !== null && paidCents > totalCents) {
    addFinding(fields, paid, warningFinding('claim.paid_over_total', 'The amount paid (box 29) is more than the total charge (box 28).'));
  }
}

function pointers(fields: Field[]): void {
  const diagnoses = new Set(fields.filter((f) => f.name === 'claim.diagnosis' && f.raw !== null).map((f) => f.index));
  for (const f of fields.filter((x) => x.name === 'claim.line.pointer' && x.raw)) {
    const letters = [...(f.raw ?? '').replace(/\s/g, '')];
    if (letters.some((letter) => !diagnoses.has(letter.toUpperCase().charCodeAt(0) - 65))) {
      addFinding(fields, f, errorFinding('claim.pointer_unknown', 'The diagnosis pointer refers to a diagnosis that is not in box 21.'));
    }
  }
}

function dates(fields: Field[]): void {
  const birth = iso(get(fields, 'claim.patientDob'));
  for (const index of lineIndexes(fields)) {
    dateOrder(fields, 'claim.line.dateFrom', 'claim.line.dateTo', index, 'This service line ends before it starts.');
    const from = get(fields, 'claim.line.dateFrom', index);
    const fromDate = iso(from);
    if (birth && fromDate && fromDate < birth) addFinding(fields, from, errorFinding('claim.service_before_birth', 'This service date is before the patient’s birth date.'));
  }
  dateOrder(fields, 'claim.unableToWorkFrom', 'claim.unableToWorkTo', null, 'The dates unable to work (box 16) end before they start.');
  dateOrder(fields, 'claim.hospitalizedFrom', 'claim.hospitalizedTo', null, 'The hospitalization dates (box 18) end before they start.');
}

/** A "yes" that promises boxes elsewhere on the form. */
function answers(fields: Field[]): void {
  const another = get(fields, 'claim.anotherPlan');
  if (another?.normalized === 'yes' && !get(fields, 'claim.otherInsuredName') && !get(fields, 'claim.otherInsuredPolicy')) {
    addFinding(fields, another, warningFinding('claim.other_plan_missing', 'Box 11d says there is another health plan, but boxes 9 and 9a are empty.'));
  }
  const auto = get(fields, 'claim.conditionAuto');
  if (auto?.normalized === 'yes' && !get(fields, 'claim.autoAccidentState')) {
    addFinding(fields, auto, warningFinding('claim.accident_state_missing', 'Box 10b says auto accident, but the state (PLACE) is empty.'));
  }
}

export function claimRules(fields: Field[]): void {
  totals(fields);
  pointers(fields);
  dates(fields);
  answers(fields);
}
