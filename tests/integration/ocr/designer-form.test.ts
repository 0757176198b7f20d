import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../app/extract/analyse-document';
import { builtinFormulary } from '../../../app/formulary/formulary';
import { BUILT_IN_TEMPLATES } from '../../../app/templates/cms1500';
import { isSiteTemplateId } from '../../../app/templates/site-templates';
import type { FormTemplate } from '../../../app/templates/template';
import { loadShippedCodeSets } from '../../../main/codesets/load-codesets';
import { TesseractCliEngine } from '../../../main/ocr/tesseract-cli';
import { scoreDocument } from '../../fixtures/documents/score';
import { CORPUS_TODAY } from '../../fixtures/documents/truth';
import { designSiteTemplate, generateSiteFormPage } from '../../fixtures/forms/site-forms-corpus';
import { readFormDocumentPage } from '../../support/form-page-read';

/**
 * A form a site designs its own template for: a health plan's prior-authorization request, in
 * black print with a ruled grid, checkboxes and a service table. The template is made as a
 * person makes it in the designer (the blank copy read by real Tesseract, "Propose from the
 * page", a zone over each value's place); a filled copy, scanned in grey and crooked, is then
 * read through the product's path with it on offer beside the built-in CMS-1500.
 */
const engine = new TesseractCliEngine();
afterAll(async () => engine.close());

let template: FormTemplate;

beforeAll(async () => {
  const blank = await generateSiteFormPage('prior-auth', 0, { filled: false, capture: 'clean' });
  template = designSiteTemplate('prior-auth', await readFormDocumentPage(engine, blank.file, BUILT_IN_TEMPLATES));
});

describe('a prior-authorization request read with the template designed from its blank copy', () => {
  it('proposes the form’s own printing from the blank page, in the site namespace', () => {
    expect(isSiteTemplateId(template.id)).toBe(true);
    const texts = template.printed.map((printed) => printed.text);
    expect(texts).toEqual(expect.arrayContaining(['Member ID', 'Date of birth', 'Provider name']));
    expect(template.printed.filter((printed) => printed.anchor).length).toBeGreaterThanOrEqual(20);
  });

  it('registers a filled scanned copy and gives its values back, none of them wrong and `confident`', async () => {
    const page = await generateSiteFormPage('prior-auth', 2, { filled: true, capture: 'scan' });
    const templates = [...BUILT_IN_TEMPLATES, template];
    const read = await readFormDocumentPage(engine, page.file, templates);
    expect(read.templateId).toBe(template.id);
    const codeSets = await loadShippedCodeSets('resources/codesets');
    const analysis = analyseDocument(read.words, { today: CORPUS_TODAY, codeSets, formulary: builtinFormulary() }, null, {
      pages: [{ index: 0, width: read.width, height: read.height }],
      templates,
    });
    expect(analysis.classification.form?.templateId).toBe(template.id);
    const outcomes = scoreDocument({ ...page.truth, degradation: 'clean' }, analysis, read.words);
    const truth = outcomes.filter((o) => o.expected !== null);
    // bench:forms (designer forms, scanned): about three values in four come back exact on this form;
    // the rest are shown for checking (long free text, IDs the scan blurred).
    expect(truth.filter((o) => o.correct).length / truth.length).toBeGreaterThanOrEqual(0.6);
    for (const name of ['patient.name', 'patient.dob', 'prescriber.npi', 'request.review', 'request.type']) {
      expect(outcomes.find((o) => o.name === name)?.correct, name).toBe(true);
    }
    expect(outcomes.filter((o) => !o.correct && o.status === 'confident').map((o) => `${o.name}#${o.index ?? ''}=${o.actual ?? ''}`)).toEqual([]);
  });
});
