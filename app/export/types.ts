import type { DocumentKind, FieldStatus } from '../model/field';

/**
 * What leaves Folio when approved documents are exported: the values the person signed off,
 * nothing about the machine's reading of the page (no words, boxes or scores). Built in the
 * main process from the vault and handed to a renderer (`fhir.ts`, `csv.ts`, `json.ts`), each
 * a pure function of these values, so what an export contains is testable without a vault.
 */
export const EXPORT_FORMATS = ['fhir-r4', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportField {
  /** Dotted domain name, e.g. `prescriber.npi`, `claim.line.charges`. */
  name: string;
  /** Service line, diagnosis slot (0 = A), lab row or mention number; null for single fields. */
  index: number | null;
  /** What the person approved: the canonical form when there is one, else the text as read or typed. */
  value: string | null;
  /** The text as read (or as the person typed it). */
  raw: string | null;
  /** Canonical form (ISO date, ICD-10-CM code with its dot, dollars with two decimals, upper-case modifiers). */
  normalized: string | null;
  /** What a code means, when the code set says. */
  description: string | null;
  /** The status at approval: `invalid` only when the approver acknowledged it. */
  status: FieldStatus;
  /** The person corrected this value. */
  edited: boolean;
}

export interface ExportDocument {
  id: string;
  kind: DocumentKind | null;
  /** The file name the document was imported under. */
  name: string;
  importedAt: string;
  approvedAt: string;
  /** Display name of the person who approved it, from the audit trail; null when unknown. */
  approvedBy: string | null;
  pageCount: number;
  fields: ExportField[];
}

export interface ExportContext {
  /** ISO time of the export; every renderer stamps the same one. */
  exportedAt: string;
  /** One id per export, shared by its audit rows. */
  batchId: string;
}

/** The value to export for a field: the canonical form when there is one. */
export function exportValue(field: { raw: string | null; normalized: string | null }): string | null {
  return field.normalized ?? field.raw;
}

/** A reviewed field as it leaves: its values and status, nothing of where on the page it was read. */
export function toExportField(field: Omit<ExportField, 'value'>): ExportField {
  return {
    name: field.name,
    index: field.index,
    value: exportValue(field),
    raw: field.raw,
    normalized: field.normalized,
    description: field.description,
    status: field.status,
    edited: field.edited,
  };
}
