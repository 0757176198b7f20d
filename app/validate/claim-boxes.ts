import type { Finding } from '../model/field';
import { formatCents, parseMoneyCents } from './consistency';
import { validateDate } from './dates';
import { errorFinding, warningFinding } from './finding';
import { validateNdc } from './ndc';
import { validateNpi } from './npi';

/**
 * Checks for the CMS-1500 boxes that only a registered form yields (labels alone never found
 * them): the other NPIs, the other dates, ZIP codes, phones, states, units and the box 24
 * supplemental NDC. Each returns the canonical value and what is wrong, in words without PHI.
 */
export interface BoxOutcome {
  normalized?: string | null;
  findings: Finding[];
}

/** USPS codes for the states, DC and the territories a claim can carry. */
const STATES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
    'AS GU MP PR VI AA AE AP').split(' '),
);

/** A supplemental line's NDC: the N4 qualifier, then 11 digits, then unit and quantity. */
const SUPPLEMENTAL_NDC = /^N4\s*([0-9-]{10,13})/i;

function dateBox(raw: string, role: 'birth' | 'service', today: string): BoxOutcome {
  // Date cells hold digits only: O, l, I and | there are misread digits.
  const digits = raw.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
  const v = validateDate(digits, role, today);
  return digits === raw ? v : { ...v, findings: [warningFinding('date.ocr_digits', 'Some digits of this date were read as letters; confirm it.'), ...v.findings] };
}

function moneyBox(raw: string): BoxOutcome {
  const cents = parseMoneyCents(raw);
  return cents === null
    ? { normalized: null, findings: [errorFinding('money.unreadable', 'The amount could not be read as money.')] }
    : { normalized: formatCents(cents), findings: [] };
}

function digitsBox(raw: string, lengths: readonly number[], code: string, message: string): BoxOutcome {
  const digits = raw.replace(/[\s()./-]/g, '');
  return /^\d+$/.test(digits) && lengths.includes(digits.length) ? { normalized: digits, findings: [] } : { normalized: null, findings: [errorFinding(code, message)] };
}

export function validateClaimBox(name: string, raw: string, today: string): BoxOutcome | null {
  switch (name) {
    case 'claim.referringNpi':
    case 'claim.facilityNpi':
      return validateNpi(raw);
    case 'claim.insuredDob':
      return dateBox(raw, 'birth', today);
    case 'claim.illnessDate':
    case 'claim.otherDate':
    case 'claim.unableToWorkFrom':
    case 'claim.unableToWorkTo':
    case 'claim.hospitalizedFrom':
    case 'claim.hospitalizedTo':
    case 'claim.signatureDate':
      return dateBox(raw, 'service', today);
    case 'claim.amountPaid':
    case 'claim.outsideLabCharges':
      return moneyBox(raw);
    case 'claim.patientZip':
    case 'claim.insuredZip':
      return digitsBox(raw, [5, 9], 'claim.zip_format', 'A ZIP code has 5 or 9 digits.');
    case 'claim.patientPhone':
    case 'claim.insuredPhone':
    case 'claim.billingPhone':
      return digitsBox(raw, [10], 'claim.phone_format', 'A telephone number has 10 digits with its area code.');
    case 'claim.patientState':
    case 'claim.insuredState':
    case 'claim.autoAccidentState':
      return STATES.has(raw.trim().toUpperCase())
        ? { normalized: raw.trim().toUpperCase(), findings: [] }
        : { normalized: null, findings: [errorFinding('claim.state_code', 'This is not a two-letter state code.')] };
    case 'claim.line.units':
      return /^\d{1,4}$/.test(raw.trim()) && Number(raw) > 0
        ? { normalized: String(Number(raw)), findings: [] }
        : { normalized: null, findings: [errorFinding('claim.units_format', 'Days or units is a whole number above zero.')] };
    case 'claim.line.supplemental': {
      const ndc = SUPPLEMENTAL_NDC.exec(raw.trim());
      if (!ndc) return null;
      // The line keeps its text (unit and quantity follow the NDC); the NDC itself is checked.
      return { findings: validateNdc(ndc[1] ?? '').findings };
    }
    default:
      return null;
  }
}
