import type { DocumentKind, Field, Finding } from '../model/field';
import type { Formulary } from '../formulary/formulary';
import { assertNever, errorFinding } from './finding';
import { validateQuantityAgainstSig } from './consistency';
import { claimRules } from './claim-rules';
import { FREQUENCY_TERMS } from '../extract/sig-vocabulary';
import { labFlagRules } from './lab-rows';

/**
 * Rules that need several fields at once. Each attaches its findings to the field the person
 * should look at first (the total, the quantity, the pointer), never to all of them.
 */
interface CrossFieldContext {
  formulary: Formulary;
}

function attach(fields: Field[], predicate: (f: Field) => boolean, findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  const i = fields.findIndex(predicate);
  const target = fields[i];
  if (target) fields[i] = { ...target, findings: [...target.findings, ...findings] };
}

function get(fields: readonly Field[], name: string): Field | undefined {
  return fields.find((f) => f.name === name);
}

function num(text: string | null | undefined): number | null {
  if (!text) return null;
  const upper = text.split('-').pop() ?? text;
  const n = Number(upper);
  return Number.isFinite(n) ? n : null;
}

function prescriptionRules(fields: Field[], ctx: CrossFieldContext): void {
  const quantity = get(fields, 'quantity');
  const sigFrequency = get(fields, 'sig.frequency')?.normalized ?? null;
  const perDay = sigFrequency ? perDayOf(sigFrequency) : null;
  const days = num(get(fields, 'daysSupply')?.normalized) ?? num(get(fields, 'sig.duration')?.normalized);
  attach(fields, (f) => f.name === 'quantity', validateQuantityAgainstSig({
    quantity: num(quantity?.normalized),
    // For a range ("1-2 tablets") the upper bound is what the quantity must cover.
    dose: num(get(fields, 'sig.dose')?.normalized),
    perDay,
    daysSupply: days,
    prn: get(fields, 'sig.prn')?.normalized === 'true',
  }));
  const drug = get(fields, 'drug.name')?.normalized;
  const schedule = drug ? ctx.formulary.lookup(drug)?.schedule : null;
  if (schedule && get(fields, 'prescriber.dea')?.raw == null) {
    attach(fields, (f) => f.name === 'prescriber.dea', [
      errorFinding('dea.required', 'A controlled-substance prescription needs the prescriber\'s DEA number.'),
    ]);
  }
}

/** Administrations per day for an HL7 timing code (BID, Q6H …), from the sig vocabulary. */
export function perDayOf(code: string): number | null {
  const interval = /^Q(\d+)H$/.exec(code);
  if (interval) return 24 / Number(interval[1]);
  return FREQUENCY_TERMS.find((t) => t.code === code)?.perDay ?? null;
}

export function validateCrossFieldRules(kind: DocumentKind, input: readonly Field[], ctx: CrossFieldContext): Field[] {
  const fields = [...input];
  switch (kind) {
    case 'prescription':
      prescriptionRules(fields, ctx);
      break;
    case 'cms1500':
      claimRules(fields);
      break;
    case 'lab_report':
      labFlagRules(fields);
      break;
    case 'insurance_card':
    case 'clinical_note':
    case 'other':
      break;
    default:
      assertNever(kind);
  }
  return fields;
}
