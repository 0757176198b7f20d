const ACRONYMS = new Set(['npi', 'dea', 'ndc', 'dob', 'id', 'cpt', 'hcpcs', 'prn', 'daw', 'bin', 'pcn', 'grp', 'rx', 'pos', 'emg']);
/** Parts of field names said differently from their spelling; written as mid-sentence words. */
const WORDS: Record<string, string> = {
  dateWritten: 'date written',
  dob: 'date of birth',
  patientDob: 'patient date of birth',
  icd10: 'ICD-10',
  raw: '',
  asNeeded: 'as needed',
  rxBin: 'Rx BIN',
  rxPcn: 'Rx PCN',
  rxGroup: 'Rx group',
  unparsed: '(read whole, not split into boxes)',
};
/** Repeated groups numbered as the page numbers them, the number right after the group's name. */
const ROW_GROUPS = ['claim.line.', 'lab.row.'];

/**
 * "prescriber.npi" → "Prescriber NPI", "claim.line.charges" #3 → "Claim line 3 charges",
 * "claim.diagnosis" #0 → "Claim diagnosis A", "note.icd10" #0 → "Note ICD-10 1".
 */
export function fieldLabel(name: string, index: number | null): string {
  const group = index === null ? undefined : ROW_GROUPS.find((prefix) => name.startsWith(prefix));
  let label: string;
  if (group !== undefined && index !== null) {
    label = `${words(group.slice(0, -1))} ${index} ${words(name.slice(group.length))}`;
  } else {
    label = index === null ? words(name) : `${words(name)} ${indexLabel(name, index)}`;
  }
  const trimmed = label.replace(/\s+/g, ' ').trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/**
 * How the page numbers a repeat that is not a row: box 21's diagnoses are lettered from A
 * (index 0), and mentions in free text count from 0, shown from 1.
 */
function indexLabel(name: string, index: number): string {
  if (name === 'claim.diagnosis') return String.fromCharCode(65 + index);
  return String(index + 1);
}

/** The first part of a field name groups it: patient, prescriber, drug, claim … */
export function fieldSection(name: string): string {
  const [first] = name.split('.');
  return fieldLabel(first ?? name, null);
}

/** A dotted, camel-cased name as words: "claim.line.dateFrom" → "claim line date from". */
function words(dotted: string): string {
  return dotted
    .split('.')
    .map((part) => WORDS[part] ?? splitCamel(part).split(' ').map(wordCase).join(' '))
    .join(' ');
}

function wordCase(word: string): string {
  return ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase();
}

function splitCamel(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}
