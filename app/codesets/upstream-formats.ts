import type { CodeSetRelease, HcpcsCodeSet, HcpcsEntry, Icd10CodeSet, Icd10Entry } from './types';
import { createHcpcsCodeSet, createIcd10CodeSet } from './types';
import { CodeSetFormatError } from './shipped-format';

/**
 * Parsers for the files a user downloads from CDC and CMS to update Folio's code sets without
 * waiting for a new app release.
 */

/**
 * CDC/NCHS ICD-10-CM order file (icd10cm_order_YYYY.txt), fixed width:
 *   1–5 order number (zero-filled), 7–13 code (no dot, blank-filled), 15 billable flag
 *   (1 = valid for HIPAA transactions, 0 = header), 17–76 short description, 78– long description.
 */
export function parseCdcOrderFile(text: string, release: CodeSetRelease): Icd10CodeSet {
  const entries: Icd10Entry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    const order = line.slice(0, 5);
    const code = line.slice(6, 13).trim();
    const billable = line.slice(14, 15);
    if (!/^\d{5}$/.test(order) || !/^[A-Z][0-9A-Z]{2,6}$/.test(code) || (billable !== '0' && billable !== '1')) {
      throw new CodeSetFormatError(`Line ${i + 1} is not in the CDC order file layout.`);
    }
    const shortDescription = line.slice(16, 76).trim();
    const longDescription = line.slice(77).trim();
    entries.push({ code, billable: billable === '1', description: longDescription || shortDescription });
  });
  if (entries.length === 0) throw new CodeSetFormatError('The order file has no codes.');
  return createIcd10CodeSet(entries, release);
}

/**
 * CMS alpha-numeric HCPCS file (HCPCyyyy_CONTR_ANWEB.txt), fixed width, 320 characters a record:
 *   1–5 code, 6–10 sequence number, 11 record identification (3 procedure, 4 procedure
 *   continuation, 7 modifier, 8 modifier continuation), 12–91 long description (continued on
 *   following records), 92–119 short description.
 * Continuation records extend the long description of the record before them.
 */
export function parseCmsHcpcsFile(text: string, release: CodeSetRelease): HcpcsCodeSet {
  const entries: HcpcsEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    const code = line.slice(0, 5).trim();
    const recordId = line.slice(10, 11);
    const longPart = line.slice(11, 91).trim();
    const last = entries[entries.length - 1];
    switch (recordId) {
      case '3':
      case '7':
        if (!/^[A-Z0-9]{2,5}$/.test(code)) throw new CodeSetFormatError(`Line ${i + 1} has no HCPCS code.`);
        entries.push({
          code,
          kind: recordId === '3' ? 'procedure' : 'modifier',
          description: longPart || line.slice(91, 119).trim(),
          terminationDate: null,
        });
        return;
      case '4':
      case '8':
        if (!last || last.code !== code) {
          throw new CodeSetFormatError(`Line ${i + 1} continues a code that did not come before it.`);
        }
        last.description = `${last.description} ${longPart}`.trim();
        return;
      default:
        throw new CodeSetFormatError(`Line ${i + 1} is not in the CMS HCPCS record layout.`);
    }
  });
  if (entries.length === 0) throw new CodeSetFormatError('The HCPCS file has no codes.');
  return createHcpcsCodeSet(entries, release);
}
