import { afterAll, describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../app/extract/analyse-document';
import { builtinFormulary } from '../../../app/formulary/formulary';
import type { Word } from '../../../app/model/document';
import { BUILT_IN_TEMPLATES } from '../../../app/templates/cms1500';
import { loadShippedCodeSets } from '../../../main/codesets/load-codesets';
import { openPageSource } from '../../../main/imaging/decode';
import { readFormPage } from '../../../main/ocr/read-form-page';
import { recognizeDisplayedPage } from '../../../main/ocr/recognize-page';
import { TesseractCliEngine } from '../../../main/ocr/tesseract-cli';
import { scoreDocument } from '../../fixtures/documents/score';
import { CORPUS_TODAY } from '../../fixtures/documents/truth';
import { generateCms1500Page } from '../../fixtures/forms/cms1500-corpus';

/**
 * Claims printed by a misfeeding billing program and scanned in grey, read by real Tesseract
 * through the product's path: the red form's print survives such a scan as a mid grey, and a
 * misfed values line sits on the labels of the boxes below it. Seeds 0 and 8 are claims whose
 * values were lost that way (a pooled ink level took the values' black for the form's, so the
 * labels were erased by position with the values on them; the scan's dark specks left in the
 * form's print were read as marks).
 */
const engine = new TesseractCliEngine();
afterAll(async () => engine.close());

async function readClaim(seed: number, capture: 'scan' | 'fax' = 'scan') {
  const page = await generateCms1500Page(seed, { fill: 'printed', capture });
  const source = await openPageSource(page.file);
  const raster = await source.page(0);
  const input = { image: raster.display, dpi: raster.dpi, width: raster.width, height: raster.height };
  const first = await recognizeDisplayedPage(engine, input);
  const form = await readFormPage(engine, input, first.words, BUILT_IN_TEMPLATES);
  const words: Word[] = (form?.words ?? first.words).map((w, i) => ({
    id: `w${i}`,
    pageIndex: 0,
    line: w.line,
    text: w.text,
    ocrText: w.text,
    confidence: w.confidence,
    box: w.box,
    edited: false,
  }));
  const codeSets = await loadShippedCodeSets('resources/codesets');
  const analysis = analyseDocument(words, { today: CORPUS_TODAY, codeSets, formulary: builtinFormulary() }, null, {
    pages: [{ index: 0, width: raster.width, height: raster.height }],
    templates: BUILT_IN_TEMPLATES,
  });
  return { registered: form !== null, model: analysis.classification.form?.pages[0]?.model ?? null, outcomes: scoreDocument({ ...page.truth, degradation: 'clean' }, analysis, words) };
}

describe('a misfed claim scanned in grey', () => {
  for (const seed of [0, 8]) {
    it(`gives back the values of claim ${seed}, and none of its wrong ones as confident`, async () => {
      const { registered, outcomes } = await readClaim(seed);
      expect(registered).toBe(true);
      const truth = outcomes.filter((o) => o.expected !== null && o.seededInvalid === null);
      const exact = truth.filter((o) => o.correct);
      // Before the fix: 39 of 53 (seed 0) and 56 of 73 (seed 8).
      expect(exact.length / truth.length).toBeGreaterThanOrEqual(0.93);
      expect(outcomes.filter((o) => !o.correct && o.status === 'confident').map((o) => `${o.name}#${o.index ?? ''}`)).toEqual([]);
    });
  }
});

describe('a fax of the red claim form, which keeps the values and loses the form', () => {
  it('is placed by where its values sit, gives them back, and marks none of them confident', async () => {
    const { model, outcomes } = await readClaim(4, 'fax');
    expect(model).toBe('values');
    const truth = outcomes.filter((o) => o.expected !== null && o.seededInvalid === null);
    // Before: the fax did not register, and every value was read by its label alone (0 exact).
    expect(truth.filter((o) => o.correct).length / truth.length).toBeGreaterThanOrEqual(0.9);
    expect(outcomes.filter((o) => o.status === 'confident')).toEqual([]);
  });
});
