import type { Word } from '../model/document';
import type { DocumentClassification, DocumentKind, Field } from '../model/field';
import type { ValidationContext } from '../validate/field-validation';
import { validateFields } from '../validate/field-validation';
import { scoreFields } from '../confidence/field-status';
import { flagLabelWordValues } from '../confidence/label-words';
import { markOptionalBlanks } from '../confidence/required-fields';
import { BUILT_IN_TEMPLATES } from '../templates/cms1500';
import { formClassification, formFields, markUnregistered, NOT_REGISTERED_NOTE, registerDocument, type PageSize } from '../templates/read-form';
import { isSiteTemplateId } from '../templates/site-templates';
import type { FormTemplate } from '../templates/template';
import { classifyDocument } from './classify';
import { extractFields } from './extractors';

/**
 * The app/ half of the pipeline for one document: classify, extract, validate, score. Pure: the
 * caller supplies the words, today's date, the code sets and the formulary.
 */
export interface DocumentAnalysis {
  classification: DocumentClassification;
  /** The kind the fields were extracted as: the override if the person chose one. */
  kind: DocumentKind;
  fields: Field[];
}

/**
 * Where the pages are and which forms Folio knows: with them, a page that registers to a form
 * is read box by box; without them (a caller that has only words) extraction is by label.
 */
export interface PageLayout {
  pages: readonly PageSize[];
  templates?: readonly FormTemplate[];
}

export function analyseDocument(
  words: readonly Word[],
  context: ValidationContext,
  kindOverride?: DocumentKind | null,
  layout?: PageLayout,
): DocumentAnalysis {
  const textual = classifyDocument(words);
  const templates = layout?.templates ?? BUILT_IN_TEMPLATES;
  const reading = layout ? registerDocument(words, layout.pages, templates, kindOverride ?? null) : null;
  if (reading) {
    const classification = formClassification(reading, textual.scores);
    const kind = kindOverride ?? classification.kind;
    const validated = validateFields(kind, formFields(words, reading), context);
    return { classification, kind, fields: scoreFields(validated, words) };
  }
  const kind = kindOverride ?? textual.kind;
  const extracted = markOptionalBlanks(kind, extractFields(kind, words, { formulary: context.formulary }));
  // A kind with a known form whose pages did not register: label-based values are only leads.
  // Only a standard form built in to Folio says that of every page of its kind: a site's own
  // intake form or prescription pad is one form of its kind among many, not the kind's shape.
  const formKind = layout !== undefined && templates.some((t) => t.kind === kind && !isSiteTemplateId(t.id));
  const classification = formKind ? { ...textual, formNote: NOT_REGISTERED_NOTE } : textual;
  const guarded = flagLabelWordValues(formKind ? markUnregistered(extracted) : extracted);
  const validated = validateFields(kind, guarded, context);
  return { classification, kind, fields: scoreFields(validated, words) };
}

/**
 * Re-validates and re-scores after the person edits words or fields, without re-extracting:
 * the fields they corrected keep their values.
 */
export function revalidateFields(
  kind: DocumentKind,
  fields: readonly Field[],
  words: readonly Word[],
  context: ValidationContext,
): Field[] {
  const cleared = fields.map((f) => ({ ...f, findings: [] }));
  return scoreFields(validateFields(kind, cleared, context), words);
}
