import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, renderCsv } from '../../../../app/export/csv';
import { renderFhirBundle } from '../../../../app/export/fhir';
import { renderJson } from '../../../../app/export/json';
import type { ExportDocument, ExportField } from '../../../../app/export/types';

const context = { exportedAt: '2026-12-01T12:00:00.000Z', batchId: '7d3c1f8e-2a4b-4c5d-9e6f-0a1b2c3d4e5f' };

function field(name: string, raw: string | null, normalized: string | null = null, extra: Partial<ExportField> = {}): ExportField {
  return { name, index: null, value: normalized ?? raw, raw, normalized, description: null, status: 'confident', edited: false, ...extra };
}

const rx: ExportDocument = {
  id: '0f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b',
  kind: 'prescription',
  name: 'rx, "morning" batch.png',
  importedAt: '2026-12-01T09:00:00.000Z',
  approvedAt: '2026-12-01T11:00:00.000Z',
  approvedBy: 'Ada Admin',
  pageCount: 1,
  fields: [
    field('patient.name', 'John Doe'),
    field('patient.dob', '03/07/1985', '1985-03-07'),
    field('sig.raw', 'Take 1 tablet\nby mouth, once daily', null, { edited: true }),
    field('patient.phone', null, null, { status: 'missing' }),
    field('drug.name', '=HYPERLINK("http://x","Atorvastatin")'),
    field('claim.line.charges', '$-12.50', '-12.50', { index: 2 }),
  ],
};

/** RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV export', () => {
  const rows = parseCsv(renderCsv([rx], context));
  const byField = (name: string): Record<string, string> => {
    const row = rows.find((candidate) => candidate[CSV_COLUMNS.indexOf('field')] === name) as string[];
    return Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row[i] as string]));
  };

  it('has the header and one row per field, every row as wide as the header', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.length).toBe(1 + rx.fields.length);
    for (const row of rows) expect(row.length).toBe(CSV_COLUMNS.length);
  });

  it('exports the canonical value beside the text as read, and quotes commas, quotes and line breaks intact', () => {
    expect(byField('patient.dob')).toMatchObject({ value: '1985-03-07', as_read: '03/07/1985', approved_by: 'Ada Admin', kind: 'prescription' });
    expect(byField('sig.raw')).toMatchObject({ value: 'Take 1 tablet\nby mouth, once daily', corrected: 'yes' });
    expect(byField('patient.name').document_name).toBe('rx, "morning" batch.png');
    expect(byField('patient.phone')).toMatchObject({ value: '', status: 'missing' });
    expect(byField('claim.line.charges')).toMatchObject({ index: '2', value: '-12.50', as_read: '$-12.50' });
  });

  it('defuses a formula read off the page, and leaves plain negative numbers alone', () => {
    expect(byField('drug.name').value).toMatch(/^'=HYPERLINK/);
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}cmd|' /C calc'!A0`).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('JSON export', () => {
  const body = JSON.parse(renderJson([rx], context)) as {
    format: string;
    version: number;
    batchId: string;
    documents: Array<{ id: string; approvedBy: string; fields: Array<{ name: string; value: string | null; raw: string | null; corrected: boolean }> }>;
  };

  it('names its format and batch, and carries every field with its value, reading and correction flag', () => {
    expect(body).toMatchObject({ format: 'folio-export', version: 1, batchId: context.batchId });
    const [doc] = body.documents;
    expect(doc?.approvedBy).toBe('Ada Admin');
    expect(doc?.fields.map((f) => f.name)).toEqual(rx.fields.map((f) => f.name));
    expect(doc?.fields.find((f) => f.name === 'patient.dob')).toMatchObject({ value: '1985-03-07', raw: '03/07/1985', corrected: false });
    expect(doc?.fields.find((f) => f.name === 'patient.phone')?.value).toBeNull();
  });
});

describe('rendering one document at a time', () => {
  const docs: ExportDocument[] = [rx, { ...rx, id: '1a2b3c4d-5b7a-4e3d-8c2b-1a0f9e8d7c6b', kind: null, fields: [] }, { ...rx, id: '2a2b3c4d-5b7a-4e3d-8c2b-1a0f9e8d7c6b' }];

  it('prints exactly what JSON.stringify would for the whole, for JSON and FHIR, with several documents or none', () => {
    for (const render of [renderJson, renderFhirBundle]) {
      for (const batch of [docs, docs.slice(0, 1), []]) {
        const text = render(batch, context);
        expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      }
    }
    expect((JSON.parse(renderJson([], context)) as { documents?: unknown }).documents).toBeUndefined();
    expect((JSON.parse(renderJson(docs, context)) as { documents: unknown[] }).documents.length).toBe(3);
  });

  it('gives CSV a header even with no rows, and a document without fields no rows', () => {
    expect(renderCsv([], context)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(renderCsv(docs, context).trimEnd().split('\r\n').length).toBe(1 + 2 * rx.fields.length);
  });
});
