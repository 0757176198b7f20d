/**
 * Prescription directions vocabulary mapped to HL7 codes: timing from HL7 v3 GTSAbbreviation /
 * v2 table 0335, routes from HL7 v2 table 0162 (see resources/codesets/ATTRIBUTION.md). Patterns
 * are what prescribers write; the first match wins, so more specific patterns come first.
 */
export interface FrequencyTerm {
  /** HL7 timing code, e.g. `BID`, `Q6H`, `QHS`. */
  code: string;
  /** Administrations per day, for the quantity/days-supply check. */
  perDay: number;
  pattern: RegExp;
}

const NUM = '(\\d+|one|two|three|four|five|six|eight|twelve)';
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, eight: 8, twelve: 12 };

export function smallNumber(text: string): number {
  return WORD_NUMBERS[text.toLowerCase()] ?? Number(text);
}

export const FREQUENCY_TERMS: readonly FrequencyTerm[] = [
  { code: 'QOD', perDay: 0.5, pattern: /\b(every other day|q\.?o\.?d\.?|alternate days)\b/i },
  { code: 'WK', perDay: 1 / 7, pattern: /\b(once (a|per|every) week|weekly|every week|q\s?week|q\s?wk)\b/i },
  { code: 'MO', perDay: 1 / 30, pattern: /\b(once (a|per|every) month|monthly)\b/i },
  { code: 'QID', perDay: 4, pattern: /\b(four times (a|per|each|every) day|four times daily|q\.?i\.?d\.?|4 times (a|per) day|4 times daily)\b/i },
  { code: 'TID', perDay: 3, pattern: /\b(three times (a|per|each|every) day|three times daily|t\.?i\.?d\.?|3 times (a|per) day|3 times daily)\b/i },
  { code: 'BID', perDay: 2, pattern: /\b(twice (a|per|each|every) day|twice daily|two times (a|per) day|two times daily|b\.?i\.?d\.?|2 times (a|per) day|2 times daily)\b/i },
  { code: 'QHS', perDay: 1, pattern: /\b(at bedtime|q\.?h\.?s\.?|nightly|every night|at night|h\.?s\.?)\b/i },
  { code: 'QAM', perDay: 1, pattern: /\b(every morning|in the morning|q\.?a\.?m\.?)\b/i },
  { code: 'QPM', perDay: 1, pattern: /\b(every evening|in the evening|q\.?p\.?m\.?)\b/i },
  { code: 'QD', perDay: 1, pattern: /\b(once (a|per|each|every) day|once daily|one time daily|daily|every day|q\.?d\.?|each day)\b/i },
];

/** "every 6 hours", "every 4-6 hours", "q6h", "q 8 hrs": the shortest interval sets the rate. */
export const INTERVAL_PATTERN = new RegExp(
  `\\b(?:every|q)\\s?${NUM}(?:\\s?(?:-|to)\\s?${NUM})?\\s?(?:hours?|hrs?|h)\\b`,
  'i',
);

export interface RouteTerm {
  /** HL7 v2 table 0162 code. */
  code: string;
  display: string;
  pattern: RegExp;
}

export const ROUTE_TERMS: readonly RouteTerm[] = [
  { code: 'SL', display: 'Sublingual', pattern: /\b(sublingual(ly)?|under the tongue|s\.?l\.?)\b/i },
  { code: 'PO', display: 'Oral', pattern: /\b(by mouth|orally|oral|p\.?o\.?|per os)\b/i },
  { code: 'IH', display: 'Inhalation', pattern: /\b(inhaled?|inhalation|by inhalation|puffs?|nebuli[sz]ed?)\b/i },
  { code: 'SC', display: 'Subcutaneous', pattern: /\b(subcutaneous(ly)?|s\.?c\.?|s\.?q\.?|subq|sub-q)\b/i },
  { code: 'IM', display: 'Intramuscular', pattern: /\b(intramuscular(ly)?|i\.?m\.?)\b/i },
  { code: 'TD', display: 'Transdermal', pattern: /\b(transdermal(ly)?|patch(es)?)\b/i },
  { code: 'OP', display: 'Ophthalmic', pattern: /\b(in (each|both|the (left|right|affected)) eyes?|ophthalmic|o\.?u\.?|o\.?d\.?|o\.?s\.?)\b/i },
  { code: 'OT', display: 'Otic', pattern: /\b(in (each|both|the (left|right|affected)) ears?|otic)\b/i },
  { code: 'NS', display: 'Nasal', pattern: /\b(in(to)? (each|both) nostrils?|intranasal(ly)?|nasal(ly)?)\b/i },
  { code: 'PR', display: 'Rectal', pattern: /\b(rectal(ly)?|per rectum|p\.?r\.?)\b/i },
  { code: 'VG', display: 'Vaginal', pattern: /\b(vaginal(ly)?|per vagina)\b/i },
  { code: 'TP', display: 'Topical', pattern: /\b(topical(ly)?|apply|to (the )?(affected )?(area|skin))\b/i },
];

/** Dose units as written, mapped to one spelling. */
export const DOSE_UNITS: Record<string, string> = {
  tablet: 'tablet', tablets: 'tablet', tab: 'tablet', tabs: 'tablet',
  capsule: 'capsule', capsules: 'capsule', cap: 'capsule', caps: 'capsule',
  puff: 'puff', puffs: 'puff', spray: 'spray', sprays: 'spray', drop: 'drop', drops: 'drop',
  ml: 'mL', mg: 'mg', mcg: 'mcg', g: 'g', gram: 'g', grams: 'g', unit: 'unit', units: 'unit',
  patch: 'patch', patches: 'patch', teaspoon: 'teaspoon', teaspoons: 'teaspoon', tsp: 'teaspoon',
  tablespoon: 'tablespoon', tbsp: 'tablespoon', application: 'application', applications: 'application',
  suppository: 'suppository', suppositories: 'suppository', lozenge: 'lozenge', lozenges: 'lozenge',
  film: 'film', films: 'film', vial: 'vial', vials: 'vial', inhalation: 'inhalation', inhalations: 'inhalation',
  pen: 'pen', syringe: 'syringe', piece: 'piece', pieces: 'piece',
};

export const PRN_PATTERN = /\b(as needed|p\.?r\.?n\.?|if needed|when needed)\b/i;
