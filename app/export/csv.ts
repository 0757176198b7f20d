import { exportValue, type ExportContext, type ExportDocument } from './types';

/**
 * Approved documents as CSV (RFC 4180): one row per field, so every kind of document fits one
 * header and a spreadsheet filter on `field` gives one column of values across documents.
 *
 * Values come off scanned paper, so a cell that a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading apostrophe, as
 * OWASP advises against CSV injection. A plain number such as `-12.50` is left alone.
 */
export const CSV_COLUMNS = [
  'document_id',
  'document_name',
  'kind',
  'imported_at',
  'approved_at',
  'approved_by',
  'field',
  'index',
  'value',
  'as_read',
  'description',
  'status',
  'corrected',
] as const;

export function renderCsv(documents: readonly ExportDocument[], context: ExportContext): string {
  return [...csvChunks(documents, context)].join('');
}

/** The same CSV one document at a time. CRLF line ends, as RFC 4180 has it; spreadsheets on every platform read it. */
export function* csvChunks(documents: readonly ExportDocument[], _context: ExportContext): Generator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const doc of documents) {
    const lines = doc.fields.map((field) =>
      [
        doc.id,
        doc.name,
        doc.kind ?? '',
        doc.importedAt,
        doc.approvedAt,
        doc.approvedBy ?? '',
        field.name,
        field.index === null ? '' : String(field.index),
        exportValue(field) ?? '',
        field.raw ?? '',
        field.description ?? '',
        field.status,
        field.edited ? 'yes' : 'no',
      ]
        .map(csvCell)
        .join(','),
    );
    if (lines.length > 0) yield `${lines.join('\r\n')}\r\n`;
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
