import { describe, expect, it } from 'vitest';
import type { Word } from '../../../../app/model/document';
import { analyseDocument } from '../../../../app/extract/analyse-document';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import { BUILT_IN_TEMPLATES, CMS1500_TEMPLATE } from '../../../../app/templates/cms1500';
import { knownFieldNames } from '../../../../app/templates/known-fields';
import { printedRuns, proposeTemplate } from '../../../../app/templates/propose';
import {
  MAX_TEMPLATE_JSON_CHARS,
  isSiteTemplateId,
  parseTemplateFile,
  siteTemplateId,
  templateFileText,
  templateIdFromName,
} from '../../../../app/templates/site-templates';
import { FormTemplateSchema, type FormTemplate, type ZoneInput } from '../../../../app/templates/template';
import { applyTransform, type Matrix3 } from '../../../../app/templates/transform';
import { tryTemplate } from '../../../../app/templates/try-template';
import type { ValidationContext } from '../../../../app/validate/field-validation';
import { INTAKE_PAGE, INTAKE_ROWS, intakeForm, intakeValue } from '../../../fixtures/documents/intake-form';
import { smallHcpcs, smallIcd10 } from '../validate/code-fixtures';

/**
 * The form designer's pure steps on the generated intake form, with words placed where the
 * renderer puts its text (no engine): propose a template from the blank copy, draw zones where
 * the values go, and read the filled copy, also as a scan that came out smaller and tilted.
 */

const ctx: ValidationContext = { today: '2026-11-25', codeSets: { icd10: smallIcd10(), hcpcs: smallHcpcs() }, formulary: builtinFormulary() };
const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** The form's text as an engine would box it: DejaVu Sans advances about 0.6 em a character. */
function pageWords(filled: boolean, page: Matrix3 = IDENTITY): Word[] {
  const words: Word[] = [];
  const { spec } = intakeForm(filled);
  const lines = [...new Set(spec.cells.map((cell) => cell.y))];
  for (const cell of spec.cells) {
    const size = cell.size ?? spec.size;
    let x = cell.x;
    for (const token of cell.runs.map((run) => run.text).join('').split(' ')) {
      const width = token.length * size * 0.6;
      const corners = [
        applyTransform(page, { x, y: cell.y - size * 0.75 }),
        applyTransform(page, { x: x + width, y: cell.y + size * 0.2 }),
      ];
      words.push({
        id: `w${words.length}`,
        pageIndex: 0,
        line: lines.indexOf(cell.y),
        text: token,
        ocrText: token,
        confidence: 96,
        box: { x: corners[0]!.x, y: corners[0]!.y, width: corners[1]!.x - corners[0]!.x, height: corners[1]!.y - corners[0]!.y },
        edited: false,
      });
      x += width + size * 0.3;
    }
  }
  return words;
}

/** The zones a person draws: one per value box, named and typed as the fixture says. */
function drawnZones(fields: readonly string[]): ZoneInput[] {
  const { boxes } = intakeForm(true);
  const entries = INTAKE_ROWS.flatMap((row) => row.flatMap((entry) => (entry ? [entry] : [])));
  return fields.map((field) => {
    const entry = entries.find((candidate) => candidate.field === field)!;
    return { field, index: null, box: boxes[field]!, type: entry.type, required: field === 'patient.name' };
  });
}

function designed(fields: readonly string[]): FormTemplate {
  const draft = proposeTemplate({ ...INTAKE_PAGE, words: pageWords(false) }, { id: 'site.sunrise-intake', name: 'Sunrise intake', kind: 'other' });
  return FormTemplateSchema.parse({ ...draft, zones: drawnZones(fields) });
}

