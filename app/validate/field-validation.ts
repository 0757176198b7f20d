import type { DocumentKind, Field, Finding } from '../model/field';
import type { CodeSets } from '../codesets/types';
import type { Formulary } from '../formulary/formulary';
import { lastNameOf } from '../extract/patterns';
import { validateNpi } from './npi';
import { validateDea } from './dea';
import { formatIcd10, shapeCorrectedIcd10, validateIcd10 } from './icd10';
import { icd10Key } from '../codesets/types';
import { validateModifier, validateProcedureCode } from './procedure-codes';
import { validateDate } from './dates';
import { validateQuantity, validateRefills } from './quantity';
import { formatCents, parseMoneyCents } from './consistency';
import { errorFinding, warningFinding } from './finding';
import { validateCrossFieldRules } from './cross-field';
import { validateClaimBox } from './claim-boxes';

/**
 * Runs the right validator on each extracted field, by field name, and fills in the normalised
 * value and code description. Cross-field rules (totals, supply, pointers) run afterwards.
 */
export interface ValidationContext {
  /** ISO date; injected so "not in the future" is testable and reproducible. */
  today: string;
  codeSets: CodeSets;
  formulary: Formulary;
}

interface Outcome {
  normalized?: string | null;
  description?: string | null;
  findings: Finding[];
}

function byName(fields: readonly Field[], name: string): Field | undefined {
  return fields.find((f) => f.name === name && f.raw !== null);
}

/**
 * A code that is not in the set but becomes one when its first two characters are read the way
 * the ICD-10 shape demands (letter, digit) is taken in that reading, with a warning so the
 * person still confirms it; anything else keeps the validator's error and ranked suggestions.
 */
function icd10Outcome(raw: string, ctx: ValidationContext): Outcome {
  const v = validateIcd10(raw, ctx.codeSets.icd10);
  const corrected = v.entry ? null : shapeCorrectedIcd10(icd10Key(raw));
  const retry = corrected ? validateIcd10(corrected, ctx.codeSets.icd10) : null;
  if (retry?.entry) {
    return {
      normalized: formatIcd10(retry.entry.code),
      description: retry.entry.description,
      findings: [
        warningFinding('icd10.ocr_corrected', "A letter and a digit of this code look alike and were read by the code's shape; confirm it."),
        ...retry.findings,
      ],
    };
  }
  return { normalized: v.normalized ? formatIcd10(v.normalized) : null, description: v.entry?.description ?? null, findings: v.findings };
}

/** Digits OCR reads for the letters they resemble. */
const LETTER_FOR_DIGIT: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B' };

/**
 * Member IDs are commonly a letter prefix and digits ("IHS276452074"). One look-alike digit
 * before two or more letters and then only digits is the prefix's first letter misread; it is
 * read as that letter, with a warning so the person confirms it. Medicare MBIs, which do start
 * with a digit, mix letters further on and never have this shape.
 */
function memberIdOutcome(raw: string): Outcome | null {
  const m = /^([01258])([A-Z]{2,})(\d{6,})$/.exec(raw.trim());
  const letter = m ? LETTER_FOR_DIGIT[m[1] ?? ''] : undefined;
  if (!m || !letter) return null;
  return {
    normalized: `${letter}${m[2] ?? ''}${m[3] ?? ''}`,
    findings: [warningFinding('id.ocr_prefix_letter', 'The first character looked like a digit but sits in the letter prefix; it was read as a letter. Confirm it.')],
  };
}

