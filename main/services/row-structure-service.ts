import { FolioError } from '../../app/contract/errors';
import { isRequiredField } from '../../app/confidence/required-fields';
import { missingField } from '../../app/extract/field-builder';
import type { ReviewField, RowGroup } from '../../app/model/field';
import { fieldId, type FieldStore } from '../vault/field-store';

/** The fields one row of each group is made of. */
const ROW_PARTS: Readonly<Record<RowGroup, readonly string[]>> = {
  'claim.diagnosis': ['claim.diagnosis'],
  'claim.line': ['dateFrom', 'dateTo', 'pos', 'procedure', 'modifiers', 'pointer', 'charges', 'units', 'npi'].map((part) => `claim.line.${part}`),
  'lab.row': ['name', 'value', 'unit', 'range', 'flag'].map((part) => `lab.row.${part}`),
  'note.medication': ['note.medication'],
};
/** Box 21 has twelve slots, A to L. */
const MAX_DIAGNOSES = 12;

export const inRow = (group: RowGroup, field: Pick<ReviewField, 'name'>): boolean =>
  ROW_PARTS[group].includes(field.name) || (group !== 'claim.diagnosis' && group !== 'note.medication' && field.name === `${group}.unparsed`);

/**
 * Rows added or deleted by hand: the reading missed a diagnosis or service line, or made a lab
 * row out of a footer. An added row is the person's (edited), so reading the document again
 * keeps it; its fields start empty, `missing` where the kind requires them, else blank.
 */
export class RowStructureService {
  constructor(private readonly fields: FieldStore) {}

  addRow(documentId: string, group: RowGroup, record: (index: number) => void): { fields: ReviewField[]; index: number } {
    const current = this.fields.fields(documentId);
    const kind = this.fields.kind(documentId).kind;
    if (!kind) throw new FolioError('conflict', 'This document has not been read yet.');
    const used = current.filter((field) => inRow(group, field) && field.index !== null).map((field) => field.index as number);
    // Diagnoses are slots from 0 (A); rows and mentions are numbered on from the last.
    const index = group === 'claim.diagnosis' ? firstFree(used) : used.length === 0 ? (group === 'note.medication' ? 0 : 1) : Math.max(...used) + 1;
    if (group === 'claim.diagnosis' && index >= MAX_DIAGNOSES) throw new FolioError('conflict', 'Box 21 holds twelve diagnoses (A to L); all are in use.');
    const row: ReviewField[] = ROW_PARTS[group].map((name) => ({
      ...missingField(name, index),
      status: isRequiredField(kind, name) || ROW_PARTS[group].length === 1 ? 'missing' : 'blank',
      id: fieldId({ name, index }),
      edited: true,
    }));
    // After the group's last row, so the panel lists it where it belongs.
    const last = current.map((field) => inRow(group, field)).lastIndexOf(true);
    const next = [...current.slice(0, last + 1), ...row, ...current.slice(last + 1)];
    this.fields.replaceFields(documentId, next, () => record(index));
    return { fields: next, index };
  }

  removeRow(documentId: string, group: RowGroup, index: number, record: (values: string[]) => void): ReviewField[] {
    const current = this.fields.fields(documentId);
    const removed = current.filter((field) => inRow(group, field) && field.index === index);
    if (removed.length === 0) throw new FolioError('not_found', 'That row does not exist on this document.');
    const next = current.filter((field) => !removed.includes(field));
    this.fields.replaceFields(documentId, next, () => record(removed.flatMap((field) => (field.raw === null ? [] : [field.raw]))));
    return next;
  }
}

function firstFree(used: readonly number[]): number {
  let index = 0;
  while (used.includes(index)) index += 1;
  return index;
}
