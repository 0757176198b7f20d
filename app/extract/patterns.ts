/**
 * Value shapes shared by the extractors. They are deliberately loose where OCR bends glyphs
 * (an NPI may come out with an O for a 0): the validators, not the extractors, decide validity,
 * and a loose match that fails validation is more useful to the person than a missing field.
 */

/** Digits, and letters OCR reads for digits. */
const D = '[0-9OoIlSB]';

export const NPI_VALUE = new RegExp(`${D}(?:[ -]?${D}){9}(?!${D})`);
export const DEA_VALUE = new RegExp(`[A-Z][A-Z9]\\s?${D}(?:\\s?${D}){6}(?!${D})`, 'i');
export const PHONE_VALUE = /\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?/i;
export const DATE_VALUE =
  /\b(?:\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{2} \d{2} (?:\d{4}|\d{2})|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\b/;
export const MONEY_VALUE = /\$?\s?\d{1,3}(?:,?\d{3})*(?:[.\s]\d{2})?\b/;
export const ICD10_LIKE = /\b[A-Z0-9][0-9OIlSBZ][0-9A-Z](?:\.[0-9A-Z]{1,4}|[0-9A-Z]{0,4})\b/;
export const ZIP_LINE = /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/;
export const STREET_LINE =
  /^\s*\d+[A-Z]?\s+[\w .'-]+?\b(?:st(?:reet)?|ave(?:nue)?|rd|road|blvd|boulevard|dr(?:ive)?|ln|lane|way|ct|court|pl(?:ace)?|pkwy|parkway|hwy|highway|cir(?:cle)?|ter(?:race)?|sq(?:uare)?|suite|ste)\b/i;
export const STRENGTH_VALUE =
  /\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|g|ml|mL|units?|iu|meq|mEq|%)(?:\s?\/\s?\d*(?:\.\d+)?\s?(?:mg|mcg|ml|mL|g|h|hr|hours?|actuation|spray|dose))?(?:\s?\/\s?\d+(?:\.\d+)?\s?(?:mg|mcg|ml|mL|g))?/i;
export const DOSAGE_FORMS =
  /\b(tablets?|tabs?|capsules?|caps?|solution|suspension|syrup|elixir|cream|ointment|gel|lotion|patch(?:es)?|inhaler|nebuli[sz]er solution|injection|pen|vial|spray|drops|suppositor(?:y|ies)|powder|lozenges?|film|ring|foam|shampoo|granules|chewable tablets?|orally disintegrating tablets?|odt|er tablets?|xl tablets?|sr tablets?|dr capsules?)\b/i;
export const ROUTE_WORDS = /\b(oral(?:ly)?|by mouth|topical|ophthalmic|otic|nasal|inhalation|sublingual|subcutaneous|intramuscular|transdermal|rectal|vaginal)\b/i;

/** Degrees and titles that follow or precede a prescriber's name. */
export const PRESCRIBER_DEGREE = /,?\s*\b(M\.?D\.?|D\.?O\.?|N\.?P\.?|P\.?A\.?(?:-C)?|D\.?D\.?S\.?|D\.?M\.?D\.?|D\.?P\.?M\.?|APRN|FNP(?:-C)?|CNP|O\.?D\.?)\b\.?/g;

/** The surname of "Dr. Jane Q. Smith, MD", "Smith, Jane", "JANE SMITH". */
export function lastNameOf(fullName: string): string | null {
  const cleaned = fullName.replace(PRESCRIBER_DEGREE, ' ').replace(/\b(dr|doctor|prescriber)\b\.?/gi, ' ').trim();
  if (cleaned.includes(',')) return cleaned.split(',')[0]?.trim().split(/\s+/).pop() ?? null;
  const parts = cleaned.split(/\s+/).filter((p) => /[A-Za-z]{2,}/.test(p) && !/^(jr|sr|ii|iii|iv)\.?$/i.test(p));
  return parts[parts.length - 1] ?? null;
}
