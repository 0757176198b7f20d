import { describe, expect, it } from 'vitest';
import { builtinFormulary, builtinMedications, createFormulary, mergeMedications } from '../../../../app/formulary/formulary';
import { ocrEditDistance, ocrSimilarity } from '../../../../app/formulary/ocr-distance';
import { parseMedicationRow, parseSchedule } from '../../../../app/formulary/types';

const formulary = builtinFormulary();
const top = (text: string): string | undefined => formulary.match(text)[0]?.medication.generic;

describe('built-in formulary', () => {
  it('holds at least 500 distinct medications with forms and strengths', () => {
    const meds = builtinMedications();
    expect(meds.length).toBeGreaterThanOrEqual(500);
    expect(new Set(meds.map((m) => m.generic)).size).toBe(meds.length);
    for (const m of meds) {
      expect(m.strengths.length, m.generic).toBeGreaterThan(0);
      expect(m.forms.length, m.generic).toBeGreaterThan(0);
    }
  });

  it('knows the schedules that matter for refills', () => {
    expect(formulary.lookup('oxycodone')?.schedule).toBe('CII');
    expect(formulary.lookup('Adderall')?.schedule).toBe('CII');
    expect(formulary.lookup('Norco')?.schedule).toBe('CII');
    expect(formulary.lookup('alprazolam')?.schedule).toBe('CIV');
    expect(formulary.lookup('Suboxone')?.schedule).toBe('CIII');
    expect(formulary.lookup('Lyrica')?.schedule).toBe('CV');
    expect(formulary.lookup('lisinopril')?.schedule).toBeNull();
  });
});

describe('OCR-robust matching', () => {
  it('finds exact generic and brand names with score 1', () => {
    const [m] = formulary.match('Lipitor');
    expect(m?.medication.generic).toBe('atorvastatin');
    expect(m?.nameKind).toBe('brand');
    expect(m?.score).toBe(1);
  });

  it('survives typical OCR confusions', () => {
    expect(top('Lisinopri1')).toBe('lisinopril');
    expect(top('atorvastatm')).toBe('atorvastatin');
    expect(top('Metforrnin')).toBe('metformin');
    expect(top('0xycodone')).toBe('oxycodone');
    expect(top('amoxici11in')).toBe('amoxicillin');
    expect(top('Sertra1ine')).toBe('sertraline');
    expect(top('LEVOTHYROXlNE')).toBe('levothyroxine');
  });

  it('ranks candidates and keeps look-alike drugs apart', () => {
    const ranked = formulary.match('hydroxyzine');
    expect(ranked[0]?.medication.generic).toBe('hydroxyzine');
    expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? 0);
    expect(top('hydralazine')).toBe('hydralazine');
    expect(top('clonidine')).toBe('clonidine');
    expect(top('klonopin')).toBe('clonazepam');
  });

  it('returns nothing for text that is not a drug', () => {
    expect(formulary.match('Patient')).toEqual([]);
    expect(formulary.match('xz')).toEqual([]);
  });

  it('scores confusions cheaper than arbitrary substitutions', () => {
    expect(ocrEditDistance('rn', 'm')).toBeLessThan(1);
    expect(ocrEditDistance('l1sinopril', 'lisinopril')).toBeLessThan(ocrEditDistance('lxsinopril', 'lisinopril'));
    expect(ocrSimilarity('same', 'same')).toBe(1);
    expect(ocrEditDistance('abc', '')).toBe(3);
  });
});

describe('formulary rows and merging', () => {
  it('parses the compact row syntax and DEA schedule spellings', () => {
    expect(parseMedicationRow('Foo | Bar, Baz | 1 mg; 2 mg | tablet | C-II')).toEqual({
      generic: 'foo',
      brands: ['Bar', 'Baz'],
      strengths: ['1 mg', '2 mg'],
      forms: ['tablet'],
      schedule: 'CII',
    });
    expect(parseSchedule('CIIN')).toBe('CII');
    expect(parseSchedule('CIV')).toBe('CIV');
    expect(parseSchedule('')).toBeNull();
  });

  it('merges extra brands without losing curated data', () => {
    const base = [parseMedicationRow('zolpidem | Ambien | 5 mg | tablet | CIV')];
    const merged = mergeMedications(base, [parseMedicationRow('zolpidem | Zolpimist | 5 mg | spray |'), parseMedicationRow('newdrug | Newbrand | 1 mg | tablet |')]);
    expect(merged.find((m) => m.generic === 'zolpidem')).toMatchObject({ brands: ['Ambien', 'Zolpimist'], schedule: 'CIV' });
    expect(createFormulary(merged).match('Newbrand')[0]?.medication.generic).toBe('newdrug');
  });
});