describe('propose from the page', () => {
  it('takes the page size as the reference space and each label as one printed run, anchored on its first word', () => {
    const draft = proposeTemplate({ ...INTAKE_PAGE, words: pageWords(false) }, { id: 'site.x', name: 'X', kind: 'other' });
    expect(draft.size).toEqual(INTAKE_PAGE);
    expect(draft.zones).toEqual([]);
    const texts = draft.printed.map((printed) => printed.text);
    expect(texts).toContain('SUNRISE FAMILY CLINIC');
    expect(texts).toContain('New Patient Intake Form');
    // Two labels on one line are two runs: the colon ends a label.
    expect(texts).toContain('Patient name:');
    expect(texts).toContain('Date of birth:');
    expect(texts).toContain('Emergency contact:');
    expect(draft.printed.every((printed) => printed.anchor)).toBe(true);
    const name = draft.printed.find((printed) => printed.text === 'Patient name:')!;
    expect(name.box.x).toBeCloseTo(150, 0);
  });

  it('keeps a label apart from the value beside it, drops rule ink, and does not anchor on short words', () => {
    const runs = printedRuns([
      ...pageWords(true).filter((word) => word.line === 2),
      { id: 'rule', pageIndex: 0, line: 2, text: '____', ocrText: '____', confidence: 40, box: { x: 1300, y: 400, width: 40, height: 10 }, edited: false },
      { id: 'of', pageIndex: 0, line: 9, text: 'of', ocrText: 'of', confidence: 90, box: { x: 100, y: 2000, width: 40, height: 40 }, edited: false },
    ]);
    expect(runs.map((run) => run.text)).toEqual(['Patient name:', 'Maria Lopez', 'Date of birth:', '04/12/1968', 'of']);
    expect(runs.at(-1)?.anchor).toBe(false);
  });
});

describe('a designed template on the filled form', () => {
  const fields = ['patient.name', 'patient.dob', 'insurance.memberNumber', 'patient.email'];

  it('reads each drawn box, and says the page registered with a small residual', () => {
    const template = designed(fields);
    const trial = tryTemplate(pageWords(true), [{ index: 0, ...INTAKE_PAGE }], template, ctx);
    expect(trial.pages).toEqual([expect.objectContaining({ pageIndex: 0, registered: true, reason: null })]);
    expect(trial.pages[0]!.residual).toBeLessThan(2);
    const raw = (name: string): string | null | undefined => trial.fields.find((field) => field.name === name)?.raw;
    expect(raw('patient.name')).toBe(intakeValue('patient.name'));
    expect(raw('patient.dob')).toBe(intakeValue('patient.dob'));
    expect(raw('insurance.memberNumber')).toBe(intakeValue('insurance.memberNumber'));
    // An empty box that is not required is simply absent; the labels never become values.
    expect(raw('patient.email')).toBeUndefined();
    expect(trial.fields.every((field) => !/:$/.test(field.raw ?? ''))).toBe(true);
  });

  it('finds the values on a scan that came out at 200 dpi, tilted and offset', () => {
    const s = 2 / 3;
    const a = (0.8 * Math.PI) / 180;
    const scan: Matrix3 = [s * Math.cos(a), -s * Math.sin(a), 30, s * Math.sin(a), s * Math.cos(a), 18, 0, 0, 1];
    const trial = tryTemplate(pageWords(true, scan), [{ index: 0, width: 1700, height: 2200 }], designed(fields), ctx);
    expect(trial.pages[0]?.registered).toBe(true);
    expect(trial.fields.find((field) => field.name === 'patient.name')?.raw).toBe('Maria Lopez');
  });

  it('says why a page of another form does not register, and reads nothing from it', () => {
    const trial = tryTemplate(pageWords(true), [{ index: 0, ...INTAKE_PAGE }], CMS1500_TEMPLATE, ctx);
    expect(trial.pages[0]).toMatchObject({ registered: false, residual: null });
    expect(trial.pages[0]?.reason).toMatch(/labels/);
    expect(trial.fields).toEqual([]);
  });

  it('shows a required box left empty as missing, where the box is', () => {
    const blank = tryTemplate(pageWords(false), [{ index: 0, ...INTAKE_PAGE }], designed(fields), ctx);
    const name = blank.fields.find((field) => field.name === 'patient.name');
    expect(name?.status).toBe('missing');
    expect(name?.region?.box.x).toBeCloseTo(695, 0);
  });
});

