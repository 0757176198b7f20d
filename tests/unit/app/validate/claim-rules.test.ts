import { describe, expect, it } from 'vitest';
import type { Field } from '../../../../app/model/field';
import { fieldFrom } from '../../../../app/extract/field-builder';
import { claimRules } from '../../../../app/validate/claim-rules';

function box(name: string, raw: string, normalized: string | null = raw, index: number | null = null): Field {
  return { ...fieldFrom(name, { raw, words: [], ambiguity: 0 }, { index }), normalized };
}

function codes(fields: Field[], name: string, index: number | null = null): string[] {
  return fields.find((f) => f.name === name && f.index === index)?.findings.map((f) => f.code) ?? [];
}

describe('claimRules (CMS-1500 boxes read together)', () => {
  it('flags a service line that ends before it starts, and a service before the patient was born', () => {
    const fields = [
      box('claim.patientDob', '06 21 1990', '1990-06-21'),
      box('claim.line.dateFrom', '03 02 26', '2026-03-02', 1),
      box('claim.line.dateTo', '03 01 26', '2026-03-01', 1),
      box('claim.line.dateFrom', '03 02 89', '1989-03-02', 2),
      box('claim.line.dateTo', '03 02 89', '1989-03-02', 2),
    ];
    claimRules(fields);
    expect(codes(fields, 'claim.line.dateTo', 1)).toEqual(['claim.date_order']);
    expect(codes(fields, 'claim.line.dateFrom', 1)).toEqual([]);
    expect(codes(fields, 'claim.line.dateFrom', 2)).toEqual(['claim.service_before_birth']);
  });

  it('checks the total against the lines and the amount paid against the total', () => {
    const fields = [
      box('claim.line.charges', '125 00', '125.00', 1),
      box('claim.line.charges', '75 00', '75.00', 2),
      box('claim.totalCharge', '210 00', '210.00'),
      box('claim.amountPaid', '300 00', '300.00'),
    ];
    claimRules(fields);
    expect(codes(fields, 'claim.totalCharge').length).toBeGreaterThan(0);
    expect(codes(fields, 'claim.amountPaid')).toEqual(['claim.paid_over_total']);
  });

  it('does not let a pointer refer to an empty diagnosis slot', () => {
    const fields = [
      { ...box('claim.diagnosis', 'x', null, 0), raw: null },
      box('claim.diagnosis', 'E11.9', 'E11.9', 1),
      box('claim.line.pointer', 'A', 'A', 1),
      box('claim.line.pointer', 'B', 'B', 2),
    ];
    claimRules(fields);
    expect(codes(fields, 'claim.line.pointer', 1)).toEqual(['claim.pointer_unknown']);
    expect(codes(fields, 'claim.line.pointer', 2)).toEqual([]);
  });

  it('holds a "yes" to the boxes it promises', () => {
    const fields = [box('claim.anotherPlan', 'X', 'yes'), box('claim.conditionAuto', 'X', 'yes')];
    claimRules(fields);
    expect(codes(fields, 'claim.anotherPlan')).toEqual(['claim.other_plan_missing']);
    expect(codes(fields, 'claim.conditionAuto')).toEqual(['claim.accident_state_missing']);
    const answered = [box('claim.anotherPlan', 'X', 'yes'), box('claim.otherInsuredName', 'DOE, JOHN'), box('claim.conditionAuto', 'X', 'yes'), box('claim.autoAccidentState', 'NY')];
    claimRules(answered);
    expect(answered.flatMap((f) => f.findings)).toEqual([]);
  });
});
