import { describe, expect, it } from 'vitest';
import { needsAttention, type Field } from '../../../../app/model/field';
import { analyseDocument, revalidateFields } from '../../../../app/extract/analyse-document';
import { classifyDocument } from '../../../../app/extract/classify';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import type { ValidationContext } from '../../../../app/validate/field-validation';
import { smallHcpcs, smallIcd10 } from '../validate/code-fixtures';
import { layoutWords } from './layout-words';
import { CLAIM } from './documents';

const ctx: ValidationContext = {
  today: '2026-11-25',
  codeSets: { icd10: smallIcd10(), hcpcs: smallHcpcs() },
  formulary: builtinFormulary(),
};

const RX = [
  'Jane Q. Smith, MD',
  '123 Main Street',
  'Springfield, IL 62701',
  'Phone: (217) 555-0100',
  'NPI: 1234567893   DEA: AS1234563',
  'Patient: John Doe   DOB: 03/07/1985',
  'Date: 11/20/2026',
  'Rx: Atorvastatin 20 mg tablet',
  'Sig: Take 1 tablet by mouth once daily',
  'Qty: thirty (30)   Refills: 3',
  'Substitution permitted',
];

const get = (fields: Field[], name: string, index: number | null = null): Field | undefined =>
  fields.find((f) => f.name === name && f.index === index);

describe('classifyDocument', () => {
  it('tells the five kinds apart with confidence', () => {
    expect(classifyDocument(layoutWords(RX))).toMatchObject({ kind: 'prescription' });
    expect(classifyDocument(layoutWords(CLAIM)).kind).toBe('cms1500');
    expect(classifyDocument(layoutWords(['Test   Result   Units   Reference Range', 'Glucose   105   mg/dL   70-99   H', 'Specimen collected 11/20/2026'])).kind).toBe('lab_report');
    expect(classifyDocument(layoutWords(['Aetna', 'Member ID: W123456789', 'RxBIN: 610502   RxPCN: AETNA'])).kind).toBe('insurance_card');
    expect(classifyDocument(layoutWords(['Chief complaint: cough', 'HPI: three days of cough', 'Assessment: bronchitis', 'Plan: rest'])).kind).toBe('clinical_note');
    expect(classifyDocument(layoutWords(RX)).confidence).toBeGreaterThan(0.7);
  });

  it('calls a page with no medical cue other, and is unsure when it carries almost no text', () => {
    const { kind, confidence } = classifyDocument(layoutWords(['hello world']));
    expect(kind).toBe('other');
    expect(confidence).toBeLessThan(0.6);
  });
});

