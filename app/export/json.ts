import type { ExportContext, ExportDocument } from './types';

/** Folio's own JSON: every approved value with its name, index and whether a person corrected it. */
export const JSON_EXPORT_FORMAT = 'folio-export';
export const JSON_EXPORT_VERSION = 1;

export function renderJson(documents: readonly ExportDocument[], context: ExportContext): string {
  const body = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: context.exportedAt,
    batchId: context.batchId,
    documents: documents.map((doc) => ({
      id: doc.id,
      kind: doc.kind,
      name: doc.name,
      importedAt: doc.importedAt,
      approvedAt: doc.approvedAt,
      approvedBy: doc.approvedBy,
      pageCount: doc.pageCount,
      fields: doc.fields.map(({ edited, ...field }) => ({ ...field, corrected: edited })),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
