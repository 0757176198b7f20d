const ACRONYMS = new Set(['npi', 'dea', 'ndc', 'dob', 'id', 'icd10', 'cpt', 'hcpcs', 'prn', 'daw', 'bin', 'pcn', 'grp', 'rx']);
const WORDS: Record<string, string> = {
  dateWritten: 'Date written',
  dob: 'Date of birth',
  icd10: 'ICD-10',
  sigRaw: 'Sig',
  asNeeded: 'As needed',
};

/** "prescriber.npi" → "Prescriber NPI", "claim.line.charges" #2 → "Claim line 3 charges". */
export function fieldLabel(name: string, index: number | null): string {
  const parts = name.split('.').map((part) => WORDS[part] ?? splitCamel(part));
  const label = parts
    .map((part) => (ACRONYMS.has(part.toLowerCase()) ? part.toUpperCase() : part.toLowerCase()))
    .join(' ');
  const withIndex = index === null ? label : `${label} ${indexLabel(name, index)}`;
  return withIndex.charAt(0).toUpperCase() + withIndex.slice(1);
}

/**
 * How the form numbers the repeat: box 21's diagnoses are lettered from A (index 0), service
 * lines and result rows are numbered from 1 as printed, and mentions in free text count from 0.
 */
function indexLabel(name: string, index: number): string {
  if (name === 'claim.diagnosis') return String.fromCharCode(65 + index);
  if (name.startsWith('claim.line.') || name.startsWith('lab.row.')) return String(index);
  return String(index + 1);
}

/** The first part of a field name groups it: patient, prescriber, drug, claim … */
export function fieldSection(name: string): string {
  const [first] = name.split('.');
  return fieldLabel(first ?? name, null);
}

function splitCamel(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, '$1 $2');
}