describe('analysis with a site template', () => {
  it('reads the registered page box by box, named after the site’s form', () => {
    const analysis = analyseDocument(pageWords(true), ctx, null, { pages: [{ index: 0, ...INTAKE_PAGE }], templates: [...BUILT_IN_TEMPLATES, designed(['patient.name'])] });
    expect(analysis.classification.form?.templateId).toBe('site.sunrise-intake');
    expect(analysis.fields.find((field) => field.name === 'patient.name')?.raw).toBe('Maria Lopez');
  });

  it('does not say a page of the same kind that is some other form “looks like a known form”', () => {
    const sitePad = { ...designed(['patient.name']), kind: 'prescription' as const };
    const rx = ['Jane Q. Smith, MD', 'NPI: 1234567893   DEA: AS1234563', 'Patient: John Doe   DOB: 03/07/1985', 'Rx: Atorvastatin 20 mg tablet', 'Sig: Take 1 tablet by mouth once daily', 'Qty: 30   Refills: 3'];
    const words: Word[] = rx.flatMap((line, row) =>
      line.split(/\s+/).map((text, column) => ({ id: `r${row}-${column}`, pageIndex: 0, line: row, text, ocrText: text, confidence: 96, box: { x: 150 + column * 200, y: 200 + row * 80, width: 180, height: 40 }, edited: false })),
    );
    const analysis = analyseDocument(words, ctx, 'prescription', { pages: [{ index: 0, ...INTAKE_PAGE }], templates: [...BUILT_IN_TEMPLATES, sitePad] });
    expect(analysis.classification.formNote ?? null).toBeNull();
    expect(analysis.fields.flatMap((field) => field.findings.map((finding) => finding.code))).not.toContain('template.not_registered');
  });
});

describe('site template ids and files', () => {
  it('keeps site ids in their own namespace, which no built-in form uses', () => {
    expect(BUILT_IN_TEMPLATES.some((template) => isSiteTemplateId(template.id))).toBe(false);
    expect(siteTemplateId('cms1500-0212')).toBe('site.cms1500-0212');
    expect(siteTemplateId('site.intake')).toBe('site.intake');
    expect(templateIdFromName('Sunrise Intake (2024)')).toBe('site.sunrise-intake-2024');
    expect(templateIdFromName('')).toBe('site.form');
  });

  it('reads back what it writes, and names what is wrong with anything else, without its values', () => {
    const template = designed(['patient.name']);
    const file = templateFileText(template);
    expect(parseTemplateFile(file)).toEqual({ ok: true, template });
    expect(parseTemplateFile(JSON.stringify(template))).toEqual({ ok: true, template });
    expect(parseTemplateFile('{ not json')).toMatchObject({ ok: false, message: expect.stringMatching(/not JSON/) });
    expect(parseTemplateFile('{"resourceType":"Bundle"}')).toMatchObject({ ok: false, message: expect.stringMatching(/not a Folio form template/) });
    expect(parseTemplateFile('{"format":"something-else","template":{}}')).toMatchObject({ ok: false, message: expect.stringMatching(/folio-form-template/) });
    expect(parseTemplateFile(JSON.stringify({ format: 'folio-form-template', version: 2, template }))).toMatchObject({ ok: false, message: expect.stringMatching(/newer version/) });
    const broken = JSON.stringify({ format: 'folio-form-template', version: 1, template: { ...template, zones: [{ ...template.zones[0], box: { x: 1, y: 1, width: -4, height: 9 }, field: 'Maria Lopez' }] } });
    const reading = parseTemplateFile(broken);
    expect(reading).toMatchObject({ ok: false, message: expect.stringMatching(/zones\.0\.box\.width/) });
    expect(JSON.stringify(reading)).not.toContain('Maria');
    expect(parseTemplateFile(' '.repeat(MAX_TEMPLATE_JSON_CHARS + 1))).toMatchObject({ ok: false, message: expect.stringMatching(/larger than Folio accepts/) });
  });

  it('offers the names Folio already checks and exports, per kind', () => {
    expect(knownFieldNames('cms1500')).toContain('claim.patientName');
    expect(knownFieldNames('prescription')).toEqual(expect.arrayContaining(['prescriber.npi', 'patient.dob']));
    expect(knownFieldNames('other')).toContain('patient.name');
    expect(new Set(knownFieldNames('cms1500')).size).toBe(knownFieldNames('cms1500').length);
  });
});
