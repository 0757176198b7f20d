import { DocumentClassificationSchema, FieldSchema, type DocumentClassification, type DocumentKind, type Field, type ReviewField } from '../../app/model/field';
import type { VaultDatabase } from './database';

interface FieldRow {
  id: string;
  data: string;
  edited: number;
}

interface KindRow {
  classification: string | null;
  kind: DocumentKind | null;
  kind_overridden: number;
}

/** A field's id within its document: its name, plus the repeat index for repeated fields. */
export function fieldId(field: Pick<Field, 'name' | 'index'>): string {
  return field.index === null ? field.name : `${field.name}#${field.index}`;
}

/** Extracted fields and the document kind, in the vault. */
export class FieldStore {
  constructor(private readonly db: VaultDatabase) {}

  fields(documentId: string): ReviewField[] {
    const rows = this.db.prepare('SELECT id, data, edited FROM fields WHERE document_id = ? ORDER BY seq').all(documentId) as FieldRow[];
    return rows.map((row) => ({ ...FieldSchema.parse(JSON.parse(row.data)), id: row.id, edited: row.edited === 1 }));
  }

  kind(documentId: string): { classification: DocumentClassification | null; kind: DocumentKind | null; overridden: boolean } {
    const row = this.db.prepare('SELECT classification, kind, kind_overridden FROM documents WHERE id = ?').get(documentId) as KindRow | undefined;
    return {
      classification: row?.classification ? DocumentClassificationSchema.parse(JSON.parse(row.classification)) : null,
      kind: row?.kind ?? null,
      overridden: row?.kind_overridden === 1,
    };
  }

  /**
   * Replaces the document's fields with a new analysis in one transaction. Fields the person
   * corrected are kept as they are; only their status comes from the new analysis.
   */
  saveAnalysis(
    documentId: string,
    analysis: { classification: DocumentClassification; kind: DocumentKind; overridden: boolean },
    fields: readonly ReviewField[],
  ): void {
    const insert = this.db.prepare('INSERT INTO fields (document_id, id, seq, status, data, edited) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE documents SET classification = ?, kind = ?, kind_overridden = ? WHERE id = ?')
        .run(JSON.stringify(analysis.classification), analysis.kind, analysis.overridden ? 1 : 0, documentId);
      this.db.prepare('DELETE FROM fields WHERE document_id = ?').run(documentId);
      fields.forEach((field, seq) => {
        const { id, edited, ...data } = field;
        insert.run(documentId, id, seq, field.status, JSON.stringify(data), edited ? 1 : 0);
      });
    })();
  }

  /**
   * Statuses and values of every field, updated together (a change can move a total's status).
   * `record` runs in the same transaction, so a change and its audit row land together or not at all.
   */
  /** The whole list again, a row added or deleted by hand, with its audit row in the same transaction. */
  replaceFields(documentId: string, fields: readonly ReviewField[], record: () => void): void {
    const insert = this.db.prepare('INSERT INTO fields (document_id, id, seq, status, data, edited) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM fields WHERE document_id = ?').run(documentId);
      fields.forEach((field, seq) => {
        const { id, edited, ...data } = field;
        insert.run(documentId, id, seq, field.status, JSON.stringify(data), edited ? 1 : 0);
      });
      record();
    })();
  }

  saveFields(documentId: string, fields: readonly ReviewField[], record: () => void = () => undefined): void {
    const update = this.db.prepare('UPDATE fields SET status = ?, data = ?, edited = ? WHERE document_id = ? AND id = ?');
    this.db.transaction(() => {
      for (const field of fields) {
        const { id, edited, ...data } = field;
        update.run(field.status, JSON.stringify(data), edited ? 1 : 0, documentId, id);
      }
      record();
    })();
  }
}
