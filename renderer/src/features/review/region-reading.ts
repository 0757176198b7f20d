import type { Box } from '../../../../app/model/document';
import type { RegionReading } from '../../../../app/contract/regions';
import type { ZoneType } from '../../../../app/templates/template';
import { call } from '../../api/client';

/**
 * What a field's value looks like, from its name, so the region is read for that shape (an NPI
 * as digits only). Names not listed are read as plain text.
 */
function fieldTypeOf(name: string): ZoneType {
  const last = name.split('.').pop() ?? name;
  if (/npi|phone|zip|qty|quantity|refills|units/i.test(last)) return 'digits';
  if (/date|dob|birth/i.test(last)) return 'date';
  if (/charge|total|amount|paid|price/i.test(last)) return 'money';
  if (/icd|cpt|hcpcs|ndc|code|dea/i.test(last)) return 'code';
  if (/name/i.test(last)) return 'name';
  return 'text';
}

/** Reads a drawn region of a page for one field: the best reading and up to three to choose from. */
export async function readRegion(
  documentId: string,
  pageIndex: number,
  box: Box,
  fieldName: string,
): Promise<{ text: string; candidates: RegionReading[] }> {
  const reading = await call('regions.recognize', { documentId, pageIndex, box, fieldType: fieldTypeOf(fieldName) });
  return { text: reading.text, candidates: reading.candidates };
}
