import { describe, expect, it } from 'vitest';
import type { Field } from '../../../../app/model/field';
import { buildLines } from '../../../../app/extract/layout';
import { Cms1500Extractor } from '../../../../app/extract/cms1500';
import { LabReportExtractor } from '../../../../app/extract/lab-report';
import { InsuranceCardExtractor } from '../../../../app/extract/insurance-card';
import { ClinicalNoteExtractor } from '../../../../app/extract/clinical-note';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import type { DocumentExtractor } from '../../../../app/extract/types';
import { layoutWords } from './layout-words';
import { CLAIM } from './documents';

function run(extractor: DocumentExtractor, lines: readonly string[]): Field[] {
  return extractor.extract(buildLines(layoutWords(lines)), { formulary: builtinFormulary() });
}
const one = (fields: Field[], name: string, index: number | null = null): Field | undefined =>
  fields.find((f) => f.name === name && f.index === index);


describe('Cms1500Extractor', () => {
  const f = run(Cms1500Extractor, CLAIM);
  it('reads the patient and insured boxes', () => {
    expect(one(f, 'claim.insuredId')?.raw).toBe('XYZ123456789');
    expect(one(f, 'claim.patientName')?.raw).toBe('DOE, JOHN A');
    expect(one(f, 'claim.patientDob')?.raw).toBe('03 07 1985');
    expect(one(f, 'claim.patientSex')?.raw).toBe('M');
    expect(one(f, 'claim.patientAddress')?.raw).toBe('45 OAK AVE');
    expect(one(f, 'claim.groupNumber')?.raw).toBe('GRP-7781');
  });

  it('reads box 21 diagnoses with their letters', () => {
    expect(f.filter((x) => x.name === 'claim.diagnosis').map((x) => [x.index, x.raw])).toEqual([
      [0, 'E11.9'],
      [1, 'I10'],
      [2, 'J45.909'],
    ]);
  });

  it('reads service lines in split-cell and joined spellings', () => {
    expect(one(f, 'claim.line.dateFrom', 1)?.raw).toBe('11 02 26');
    expect(one(f, 'claim.line.pos', 1)?.raw).toBe('11');
    expect(one(f, 'claim.line.procedure', 1)?.raw).toBe('99213');
    expect(one(f, 'claim.line.modifiers', 1)?.raw).toBe('25');
    expect(one(f, 'claim.line.pointer', 1)?.raw).toBe('AB');
    expect(one(f, 'claim.line.charges', 1)?.raw).toBe('125 00');
    expect(one(f, 'claim.line.units', 1)?.raw).toBe('1');
    expect(one(f, 'claim.line.npi', 1)?.raw).toBe('1234567893');
    expect(one(f, 'claim.line.dateTo', 2)?.raw).toBe('11/02/26');
    expect(one(f, 'claim.line.procedure', 2)?.raw).toBe('J1100');
    expect(one(f, 'claim.line.modifiers', 2)?.status).toBe('missing');
    expect(one(f, 'claim.line.charges', 2)?.raw).toBe('20.00');
    expect(one(f, 'claim.line.procedure', 3)).toBeUndefined();
  });

  it('reads tax ID, total and billing provider', () => {
    expect(one(f, 'claim.taxId')?.raw).toBe('12-3456789');
    expect(one(f, 'claim.totalCharge')?.raw).toBe('$145.00');
    expect(one(f, 'claim.billingProvider')?.raw).toBe('SPRINGFIELD FAMILY MEDICINE');
    expect(one(f, 'claim.billingNpi')?.raw).toBe('1234567893');
  });
});

describe('LabReportExtractor', () => {
  const f = run(LabReportExtractor, [
    'Springfield Clinical Laboratory   CLIA 14D0000000',
    'Patient: Doe, John   DOB: 03/07/1985',
    'Collected: 11/20/2026 08:15',
    'Test   Result   Units   Reference Range   Flag',
    'Glucose   105   mg/dL   70-99   H',
    'Hemoglobin A1c   7.2   %   4.0-5.6   H',
    'Potassium   4.1   mmol/L   3.5-5.1',
    'LDL Cholesterol   62   mg/dL   <100',
  ]);
  it('reads patient and collection date', () => {
    expect(one(f, 'lab.patient')?.raw).toBe('Doe, John');
    expect(one(f, 'lab.collectionDate')?.raw).toBe('11/20/2026');
  });
  it('reads each row with unit, range and flag', () => {
    const row = (i: number): (string | null | undefined)[] =>
      ['name', 'value', 'unit', 'range', 'flag'].map((p) => one(f, `lab.row.${p}`, i)?.raw);
    expect(row(1)).toEqual(['Glucose', '105', 'mg/dL', '70-99', 'H']);
    expect(row(2)).toEqual(['Hemoglobin A1c', '7.2', '%', '4.0-5.6', 'H']);
    expect(row(3)).toEqual(['Potassium', '4.1', 'mmol/L', '3.5-5.1', null]);
    expect(row(4)).toEqual(['LDL Cholesterol', '62', 'mg/dL', '<100', null]);
    expect(one(f, 'lab.row.name', 5)).toBeUndefined();
  });
});

describe('InsuranceCardExtractor', () => {
  it('reads member, group, payer and pharmacy routing', () => {
    const f = run(InsuranceCardExtractor, [
      'Blue Cross Blue Shield of Illinois',
      'Plan: PPO Gold 1500',
      'Member: JOHN A DOE',
      'Member ID: XYZ123456789',
      'Group #: 0012345',
      'RxBIN: 610014   RxPCN: ADV   RxGRP: RX7781',
    ]);
    expect(one(f, 'card.memberId')?.raw).toBe('XYZ123456789');
    expect(one(f, 'card.group')?.raw).toBe('0012345');
    expect(one(f, 'card.payer')?.raw).toBe('Blue Cross Blue Shield of Illinois');
    expect(one(f, 'card.rxBin')?.raw).toBe('610014');
    expect(one(f, 'card.rxPcn')?.raw).toBe('ADV');
    expect(one(f, 'card.rxGroup')?.raw).toBe('RX7781');
    expect(one(f, 'card.plan')?.raw).toBe('PPO Gold 1500');
  });
});

describe('ClinicalNoteExtractor', () => {
  it('finds ICD-10 codes and medication mentions, OCR damage included', () => {
    const f = run(ClinicalNoteExtractor, [
      'Chief complaint: follow-up of diabetes.',
      'Patient takes metformin 500 mg twice daily and Lipitor 20 mg.',
      'Started lisinopri1 10 mg last month. Vitamin B12 normal.',
      'Assessment: Type 2 diabetes E11.9; hypertension I10.',
      'Plan: continue insulin glargine 10 units nightly.',
    ]);
    expect(f.filter((x) => x.name === 'note.icd10').map((x) => x.raw)).toEqual(['E11.9', 'I10']);
    expect(f.filter((x) => x.name === 'note.medication').map((x) => x.normalized)).toEqual([
      'metformin',
      'atorvastatin',
      'lisinopril',
      'insulin glargine',
    ]);
    const fuzzy = f.find((x) => x.normalized === 'lisinopril');
    expect(fuzzy?.ambiguity).toBeGreaterThan(0);
  });
});
