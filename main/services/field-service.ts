import { FolioError } from '../../app/contract/errors';
import { sigPartsOfText } from '../../app/extract/prescription-order';
import { personConfirmedStatus, personEditedStatus } from '../../app/confidence/person-edits';
import { isRequiredField } from '../../app/confidence/required-fields';
import { analyseDocument, revalidateFields } from '../../app/extract/analyse-document';
import type { DocumentKind, Field, ReviewField } from '../../app/model/field';
import { logger } from '../log/logger';
import type { DocumentStore } from '../vault/document-store';
import { fieldId, type FieldStore } from '../vault/field-store';
import type { SearchIndex } from '../vault/search-index';
import type { FormTemplates } from './form-templates';
import type { ValidationContextProvider } from './validation-context';

const log = logger('fields');

/** Field extraction after OCR, the person's field corrections, and the document-kind override. */
export class FieldService {
  constructor(
    private readonly documents: DocumentStore,
    private readonly fields: FieldStore,
    private readonly context: ValidationContextProvider,
    private readonly search: SearchIndex,
    private readonly templates: FormTemplates,
  ) {}

  /**
   * Extracts, validates and scores every field from the document's words. Fields the person
   * already corrected keep their values; everything is then re-validated together.
   */
  async analyse(documentId: string, kindOverride?: DocumentKind): Promise<void> {
    const context = await this.context.get();
    const pages = this.documents.pages(documentId);
    const words = pages.flatMap((page) => page.words);
    const previous = this.fields.kind(documentId);
    const override = kindOverride ?? (previous.overridden ? previous.kind : null);
    const analysis = analyseDocument(words, context, override, { pages, templates: this.templates.list() });
    const edited = new Map(this.fields.fields(documentId).filter((field) => field.edited).map((field) => [field.id, field]));
    const merged: ReviewField[] = analysis.fields.map((field) => {
      const id = fieldId(field);
      const corrected = edited.get(id);
      edited.delete(id);
      return corrected ?? { ...field, id, edited: false };
    });
    // A correction is the person's work: it survives even a re-read as a kind that lacks the field.
    merged.push(...edited.values());
    // Re-validate together only when a correction was carried over: it can change a total's check.
    const rescored = merged.some((field) => field.edited) ? this.rescore(analysis.kind, merged, words, context) : merged;
    this.fields.saveAnalysis(documentId, { classification: analysis.classification, kind: analysis.kind, overridden: override !== null }, rescored);
    this.indexValues(documentId, rescored);
    log.info('fields extracted', { kind: analysis.kind, fields: rescored.length, flagged: rescored.filter((f) => f.status !== 'confident').length });
  }

  /**
   * The person's value for one field; every field is re-validated, since a change can move a
   * total. With `confirm` (Enter in the review) the person also says the value is right, changed
   * or not: it becomes `confirmed` unless a check proves it wrong. `record(before, after)` writes
   * the audit rows in the same transaction as the change.
   */
  async update(
    documentId: string,
    id: string,
    value: string,
    record: (before: ReviewField, after: ReviewField) => void = () => undefined,
    confirm = false,
  ): Promise<ReviewField[]> {
    const current = this.fields.fields(documentId);
    const target = current.find((field) => field.id === id);
    if (!target) throw new FolioError('not_found', 'That field does not exist on this document.');
    const kind = this.fields.kind(documentId).kind;
    if (!kind) throw new FolioError('conflict', 'This document has not been read yet.');
    const trimmed = value.trim();
    const changed = trimmed !== (target.raw ?? '');
    if (!changed && !confirm) return current;
    // The machine's canonical form and description were of the old reading: validation works
    // them out again from the person's text where it can, and elsewhere the text is the value.
    // A value changed without Enter is no longer the one confirmed.
    const edited = current.map((field) =>
      field.id !== id
        ? field
        : changed
          ? { ...field, raw: trimmed === '' ? null : trimmed, normalized: null, description: null, sourceWordIds: [], ambiguity: 0, edited: true, status: 'check' as const }
          : field,
    );
    const updated = changed && target.name === 'sig.raw' ? withSigParts(edited, trimmed) : edited;
    const context = await this.context.get();
    const rescored = this.rescore(kind, updated, this.documents.words(documentId), context).map((field) =>
      confirm && field.id === id ? { ...field, status: personConfirmedStatus(field.findings) } : field,
    );
    const after = rescored.find((field) => field.id === id) as ReviewField;
    this.fields.saveFields(documentId, rescored, () => record(target, after));
    this.indexValues(documentId, rescored);
    return rescored;
  }

  /** Field values are searchable too (a member ID, an NDC), inside the encrypted database. */
  private indexValues(documentId: string, fields: readonly ReviewField[]): void {
    this.search.setFieldText(documentId, fields.flatMap((field) => (field.raw === null ? [] : [field.raw])));
    // Index the pages just read now, one document's worth, rather than all at the next search.
    this.search.refresh();
  }

  async setKind(documentId: string, kind: DocumentKind): Promise<void> {
    await this.analyse(documentId, kind);
  }

  private rescore(kind: DocumentKind, fields: ReviewField[], words: Parameters<typeof revalidateFields>[2], context: Parameters<typeof revalidateFields>[3]): ReviewField[] {
    const plain: Field[] = fields.map(({ id: _id, edited: _edited, ...field }) => field);
    return revalidateFields(kind, plain, words, context).map((field, index) => {
      const source = fields[index] as ReviewField;
      // A confirmation stands until the value changes or a check proves it wrong.
      const status =
        source.status === 'confirmed'
          ? personConfirmedStatus(field.findings)
          : source.edited
            ? field.raw === null
              ? isRequiredField(kind, field.name)
                ? 'missing'
                : 'blank'
              : personEditedStatus(field.findings)
            : field.status;
      return { ...field, status, id: source.id, edited: source.edited };
    });
  }
}

/**
 * New directions bring their own dose, frequency, route and the rest: each part is read again
 * from the person's text (and counts as theirs, so it is not flagged as a machine reading). The
 * audit row is the sig's; the parts follow from it.
 */
function withSigParts(fields: ReviewField[], sig: string): ReviewField[] {
  const parts = new Map(sigPartsOfText(sig).map((part) => [part.name, part]));
  return fields.map((field) => {
    const part = field.index === null ? parts.get(field.name) : undefined;
    if (!part || (field.raw === part.raw && field.normalized === part.normalized)) return field;
    return { ...field, raw: part.raw, normalized: part.normalized, description: null, region: null, sourceWordIds: [], ambiguity: 0, edited: true };
  });
}
