import type { Word } from '../model/document';
import type { Field } from '../model/field';
import { scoreFields } from '../confidence/field-status';
import { validateFields, type ValidationContext } from '../validate/field-validation';
import { formFields, registerDocument, type PageSize } from './read-form';
import { registerPage, type Registration } from './register';
import type { FormTemplate } from './template';

/**
 * "Test on a document": what a template reads from a document's pages before it is saved, by
 * the same steps analysis takes on a page that registers (registerDocument, formFields, then
 * validation and scoring), so the designer shows what a reviewer would see.
 */

export interface TemplateTrialPage {
  pageIndex: number;
  registered: boolean;
  anchorsFound: number;
  anchorsTotal: number;
  /** RMS distance of the anchors from the fit, in the template's units; null when not registered. */
  residual: number | null;
  model: Registration['model'] | null;
  /** Why the page did not register, in a sentence; null when it did. */
  reason: string | null;
}

export interface TemplateTrial {
  pages: TemplateTrialPage[];
  fields: Field[];
}

function wordsOf(words: readonly Word[], pageIndex: number): Word[] {
  return words.filter((w) => w.pageIndex === pageIndex);
}

export function tryTemplate(words: readonly Word[], pages: readonly PageSize[], template: FormTemplate, context: ValidationContext): TemplateTrial {
  const trialPages = pages.map((page): TemplateTrialPage => {
    if (page.width === 0) {
      return { pageIndex: page.index, registered: false, anchorsFound: 0, anchorsTotal: 0, residual: null, model: null, reason: 'This page has not been read yet.' };
    }
    const outcome = registerPage(wordsOf(words, page.index), page, template);
    if (!outcome.registered) {
      return { pageIndex: page.index, registered: false, anchorsFound: outcome.anchorsFound, anchorsTotal: outcome.anchorsTotal, residual: null, model: null, reason: outcome.reason };
    }
    const { registration } = outcome;
    return {
      pageIndex: page.index,
      registered: true,
      anchorsFound: registration.anchorsFound,
      anchorsTotal: registration.anchorsTotal,
      residual: Math.round(registration.residual * 10) / 10,
      model: registration.model,
      reason: null,
    };
  });
  const reading = registerDocument(words, pages, [template], null);
  if (!reading) return { pages: trialPages, fields: [] };
  const validated = validateFields(template.kind, formFields(words, reading), context);
  return { pages: trialPages, fields: scoreFields(validated, words) };
}
