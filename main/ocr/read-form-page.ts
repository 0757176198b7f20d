import type { Word } from '../../app/model/document';
import { registerPage, type Registration } from '../../app/templates/register';
import type { FormTemplate } from '../../app/templates/template';
import { assignZoneWords } from '../../app/templates/zone-words';
import { checkboxMarks } from '../imaging/checkbox-marks';
import { dropFormInk } from '../imaging/form-dropout';
import type { OcrEngine, OcrWord } from './engine';
import { recognizeDisplayedPage } from './recognize-page';

/**
 * The second reading of a page that registers to a known form: the form's own ink is dropped
 * and the engine reads what is left, text wherever it stands. The page keeps the first
 * reading's words of the form's printing (for the Text tab, search and registration) and takes
 * the second reading's words for everything filled in. A page that registers to no template
 * keeps its first reading untouched.
 */

/** What an engine makes of a lone check mark. */
const CHECK_MARK = /^[xX×✓✔✗✘kK]{1,2}$/;

export interface FormPageReading {
  words: OcrWord[];
  templateId: string;
}

function asWords(words: readonly OcrWord[]): Word[] {
  return words.map((w, i) => ({ id: String(i), pageIndex: 0, line: w.line, text: w.text, ocrText: w.text, confidence: w.confidence, box: w.box, edited: false }));
}

export function bestRegistration(
  words: readonly Word[],
  page: { width: number; height: number },
  templates: readonly FormTemplate[],
): { template: FormTemplate; registration: Registration } | null {
  let best: { template: FormTemplate; registration: Registration } | null = null;
  for (const template of templates) {
    const outcome = registerPage(words, page, template);
    if (outcome.registered && (!best || outcome.registration.anchorsFound > best.registration.anchorsFound)) {
      best = { template, registration: outcome.registration };
    }
  }
  return best;
}

export async function readFormPage(
  engine: OcrEngine,
  page: { image: Buffer; dpi: number; width: number; height: number },
  firstReading: readonly OcrWord[],
  templates: readonly FormTemplate[],
  signal?: AbortSignal,
): Promise<FormPageReading | null> {
  if (templates.length === 0 || page.width === 0) return null;
  const words = asWords(firstReading);
  const found = bestRegistration(words, page, templates);
  if (!found) return null;
  const { printedWordIds, shift } = assignZoneWords(words, found.registration, found.template);
  const dropped = await dropFormInk(page.image, found.registration, found.template);
  const second = await recognizeDisplayedPage(engine, { image: dropped.image, dpi: page.dpi }, { signal, layout: 'sparse', detectOrientation: false });
  const printed = firstReading.filter((_, i) => printedWordIds.has(String(i)));
  // Marks are measured, not read: the engine's own reading of a lone X is dropped.
  const marks = checkboxMarks(dropped.raster, found.registration, found.template, shift);
  const values = second.words.filter((w) => !CHECK_MARK.test(w.text));
  // The readings number their lines separately; the second's go after the first's, marks last.
  const lineOffset = printed.reduce((most, w) => Math.max(most, w.line), -1) + 1;
  const markLine = values.reduce((most, w) => Math.max(most, w.line), -1) + lineOffset + 1;
  return {
    words: [...printed, ...values.map((w) => ({ ...w, line: w.line + lineOffset })), ...marks.map((w) => ({ ...w, line: markLine }))],
    templateId: found.template.id,
  };
}
