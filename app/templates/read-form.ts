import type { Word } from '../model/document';
import type { DocumentClassification, DocumentKind, Field } from '../model/field';
import { warningFinding } from '../validate/finding';
import { registerPage, type Registration } from './register';
import { registerByValues } from './register-by-values';
import { isSiteTemplateId } from './site-templates';
import type { FormTemplate } from './template';
import { templateFields } from './template-fields';

/**
 * The template stage of the pipeline for one document: which pages register to which known
 * form, and the fields read box by box from them. Pages that register to nothing fall back to
 * label-based extraction, and what that finds on a kind that has a template is only ever `check`.
 */

export interface PageSize {
  index: number;
  width: number;
  height: number;
}

export interface RegisteredPage {
  pageIndex: number;
  registration: Registration;
}

export interface FormReading {
  template: FormTemplate;
  pages: RegisteredPage[];
}

/** Service lines a CMS-1500 holds: a claim's second form numbers its lines from 7. */
const ROWS_PER_FORM = 6;
const DIAGNOSES_PER_FORM = 12;

function wordsByPage(words: readonly Word[]): Map<number, Word[]> {
  const pages = new Map<number, Word[]>();
  for (const w of words) pages.set(w.pageIndex, [...(pages.get(w.pageIndex) ?? []), w]);
  return pages;
}

/**
 * The template most of the document's pages register to (most anchors on ties). Only templates
 * of `kind` are tried when the person has chosen the kind.
 */
export function registerDocument(
  words: readonly Word[],
  pages: readonly PageSize[],
  templates: readonly FormTemplate[],
  kind: DocumentKind | null,
): FormReading | null {
  const byPage = wordsByPage(words);
  let best: FormReading | null = null;
  const anchors = (reading: FormReading): number => reading.pages.reduce((s, p) => s + p.registration.anchorsFound, 0);
  for (const template of templates) {
    if (kind !== null && template.kind !== kind) continue;
    const registered: RegisteredPage[] = [];
    for (const page of pages) {
      const pageWords = byPage.get(page.index);
      if (!pageWords || page.width === 0) continue;
      const outcome = registerPage(pageWords, page, template);
      // Only a standard form is looked for by its values' places: a site's own form is one form
      // of its kind among many, and a page of values alone says nothing of which.
      const placed = outcome.registered || isSiteTemplateId(template.id) ? outcome : registerByValues(pageWords, page, template);
      if (placed.registered) registered.push({ pageIndex: page.index, registration: placed.registration });
    }
    const reading = { template, pages: registered };
    // Pages placed by their labels beat pages placed by their values alone.
    if (registered.length > 0 && (!best || registered.length > best.pages.length || (registered.length === best.pages.length && anchors(reading) > anchors(best)))) {
      best = reading;
    }
  }
  return best;
}

/** A repeated field's number on a claim that runs over several forms. */
function renumber(field: Field, formNumber: number): Field {
  if (formNumber === 0 || field.index === null) return field;
  if (field.name.startsWith('claim.line.')) return { ...field, index: field.index + formNumber * ROWS_PER_FORM };
  if (field.name === 'claim.diagnosis') return { ...field, index: field.index + formNumber * DIAGNOSES_PER_FORM };
  return field;
}

/**
 * Fields of every registered page. A single field (the patient's name) is taken from the first
 * form that has it; repeated ones (service lines, diagnoses) are numbered on across forms.
 */
export function formFields(words: readonly Word[], reading: FormReading): Field[] {
  const byPage = wordsByPage(words);
  const fields: Field[] = [];
  const single = new Map<string, number>();
  reading.pages.forEach((page, formNumber) => {
    for (const raw of templateFields(byPage.get(page.pageIndex) ?? [], page.pageIndex, page.registration, reading.template)) {
      // A required repeated box left empty on a later form is not missing: the claim simply ended.
      if (formNumber > 0 && raw.raw === null && raw.index !== null) continue;
      const field = renumber(raw, formNumber);
      if (field.index !== null) {
        fields.push(field);
        continue;
      }
      const at = single.get(field.name);
      if (at === undefined) {
        single.set(field.name, fields.length);
        fields.push(field);
      } else if (fields[at]?.raw === null && field.raw !== null) {
        fields[at] = field;
      }
    }
  });
  return fields;
}

export function formClassification(reading: FormReading, scores: DocumentClassification['scores']): DocumentClassification {
  const share = Math.max(...reading.pages.map((p) => p.registration.anchorsFound / Math.max(p.registration.anchorsTotal, 1)));
  return {
    kind: reading.template.kind,
    // Half the form's labels found where the form prints them leaves no doubt; a fifth (the least
    // that registers) still beats any count of text cues.
    confidence: Math.min(0.99, 0.6 + share),
    scores,
    form: {
      templateId: reading.template.id,
      name: reading.template.name,
      pages: reading.pages.map((p) => ({
        pageIndex: p.pageIndex,
        anchorsFound: p.registration.anchorsFound,
        anchorsTotal: p.registration.anchorsTotal,
        residual: Math.round(p.registration.residual * 10) / 10,
        model: p.registration.model,
      })),
    },
    formNote: null,
  };
}

export const NOT_REGISTERED_NOTE =
  'This page looks like a known form but could not be matched to its layout, so its values were found by their labels alone; check each one.';

/** What label-based extraction found on a page that should have registered: never `confident`. */
export function markUnregistered(fields: readonly Field[]): Field[] {
  return fields.map((field) =>
    field.raw === null
      ? field
      : { ...field, findings: [...field.findings, warningFinding('template.not_registered', 'Found by its label, not in its box on the form; check it.')] },
  );
}
