import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFdaProductFile } from '../../../../main/formulary/load-fda-product';

const dir = mkdtempSync(join(tmpdir(), 'folio-fda-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = [
  'PRODUCTID', 'PRODUCTNDC', 'PRODUCTTYPENAME', 'PROPRIETARYNAME', 'PROPRIETARYNAMESUFFIX', 'NONPROPRIETARYNAME',
  'DOSAGEFORMNAME', 'ROUTENAME', 'STARTMARKETINGDATE', 'ENDMARKETINGDATE', 'MARKETINGCATEGORYNAME',
  'APPLICATIONNUMBER', 'LABELERNAME', 'SUBSTANCENAME', 'ACTIVE_NUMERATOR_STRENGTH', 'ACTIVE_INGRED_UNIT',
  'PHARM_CLASSES', 'DEASCHEDULE', 'NDC_EXCLUDE_FLAG', 'LISTING_RECORD_CERTIFIED_THROUGH',
];

function row(ndc: string, type: string, brand: string, generic: string, form: string, strength: string, unit: string, dea: string): string {
  const cells: Record<string, string> = {
    PRODUCTID: `${ndc}_x`, PRODUCTNDC: ndc, PRODUCTTYPENAME: type, PROPRIETARYNAME: brand, NONPROPRIETARYNAME: generic,
    DOSAGEFORMNAME: form, ROUTENAME: 'ORAL', ACTIVE_NUMERATOR_STRENGTH: strength, ACTIVE_INGRED_UNIT: unit,
    DEASCHEDULE: dea, NDC_EXCLUDE_FLAG: 'N',
  };
  return HEADER.map((h) => cells[h] ?? '').join('\t');
}

describe('FDA NDC directory product.txt loader', () => {
  it('parses products and merges them into the formulary', async () => {
    const path = join(dir, 'product.txt');
    writeFileSync(
      path,
      [
        HEADER.join('\t'),
        row('0002-1433', 'HUMAN PRESCRIPTION DRUG', 'Zepvantra', 'zepvantrazole', 'TABLET, FILM COATED', '10', 'mg/1', 'CII'),
        row('0002-1434', 'HUMAN PRESCRIPTION DRUG', 'Zepvantra', 'zepvantrazole', 'TABLET, FILM COATED', '20', 'mg/1', 'CII'),
        row('0071-0155', 'HUMAN PRESCRIPTION DRUG', 'Lipistat', 'Atorvastatin Calcium', 'TABLET', '10', 'mg/1', ''),
        row('0071-0156', 'HUMAN PRESCRIPTION DRUG', 'Generic', 'atorvastatin', 'TABLET', '10', 'mg/1', ''),
        row('1234-0001', 'VACCINE', 'Shotvax', 'vaccine thing', 'INJECTION', '1', 'mL', ''),
        '',
      ].join('\r\n'),
    );
    const { products, formulary } = await loadFdaProductFile(path);
    expect(products).toHaveLength(5);
    expect(products[0]).toMatchObject({ productNdc: '0002-1433', brandName: 'Zepvantra', deaSchedule: 'CII', strength: '10' });
    const match = formulary.match('Zepvantra')[0];
    expect(match?.medication).toMatchObject({ generic: 'zepvantrazole', schedule: 'CII', strengths: ['10 mg', '20 mg'] });
    expect(formulary.match('Shotvax')).toEqual([]);
    // A new brand for a known generic joins the curated entry.
    expect(formulary.lookup('Generic')?.generic).toBe('atorvastatin');
    expect(formulary.lookup('Lipitor')?.generic).toBe('atorvastatin');
  });

  it('refuses a file without the product.txt columns', async () => {
    const path = join(dir, 'not-product.txt');
    writeFileSync(path, 'NDC\tNAME\n1\tx\n');
    await expect(loadFdaProductFile(path)).rejects.toThrow(/required columns/);
  });
});
