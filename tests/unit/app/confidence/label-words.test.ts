import { describe, expect, it } from 'vitest';
import { flagLabelWordValues, isLabelText } from '../../../../app/confidence/label-words';
import { scoreFields } from '../../../../app/confidence/field-status';
import { fieldFrom } from '../../../../app/extract/field-builder';
import type { Word } from '../../../../app/model/document';

function clearWord(text: string, id: string): Word {
  return { id, pageIndex: 0, line: 0, text, ocrText: text, confidence: 97, box: { x: 0, y: 0, width: 10, height: 10 }, edited: false };
}

describe('label words read as values', () => {
  it('knows the printed label words of forms, and not people, codes or numbers', () => {
    expect(isLabelText('Program')).toBe(true);
    expect(isLabelText('AMOUNT PAID')).toBe(true);
    expect(isLabelText('Signature')).toBe(true);
    expect(isLabelText('DOE, JANE')).toBe(false);
    expect(isLabelText('XYZ123456789')).toBe(false);
    expect(isLabelText('29.00')).toBe(false);
    expect(isLabelText('M')).toBe(false);
  });

  it('never lets a clearly read label word through as a confident value', () => {
    const words = [clearWord('Program', 'a'), clearWord('DOE', 'b')];
    const fields = [fieldFrom('claim.insuredId', { raw: 'Program', words: [words[0]!], ambiguity: 0 }), fieldFrom('claim.patientName', { raw: 'DOE', words: [words[1]!], ambiguity: 0 })];
    const scored = scoreFields(flagLabelWordValues(fields), words);
    expect(scored.map((f) => f.status)).toEqual(['check', 'confident']);
    expect(scored[0]?.findings.map((f) => f.code)).toContain('value.label_words');
  });
});
