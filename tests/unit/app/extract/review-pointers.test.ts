import { describe, expect, it } from 'vitest';
import type { Field } from '../../../../app/model/field';
import { analyseDocument, revalidateFields } from '../../../../app/extract/analyse-document';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import type { ValidationContext } from '../../../../app/validate/field-validation';
import { smallHcpcs, smallIcd10 } from '../validate/code-fixtures';
import { layoutWords } from './layout-words';
import { CLAIM } from './documents';

/**
 * What sends a tired reviewer to a wrong value: an H/L flag the engine did not read, a table row
 * or service line it could not split, an ID prefix it read as a digit. Each must come out `check`
 * (never `confident`, never silently absent), and a normal row's empty flag must not.
 */
const ctx: ValidationContext = {
  today: '2026-11-25',
  codeSets: { icd10: smallIcd10(), hcpcs: smallHcpcs() },
  formulary: builtinFormulary(),
};

const get = (fields: readonly Field[], name: string, index: number | null = null): Field | undefined =>
  fields.find((f) => f.name === name && f.index === index);

const LAB = [
  'Springfield Clinical Laboratory',
  'Patient: Doe, John   DOB: 03/07/1985',
  'Collected: 11/20/2026 08:15',
  'Test   Result   Units   Reference Range   Flag',
  'Glucose   105   mg/dL   70-99',
  'Potassium   4.1   mmol/L   3.5-5.1',
  'Sodium   130   mmol/L   136-145   x',
  'Calcium   9.1   mg/dL   8.5-10.2   H',
  'ALT   Al   U/L   7-56',
  'Results reviewed electronically.',
];

describe('lab H/L flags', () => {
  const { fields } = analyseDocument(layoutWords(LAB), ctx);

  it('shows the empty flag of a normal result as a confident blank, judged by the value and range words', () => {
    const flag = get(fields, 'lab.row.flag', 2);
    expect(flag).toMatchObject({ raw: null, normalized: '', status: 'confident', findings: [] });
    expect(flag?.sourceWordIds.length).toBe(2);
    expect(flag?.region).not.toBeNull();
  });

  it('sends the reviewer to an out-of-range result whose flag was not read', () => {
    const flag = get(fields, 'lab.row.flag', 1);
    expect(flag).toMatchObject({ raw: null, normalized: 'H', status: 'check' });
    expect(flag?.findings.map((f) => f.code)).toEqual(['lab.flag_unread']);
    // The review view shows the text as read (none), so the implied flag is offered to pick.
    expect(flag?.findings[0]?.suggestions).toEqual(['H']);
    // The value itself was read clearly; the flag is what is missing.
    expect(get(fields, 'lab.row.value', 1)?.status).toBe('confident');
  });

  it('reads a mangled mark in the flag column as the flag the range implies, to be checked', () => {
    expect(get(fields, 'lab.row.flag', 3)).toMatchObject({ raw: 'x', normalized: 'L', status: 'check' });
  });

  it('warns on both cells when a printed flag contradicts the range', () => {
    expect(get(fields, 'lab.row.flag', 4)?.findings.map((f) => f.code)).toEqual(['lab.flag_mismatch']);
    expect(get(fields, 'lab.row.value', 4)?.status).toBe('check');
  });

  it('settles the flag again when the person corrects the value', () => {
    const edited = fields.map((f) => (f.name === 'lab.row.value' && f.index === 1 ? { ...f, raw: '88', normalized: '88' } : f));
    const again = revalidateFields('lab_report', edited, layoutWords(LAB), ctx);
    expect(get(again, 'lab.row.flag', 1)).toMatchObject({ normalized: '', findings: [] });
  });
});

describe('lines Folio could not parse', () => {
  it('keeps a table line that holds data but is no row, as a check field pointing at the line', () => {
    const { fields } = analyseDocument(layoutWords(LAB), ctx);
    // Numbered by where it sits: the fifth line of the table, after four rows read into cells.
    const line = get(fields, 'lab.row.unparsed', 5);
    expect(line).toMatchObject({ raw: 'ALT Al U/L 7-56', status: 'check' });
    expect(line?.sourceWordIds.length).toBe(4);
    expect(line?.region).not.toBeNull();
    // Finding messages never repeat what was read.
    expect(line?.findings[0]?.message).not.toContain('ALT');
    expect(fields.filter((f) => f.name === 'lab.row.unparsed')).toHaveLength(1);
  });

  it('keeps a box 24 line that is no service line, and only inside box 24', () => {
    const claim = CLAIM.map((l) => (l.startsWith('11/02/26') ? '11/02/26 11/02/26 11 J11 A 20.00 2 1234567893' : l));
    const { fields } = analyseDocument(layoutWords(claim), ctx);
    // The second printed service line, numbered as such.
    expect(get(fields, 'claim.line.unparsed', 2)).toMatchObject({ status: 'check' });
    expect(fields.filter((f) => f.name === 'claim.line.unparsed')).toHaveLength(1);
    expect(get(fields, 'claim.line.procedure', 2)).toBeUndefined();
  });

  it('repairs doubled glyphs in form cells but leaves them for the reviewer to confirm', () => {
    const claim = CLAIM.map((l) => (l.startsWith('11/02/26') ? 'O11 02 26 11 02 26 11 jJ1100 A 20.00 2 1234567893' : l));
    const { fields } = analyseDocument(layoutWords(claim), ctx);
    expect(get(fields, 'claim.line.procedure', 2)).toMatchObject({ normalized: 'J1100', status: 'check' });
    expect(get(fields, 'claim.line.dateFrom', 2)).toMatchObject({ raw: '11 02 26', status: 'check' });
  });
});

describe('claim insured ID', () => {
  it('reads a digit in the letter prefix as the letter it resembles, as check', () => {
    const claim = CLAIM.map((l) => (l === 'XYZ123456789' ? '1HS276452074' : l));
    const id = get(analyseDocument(layoutWords(claim), ctx).fields, 'claim.insuredId');
    expect(id).toMatchObject({ normalized: 'IHS276452074', status: 'check' });
  });

  it('leaves an ID of letters and digits as read', () => {
    expect(get(analyseDocument(layoutWords(CLAIM), ctx).fields, 'claim.insuredId')).toMatchObject({ normalized: 'XYZ123456789', status: 'confident' });
  });
});
