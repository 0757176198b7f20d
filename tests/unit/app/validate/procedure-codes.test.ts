import { describe, expect, it } from 'vitest';
import { validateCptFormat, validateModifier, validateProcedureCode } from '../../../../app/validate/procedure-codes';
import { smallHcpcs } from './code-fixtures';

const hcpcs = smallHcpcs();
const codes = (raw: string, date?: string): string[] =>
  validateProcedureCode(raw, hcpcs, date).findings.map((f) => f.code);

describe('procedure codes', () => {
  it('checks CPT by format only: five digits, or four digits and F, T or U', () => {
    expect(validateCptFormat('99213').normalized).toBe('99213');
    expect(validateCptFormat('0001U').system).toBe('cpt');
    expect(validateCptFormat('3074F').findings).toEqual([]);
    expect(validateCptFormat('0042T').findings).toEqual([]);
    expect(validateCptFormat('9921').findings.map((f) => f.code)).toEqual(['cpt.format']);
    expect(validateCptFormat('1234X').findings.map((f) => f.code)).toEqual(['cpt.format']);
    expect(validateCptFormat('992135').findings.map((f) => f.code)).toEqual(['cpt.format']);
  });

  it('looks HCPCS Level II codes up in the release', () => {
    expect(codes('J1100')).toEqual([]);
    expect(validateProcedureCode('j1100', hcpcs).entry?.description).toBe('Dexamethasone sodium phos');
    expect(codes('J9999')).toEqual(['hcpcs.unknown']);
    expect(codes('W1234')).toEqual(['hcpcs.format']);
    expect(codes('')).toEqual(['procedure.missing']);
  });

  it('flags a terminated HCPCS code only for services after termination', () => {
    expect(codes('Q9999', '2018-06-01')).toEqual([]);
    expect(codes('Q9999', '2019-02-01')).toEqual(['hcpcs.terminated']);
  });

  it('does not accept a modifier as a procedure, and checks modifiers', () => {
    expect(validateModifier('LT', hcpcs)).toEqual([]);
    expect(validateModifier('25', hcpcs)).toEqual([]);
    expect(validateModifier('ZZ', hcpcs).map((f) => f.code)).toEqual(['modifier.unknown']);
    expect(validateModifier('LTX', hcpcs).map((f) => f.code)).toEqual(['modifier.format']);
  });
});