function validateOne(field: Field, all: readonly Field[], ctx: ValidationContext): Outcome | null {
  const raw = field.raw;
  if (raw === null) return null;
  switch (field.name) {
    case 'prescriber.npi':
    case 'claim.line.npi':
    case 'claim.billingNpi':
      return validateNpi(raw);
    case 'prescriber.dea':
      return validateDea(raw, { prescriberLastName: lastNameOf(byName(all, 'prescriber.name')?.raw ?? '') });
    case 'patient.dob':
    case 'claim.patientDob':
      return validateDate(raw, 'birth', ctx.today);
    case 'dateWritten':
      return validateDate(raw, 'written', ctx.today);
    case 'claim.line.dateFrom':
    case 'claim.line.dateTo': {
      // Form date cells hold digits only, so O, l, I and | in them are misread digits.
      const digits = raw.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
      const v = validateDate(digits, 'service', ctx.today);
      return digits === raw
        ? v
        : { ...v, findings: [warningFinding('date.ocr_digits', 'Some digits of this date were read as letters; confirm it.'), ...v.findings] };
    }
    case 'lab.collectionDate':
      return validateDate(raw, 'collection', ctx.today);
    case 'quantity':
      return validateQuantity(raw);
    case 'refills': {
      const drug = byName(all, 'drug.name')?.normalized;
      return validateRefills(raw, drug ? (ctx.formulary.lookup(drug)?.schedule ?? null) : null);
    }
    case 'drug.name':
      return field.normalized && ctx.formulary.lookup(field.normalized)
        ? { findings: [] }
        : { normalized: null, findings: [warningFinding('drug.unknown', 'This drug name is not in the formulary; check the spelling.')] };
    case 'claim.diagnosis':
    case 'note.icd10':
      return icd10Outcome(raw, ctx);
    case 'claim.line.procedure': {
      const date = all.find((f) => f.name === 'claim.line.dateFrom' && f.index === field.index)?.normalized ?? null;
      const v = validateProcedureCode(raw, ctx.codeSets.hcpcs, date);
      return { normalized: v.normalized, description: v.entry?.description ?? null, findings: v.findings };
    }
    case 'claim.line.modifiers':
      return { normalized: raw.toUpperCase(), findings: raw.split(/\s+/).flatMap((m) => validateModifier(m, ctx.codeSets.hcpcs)) };
    case 'claim.line.pos':
      return /^\d{2}$/.test(raw) && raw !== '00'
        ? { findings: [] }
        : { findings: [errorFinding('claim.pos_format', 'A place of service code is two digits from 01 to 99.')] };
    case 'claim.line.charges':
    case 'claim.totalCharge': {
      const cents = parseMoneyCents(raw);
      return cents === null
        ? { normalized: null, findings: [errorFinding('money.unreadable', 'The amount could not be read as money.')] }
        : { normalized: formatCents(cents), findings: [] };
    }
    case 'claim.taxId': {
      const digits = raw.replace(/\D/g, '');
      return digits.length === 9
        ? { normalized: digits, findings: [] }
        : { normalized: null, findings: [errorFinding('claim.tax_id_format', 'A tax ID (EIN or SSN) has nine digits.')] };
    }
    case 'card.rxBin':
      return /^\d{6}$/.test(raw)
        ? { findings: [] }
        : { findings: [errorFinding('card.bin_format', 'An Rx BIN has six digits.')] };
    case 'claim.insuredId':
      return memberIdOutcome(raw);
    case 'lab.row.unparsed':
      return { findings: [warningFinding('lab.row_unparsed', 'This line of the results table could not be read as a test result; check it on the page.')] };
    case 'claim.line.unparsed':
      return { findings: [warningFinding('claim.line_unparsed', 'This line of box 24 could not be read as a service line; check it on the form.')] };
    default:
      return validateClaimBox(field.name, raw, ctx.today);
  }
}

/** Returns new fields; the input is not modified. `kind` selects the cross-field rules. */
export function validateFields(kind: DocumentKind, fields: readonly Field[], ctx: ValidationContext): Field[] {
  const validated = fields.map((field): Field => {
    const outcome = validateOne(field, fields, ctx);
    if (!outcome) return field;
    return {
      ...field,
      normalized: outcome.normalized === undefined ? field.normalized : outcome.normalized,
      description: outcome.description ?? field.description,
      findings: [...field.findings, ...outcome.findings],
    };
  });
  return validateCrossFieldRules(kind, validated, ctx);
}