describe('analyseDocument', () => {
  it('marks a clean prescription confident, with normalised values', () => {
    const { kind, fields } = analyseDocument(layoutWords(RX), ctx);
    expect(kind).toBe('prescription');
    expect(get(fields, 'prescriber.npi')).toMatchObject({ normalized: '1234567893', status: 'confident' });
    expect(get(fields, 'prescriber.dea')).toMatchObject({ status: 'confident', findings: [] });
    expect(get(fields, 'patient.dob')).toMatchObject({ normalized: '1985-03-07', status: 'confident' });
    expect(get(fields, 'quantity')).toMatchObject({ normalized: '30', status: 'confident' });
    expect(get(fields, 'refills')).toMatchObject({ normalized: '3', status: 'confident' });
    // Optional and not printed: shown as not printed, not flagged.
    expect(get(fields, 'patient.address')?.status).toBe('blank');
  });

  it('flags none of the optional fields a plain prescription leaves out, and every required one it lacks', () => {
    const plain = analyseDocument(layoutWords(RX), ctx).fields;
    expect(plain.filter((f) => f.raw === null && needsAttention(f.status)).map((f) => f.name)).toEqual([]);
    for (const name of ['sig.duration', 'sig.prn', 'sig.indication', 'daysSupply', 'patient.phone']) {
      expect(get(plain, name)).toMatchObject({ status: 'blank', raw: null });
    }
    const noPatient = analyseDocument(layoutWords(RX.filter((line) => !line.startsWith('Patient:'))), ctx).fields;
    expect(get(noPatient, 'patient.name')?.status).toBe('missing');
    expect(get(noPatient, 'patient.dob')?.status).toBe('missing');
    expect(get(noPatient, 'patient.phone')?.status).toBe('blank');
  });

  it('flags a bad check digit as invalid and a blurry word as check', () => {
    const lines = RX.map((l) => l.replace('1234567893', '1234567895'));
    const words = layoutWords(lines, { lowConfidence: { '03/07/1985': 60 } });
    const { fields } = analyseDocument(words, ctx);
    expect(get(fields, 'prescriber.npi')?.status).toBe('invalid');
    expect(get(fields, 'prescriber.npi')?.findings.map((f) => f.code)).toEqual(['npi.check_digit']);
    expect(get(fields, 'patient.dob')?.status).toBe('check');
  });

  it('refuses refills on a C-II drug and asks for the DEA number', () => {
    const lines = RX.map((l) => l.replace('Atorvastatin 20 mg', 'Oxycodone 5 mg').replace('   DEA: AS1234563', ''));
    const { fields } = analyseDocument(layoutWords(lines), ctx);
    expect(get(fields, 'refills')?.findings.map((f) => f.code)).toEqual(['refills.c2_refill']);
    expect(get(fields, 'refills')?.status).toBe('invalid');
    expect(get(fields, 'prescriber.dea')?.findings.map((f) => f.code)).toEqual(['dea.required']);
  });

  it('validates a claim: codes, descriptions, pointers and the total', () => {
    const { kind, fields } = analyseDocument(layoutWords(CLAIM), ctx);
    expect(kind).toBe('cms1500');
    expect(get(fields, 'claim.diagnosis', 0)).toMatchObject({ normalized: 'E11.9', status: 'confident' });
    expect(get(fields, 'claim.diagnosis', 0)?.description).toBe('Type 2 diabetes mellitus without complications');
    expect(get(fields, 'claim.line.procedure', 2)?.description).toBe('Dexamethasone sodium phos');
    expect(get(fields, 'claim.line.charges', 1)?.normalized).toBe('125.00');
    expect(get(fields, 'claim.totalCharge')).toMatchObject({ normalized: '145.00', status: 'confident' });
    expect(get(fields, 'claim.patientDob')?.normalized).toBe('1985-03-07');

    const wrongTotal = analyseDocument(layoutWords(CLAIM.map((l) => l.replace('$145.00', '$154.00'))), ctx).fields;
    expect(get(wrongTotal, 'claim.totalCharge')?.findings.map((f) => f.code)).toEqual(['claim.total_mismatch']);
    const badPointer = analyseDocument(layoutWords(CLAIM.map((l) => l.replace(' AB ', ' AD '))), ctx).fields;
    expect(get(badPointer, 'claim.line.pointer', 1)?.status).toBe('invalid');
  });

  it('uses the person\'s kind override and re-validates after an edit', () => {
    const words = layoutWords(RX.map((l) => l.replace('1234567893', '1234567895')));
    const analysis = analyseDocument(words, ctx, 'prescription');
    const fixedWords = words.map((w) => (w.text === '1234567895' ? { ...w, text: '1234567893', edited: true } : w));
    const fixedFields = analysis.fields.map((f) => (f.name === 'prescriber.npi' ? { ...f, raw: '1234567893' } : f));
    const again = revalidateFields(analysis.kind, fixedFields, fixedWords, ctx);
    expect(get(again, 'prescriber.npi')?.status).toBe('confident');
  });

  it('never puts the value into a finding message', () => {
    const lines = RX.map((l) => l.replace('1234567893', '1234567895').replace('03/07/1985', '03/07/1885'));
    const { fields } = analyseDocument(layoutWords(lines), ctx);
    for (const f of fields) {
      for (const finding of f.findings) {
        if (f.raw) expect(finding.message).not.toContain(f.raw);
      }
    }
    expect(fields.some((f) => f.findings.length > 0)).toBe(true);
  });
});
