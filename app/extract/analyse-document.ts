import type { Word } from '../model/document';
import type { DocumentClassification, DocumentKind, Field } from '../model/field';
import type { ValidationContext } from '../validate/field-validation';
import { validateFields } from '../validate/field-validation';
import { scoreFields } from '../confidence/field-status';
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

export function analyseDocument(
  words: readonly Word[],
  context: ValidationContext,
  kindOverride?: DocumentKind | null,
): DocumentAnalysis {
  const classification = classifyDocument(words);
  const kind = kindOverride ?? classification.kind;
  const extracted = extractFields(kind, words, { formulary: context.formulary });
  const validated = validateFields(kind, extracted, context);
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
