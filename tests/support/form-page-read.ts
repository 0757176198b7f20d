import type { Word } from '../../app/model/document';
import type { FormTemplate } from '../../app/templates/template';
import { openPageSource } from '../../main/imaging/decode';
import type { OcrEngine, OcrWord } from '../../main/ocr/engine';
import { bestRegistration, readFormPage } from '../../main/ocr/read-form-page';
import { recognizeDisplayedPage } from '../../main/ocr/recognize-page';

/**
 * One page file read as the page pipeline reads it (main/services/page-pipeline.ts): decode,
 * prepare, Tesseract in the layout the page calls for (a page a template registers to is not
 * re-read for its layout), then the second reading without the form's ink when it registers to
 * one of `templates`. For benches and tests that score pages against templates they choose.
 */
export interface FormPageRead {
  words: Word[];
  width: number;
  height: number;
  /** The template the second reading registered to, or null when none did. */
  templateId: string | null;
}

export function asPageWords(words: readonly OcrWord[]): Word[] {
  return words.map((w, i) => ({ id: `p0-w${i}`, pageIndex: 0, line: w.line, text: w.text, ocrText: w.text, confidence: w.confidence, box: w.box, edited: false }));
}

export async function readFormDocumentPage(engine: OcrEngine, file: Buffer, templates: readonly FormTemplate[]): Promise<FormPageRead> {
  const source = await openPageSource(file);
  try {
    const page = await source.page(0);
    const size = { width: page.width, height: page.height };
    const formApplies = (words: readonly OcrWord[]): boolean => templates.length > 0 && bestRegistration(asPageWords(words), size, templates) !== null;
    const first = await recognizeDisplayedPage(engine, { image: page.display, dpi: page.dpi }, { formApplies });
    const form = await readFormPage(engine, { image: page.display, dpi: page.dpi, width: page.width, height: page.height }, first.words, templates);
    return { words: asPageWords(form?.words ?? first.words), width: page.width, height: page.height, templateId: form?.templateId ?? null };
  } finally {
    await source.close();
  }
}
