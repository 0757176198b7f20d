import { describe, expect, it } from 'vitest';
import type { Field } from '../../../../app/model/field';
import { buildLines } from '../../../../app/extract/layout';
import { PrescriptionExtractor } from '../../../../app/extract/prescription';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import { layoutWords } from './layout-words';

const RX = [
  'Jane Q. Smith, MD',
  '123 Main Street',
  'Springfield, IL 62701',
  'Phone: (217) 555-0100   Fax: (217) 555-0101',
  'NPI: 1234567893   DEA: AS1234563',
  'Patient: John Doe   DOB: 03/07/1985',
  'Address: 45 Oak Ave, Springfield, IL 62702',
  'Phone: 217-555-0199',
  'Date: 11/20/2026',
  'Rx: Atorvastatin 20 mg tablet',
  'Sig: Take 1 tablet by mouth once daily for cholesterol',
  'Qty: thirty (30)   Refills: 3',
  '[X] Substitution permitted   [ ] Dispense as written',
];

function extract(lines: readonly string[]): Map<string, Field> {
  const fields = PrescriptionExtractor.extract(buildLines(layoutWords(lines)), { formulary: builtinFormulary() });
  return new Map(fields.map((f) => [f.name, f]));
}

describe('PrescriptionExtractor', () => {
  const f = extract(RX);
  const raw = (name: string): string | null | undefined => f.get(name)?.raw;
  const norm = (name: string): string | null | undefined => f.get(name)?.normalized;

  it('reads the prescriber block', () => {
    expect(raw('prescriber.name')).toBe('Jane Q. Smith, MD');
    expect(raw('prescriber.npi')).toBe('1234567893');
    expect(raw('prescriber.dea')).toBe('AS1234563');
    expect(raw('prescriber.address')).toBe('123 Main Street Springfield, IL 62701');
    expect(raw('prescriber.phone')).toBe('(217) 555-0100');
  });

  it('reads the patient block without mixing it up with the prescriber', () => {
    expect(raw('patient.name')).toBe('John Doe');
    expect(raw('patient.dob')).toBe('03/07/1985');
    expect(raw('patient.address')).toBe('45 Oak Ave, Springfield, IL 62702');
    expect(raw('patient.phone')).toBe('217-555-0199');
    expect(raw('dateWritten')).toBe('11/20/2026');
  });

  it('reads the drug and matches it to the formulary', () => {
    expect(raw('drug.name')).toBe('Atorvastatin');
    expect(norm('drug.name')).toBe('atorvastatin');
    expect(f.get('drug.name')?.ambiguity).toBe(0);
    expect(raw('drug.strength')).toBe('20 mg');
    expect(raw('drug.form')).toBe('tablet');
  });

  it('structures the sig', () => {
    expect(raw('sig.raw')).toBe('Take 1 tablet by mouth once daily for cholesterol');
    expect(norm('sig.dose')).toBe('1');
    expect(norm('sig.unit')).toBe('tablet');
    expect(norm('sig.route')).toBe('PO');
    expect(norm('sig.frequency')).toBe('QD');
    expect(norm('sig.indication')).toBe('cholesterol');
    expect(f.get('sig.prn')?.status).toBe('missing');
    expect(f.get('sig.duration')?.status).toBe('missing');
  });

  it('reads quantity, refills and the checked substitution box', () => {
    expect(raw('quantity')).toBe('thirty (30)');
    expect(raw('refills')).toBe('3');
    expect(norm('daw')).toBe('0');
  });

  it('points each field at the words it came from', () => {
    const npi = f.get('prescriber.npi');
    expect(npi?.sourceWordIds).toHaveLength(1);
    expect(npi?.region?.box.y).toBe(40 + 4 * 30);
    expect(f.get('sig.frequency')?.sourceWordIds).toHaveLength(2);
  });

  it('recovers an OCR-damaged drug name with some ambiguity, and a PRN sig with duration', () => {
    const g = extract([
      'Patient: Mary Major',
      'Rx: 0xycodone 5 mg tablet',
      'Sig: 1-2 tabs PO q4-6h prn for pain x 5 days',
      'Disp: #20 (twenty)',
      'Refills: NR',
      'Dispense as written',
    ]);
    expect(g.get('drug.name')?.normalized).toBe('oxycodone');
    expect(g.get('drug.name')?.ambiguity).toBeGreaterThan(0);
    expect(g.get('sig.dose')?.normalized).toBe('1-2');
    expect(g.get('sig.frequency')?.normalized).toBe('Q4H');
    expect(g.get('sig.prn')?.normalized).toBe('true');
    expect(g.get('sig.duration')?.normalized).toBe('5');
    expect(g.get('sig.indication')?.normalized).toBe('pain');
    expect(g.get('quantity')?.raw).toBe('20 (twenty)');
    expect(g.get('refills')?.raw).toBe('NR');
    expect(g.get('daw')?.normalized).toBe('1');
    expect(g.get('prescriber.npi')?.status).toBe('missing');
  });
});
