import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../../app/extract/analyse-document';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import { fieldLabel, fieldSection } from '../../../../renderer/src/features/review/field-labels';
import { smallHcpcs, smallIcd10 } from '../../app/validate/code-fixtures';
import { layoutWords } from '../../app/extract/layout-words';

const ctx = { today: '2026-11-25', codeSets: { icd10: smallIcd10(), hcpcs: smallHcpcs() }, formulary: builtinFormulary() };

describe('field labels', () => {
  it('says a field in words: camel case split, acronyms in capitals', () => {
    expect(fieldLabel('prescriber.npi', null)).toBe('Prescriber NPI');
    expect(fieldLabel('claim.patientDob', null)).toBe('Claim patient date of birth');
    expect(fieldLabel('card.rxBin', null)).toBe('Card Rx BIN');
    expect(fieldLabel('daysSupply', null)).toBe('Days supply');
    expect(fieldLabel('sig.raw', null)).toBe('Sig');
    expect(fieldSection('claim.line.charges')).toBe('Claim');
  });

  it('numbers a service line or lab row as the page does, right after the group', () => {
    expect(fieldLabel('claim.line.dateFrom', 1)).toBe('Claim line 1 date from');
    expect(fieldLabel('claim.line.npi', 2)).toBe('Claim line 2 NPI');
    expect(fieldLabel('lab.row.value', 3)).toBe('Lab row 3 value');
    expect(fieldLabel('claim.diagnosis', 0)).toBe('Claim diagnosis A');
    expect(fieldLabel('note.icd10', 0)).toBe('Note ICD-10 1');
  });

  it('labels a table line that could not be split by the row it is on the page', () => {
    const lab = [
      'Patient: Doe, John   DOB: 03/07/1985',
      'Collected: 11/20/2026 08:15',
      'Test   Result   Units   Reference Range   Flag',
      'Glucose   105   mg/dL   70-99',
      'Potassium   4.1   mmol/L   3.5-5.1',
      'ALT   Al   U/L   7-56',
      'Calcium   9.1   mg/dL   8.5-10.2   H',
    ];
    const labels = analyseDocument(layoutWords(lab), ctx)
      .fields.filter((field) => field.name === 'lab.row.unparsed' || field.name === 'lab.row.name')
      .map((field) => fieldLabel(field.name, field.index));
    expect(labels).toEqual(['Lab row 1 name', 'Lab row 2 name', 'Lab row 3 (read whole, not split into boxes)', 'Lab row 4 name']);
  });
});
