import fs from 'node:fs';
import { Fhir } from 'fhir';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { HistoryEntry } from '../../../app/contract/audit';
import type { DocumentDetail, DocumentSummary } from '../../../app/model/document';
import type { Workstation } from '../../../main/services/workstation';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'http' as const };
const TODAY = new Date('2026-11-25T15:00:00');

/** A prescription whose every value is known (the fields test's page, with an NPI whose check digit holds). */
const PRESCRIPTION = PRESCRIPTION_WITH_BAD_NPI.map((line) => line.replace('NPI: 1234567890', 'NPI: 1234567893'));

/** Corrections the reviewer types before approving: fields with and without a validator. */
const CORRECTIONS: Array<[string, string]> = [
  ['patient.name', 'Jonathan Doe'],
  ['drug.strength', '40 mg'],
  ['refills', '2'],
  ['sig.raw', 'Take 2 tablets by mouth twice daily as needed for pain'],
];

interface ExportAnswer {
  file: string | null;
  content?: string;
  documents: number;
  bytes: number;
  batchId: string;
}

describe('export of approved documents (real Tesseract, real vault, real files)', () => {
  const temp = makeTempDir('folio-export-data-');
  const out = makeTempDir('folio-export-out-');
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let approvedId: string;
  let pendingId: string;

  const dispatch = (method: string, input: unknown): Promise<Result<unknown>> => workstation.dispatch(method, input, context) as Promise<Result<unknown>>;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const refusal = async (method: string, input: unknown): Promise<{ code: string; message: string }> => {
    const result = await dispatch(method, input);
    if (result.ok) throw new Error(`${method} was expected to fail`);
    return result.error;
  };
  const exportRows = async (documentId: string): Promise<HistoryEntry[]> =>
    (await call<{ entries: HistoryEntry[] }>('documents.history', { documentId })).entries.filter((entry) => entry.kind === 'export');
  const filesOut = (): string[] => fs.readdirSync(out.dir).sort();
  const exportedAt = async (documentId: string): Promise<string | null | undefined> =>
    (await call<{ documents: DocumentSummary[] }>('documents.list', {})).documents.find((doc) => doc.id === documentId)?.exportedAt;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir, now: () => TODAY }));
    const rx = await renderLinesPage(PRESCRIPTION);
    const other = await renderLinesPage(['Patient: Mary Major   DOB: 01/02/1970', 'Rx: Lisinopril 10 mg tablet', 'Qty: 90   Refills: 1']);
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', {
      files: [
        { name: 'rx.png', dataBase64: toBase64(rx.png) },
        { name: 'other.png', dataBase64: toBase64(other.png) },
      ],
    });
    [approvedId, pendingId] = outcomes.map((outcome) => outcome.documentId) as [string, string];
    await workstation.idle();
    // The reviewer's corrections are what must leave, not the machine's first reading.
    const detail = await call<DocumentDetail>('documents.get', { documentId: approvedId });
    for (const [name, value] of CORRECTIONS) {
      const field = detail.fields.find((candidate) => candidate.name === name);
      if (!field) throw new Error(`no ${name} field to correct`);
      await call('fields.update', { documentId: approvedId, fieldId: field.id, value });
    }
    await call('documents.approve', { documentId: approvedId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' });
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
    out.remove();
  });

  it('refuses a batch holding a document not yet approved, writes nothing and records nothing', async () => {
    const error = await refusal('documents.export', { documentIds: [approvedId, pendingId], format: 'json', destination: out.dir });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/1 of the 2 chosen documents are not approved/);
    expect(filesOut()).toEqual([]);
    expect(await exportRows(approvedId)).toEqual([]);
    expect(await exportedAt(approvedId)).toBeNull();
  });

  it('refuses a relative path, a missing folder, a file, and the data folder itself (exports are plaintext)', async () => {
    const attempt = (destination: string): Promise<{ code: string; message: string }> =>
      refusal('documents.export', { documentIds: [approvedId], format: 'csv', destination });
    expect((await attempt('exports')).code).toBe('invalid_input');
    expect((await attempt(path.join(out.dir, 'no-such-folder'))).code).toBe('not_found');
    const aFile = path.join(temp.dir, '..', `${path.basename(out.dir)}-file`);
    fs.writeFileSync(aFile, '');
    try {
      expect((await attempt(aFile)).code).toBe('invalid_input');
    } finally {
      fs.rmSync(aFile);
    }
    for (const inside of [temp.dir, path.join(temp.dir, 'vault'), path.join(temp.dir, 'logs')]) {
      const error = await attempt(inside);
      expect(error.code, inside).toBe('invalid_input');
      expect(error.message).toMatch(/cannot go inside Folio's own data folder/);
    }
    expect(filesOut()).toEqual([]);
    expect(fs.readdirSync(path.join(temp.dir, 'vault')).filter((name) => name.includes('export'))).toEqual([]);
  });

  it('writes JSON with the values printed on the page, readable by its owner only, and no partial file beside it', async () => {
    const answer = await call<ExportAnswer>('documents.export', { documentIds: [approvedId], format: 'json', destination: out.dir });
    expect(answer.documents).toBe(1);
    expect(answer.file && path.dirname(answer.file)).toBe(fs.realpathSync(out.dir));
    expect(filesOut()).toEqual([path.basename(answer.file as string)]);
    expect(fs.statSync(answer.file as string).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(answer.file as string, 'utf8');
    expect(Buffer.byteLength(text)).toBe(answer.bytes);
    expect(await exportedAt(approvedId)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await exportedAt(pendingId)).toBeNull();
    const body = JSON.parse(text) as { documents: Array<{ id: string; fields: Array<{ name: string; value: string | null }> }> };
    expect(body.documents.map((doc) => doc.id)).toEqual([approvedId]);
    const value = (name: string): string | null | undefined => body.documents[0]?.fields.find((field) => field.name === name)?.value;
    expect(value('prescriber.npi')).toBe('1234567893');
    expect(value('prescriber.dea')).toBe('AS1234563');
    expect(value('patient.dob')).toBe('1985-03-07');
    expect(value('quantity')).toBe('30');
    expect(value('patient.name')).toBe('Jonathan Doe');
    expect(value('drug.strength')).toBe('40 mg');
    expect(value('refills')).toBe('2');
    // The new directions' parts, not the first reading's "1 tablet once daily".
    expect([value('sig.dose'), value('sig.unit'), value('sig.frequency'), value('sig.prn'), value('sig.indication')]).toEqual(['2', 'tablet', 'BID', 'true', 'pain']);
  });

  it('writes a FHIR R4 bundle whose prescription carries the NPI, the quantity and the refills as a pharmacy system reads them', async () => {
    const answer = await call<ExportAnswer>('documents.export', { documentIds: [approvedId], format: 'fhir-r4', destination: out.dir });
    expect(answer.file).toMatch(/\.fhir\.json$/);
    const bundle = JSON.parse(fs.readFileSync(answer.file as string, 'utf8')) as { resourceType: string; type: string; entry: Array<{ fullUrl: string; resource: Record<string, unknown> }> };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    // An independent validator (fhir.js, R4 structure definitions) finds no error in what the real pipeline exported.
    const errors = new Fhir().validate(bundle, { errorOnUnexpected: true }).messages.filter((message) => message.severity === 'error');
    expect(errors.map((message) => `${message.location}: ${message.message}`)).toEqual([]);
    const resource = (type: string): Record<string, unknown> => bundle.entry.find((entry) => entry.resource.resourceType === type)?.resource as Record<string, unknown>;
    expect(resource('Patient')).toMatchObject({ birthDate: '1985-03-07' });
    expect(JSON.stringify(resource('Practitioner'))).toContain('1234567893');
    expect(resource('MedicationRequest')).toMatchObject({ intent: 'order', dispenseRequest: { quantity: { value: 30 }, numberOfRepeatsAllowed: 2 } });
    expect(JSON.stringify(resource('Patient'))).toContain('Jonathan Doe');
    expect(JSON.stringify(resource('MedicationRequest'))).toContain('40 mg');
    expect(resource('MedicationRequest')).toMatchObject({ dosageInstruction: [{ text: 'Take 2 tablets by mouth twice daily as needed for pain', asNeededBoolean: true }] });
    const fullUrls = new Set(bundle.entry.map((entry) => entry.fullUrl));
    const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(fullUrls.has(reference.slice('"reference":"'.length, -1)), reference).toBe(true);
  });

  it('writes CSV with one row per field, and hands the content back when no folder is given (local API)', async () => {
    const file = await call<ExportAnswer>('documents.export', { documentIds: [approvedId], format: 'csv', destination: out.dir });
    const csv = fs.readFileSync(file.file as string, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    const detail = await call<DocumentDetail>('documents.get', { documentId: approvedId });
    expect(lines.length).toBe(1 + detail.fields.length);
    expect(lines.find((line) => line.includes(',prescriber.npi,'))).toContain('1234567893');
    const inline = await call<ExportAnswer>('documents.export', { documentIds: [approvedId], format: 'csv' });
    expect(inline.file).toBeNull();
    expect(inline.content?.split('\r\n').length).toBe(csv.split('\r\n').length);
  });

  it('records one export row per document and export, the trail still verifies, and a locked session exports nothing', async () => {
    const rows = await exportRows(approvedId);
    expect(rows.length).toBe(4);
    expect(rows.every((row) => row.actor === 'Ada Admin')).toBe(true);
    expect(await exportRows(pendingId)).toEqual([]);
    expect(await call<{ ok: boolean }>('audit.verify', {})).toMatchObject({ ok: true });
    await call('session.lock', {});
    const before = filesOut();
    expect((await refusal('documents.export', { documentIds: [approvedId], format: 'json', destination: out.dir })).code).toBe('locked');
    expect(filesOut()).toEqual(before);
  });
});
