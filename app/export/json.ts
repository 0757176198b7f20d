import { prettyJsonArray } from './pretty-json';
import type { ExportContext, ExportDocument } from './types';

/** Folio's own JSON: every approved value with its name, index and whether a person corrected it. */
export const JSON_EXPORT_FORMAT = 'folio-export';
export const JSON_EXPORT_VERSION = 1;

export function renderJson(documents: readonly ExportDocument[], context: ExportContext): string {
  return [...jsonChunks(documents, context)].join('');
}

/** The same JSON one document at a time, byte for byte. */
export function* jsonChunks(documents: readonly ExportDocument[], context: ExportContext): Generator<string> {
  const head = { format: JSON_EXPORT_FORMAT, version: JSON_EXPORT_VERSION, exportedAt: context.exportedAt, batchId: context.batchId };
  yield* prettyJsonArray(head, 'documents', documents, (doc) => [
    {
      id: doc.id,
      kind: doc.kind,
      name: doc.name,
      importedAt: doc.importedAt,
      approvedAt: doc.approvedAt,
      approvedBy: doc.approvedBy,
      pageCount: doc.pageCount,
      fields: doc.fields.map(({ edited, ...field }) => ({ ...field, corrected: edited })),
    },
  ]);
}
