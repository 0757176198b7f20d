import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewField } from '../../../app/model/field';
import { ExportService } from '../../../main/services/export-service';
import { AuditLog } from '../../../main/vault/audit-log';
import { BlobStore, blobDirFor } from '../../../main/vault/blob-store';
import { openDatabase, type VaultDatabase } from '../../../main/vault/database';
import { DocumentStore } from '../../../main/vault/document-store';
import { FieldStore } from '../../../main/vault/field-store';
import { makeTempDir } from '../../support/temp-dir';

// A day's queue at a busy pharmacy, exported at once: written in slices (several writes of a few
// hundred KiB), and what lands on disk must be the whole export, parseable, every document in it.
// The documents are put into a real encrypted vault through its stores (no OCR: the values are
// known because the test writes them), and approved as the product approves them.
const DOCUMENTS = 400;
const FIELDS = ['patient.name', 'patient.dob', 'patient.address', 'prescriber.name', 'prescriber.npi', 'drug.name', 'drug.strength', 'sig.raw', 'quantity', 'refills'];

function reviewField(name: string, value: string): ReviewField {
  return { id: name, name, index: null, raw: value, normalized: null, description: null, region: null, sourceWordIds: [], ambiguity: 0, status: 'confident', findings: [], edited: false };
}

describe('a large export through the real vault', () => {
  const data = makeTempDir('folio-export-large-');
  const out = makeTempDir('folio-export-large-out-');
  let db: VaultDatabase;
  let service: ExportService;
  let store: DocumentStore;
  let audit: AuditLog;
  const ids: string[] = [];
  /** The value each document's patient.name was given, by document id. */
  const names = new Map<string, string>();

  beforeAll(() => {
    const file = path.join(data.dir, 'vault', 'folio.db');
    db = openDatabase({ file, key: randomBytes(32) });
    store = new DocumentStore(db, new BlobStore(db, blobDirFor(file)));
    const fieldStore = new FieldStore(db);
    audit = new AuditLog(db);
    const page = randomBytes(512);
    for (let i = 0; i < DOCUMENTS; i++) {
      const id = randomUUID();
      store.insertDocument({ id, name: `rx-${i}.png`, format: 'png', pageCount: 1, original: page }, [{ index: 0, width: 10, height: 10, dpi: 300, image: page }], new Date().toISOString());
      const name = `Patient ${i} ${'with a long address line, '.repeat(4)}`.trim();
      names.set(id, name);
      fieldStore.saveAnalysis(
        id,
        { classification: { kind: 'prescription', confidence: 1, scores: { prescription: 1, cms1500: 0, lab_report: 0, insurance_card: 0, clinical_note: 0 } }, kind: 'prescription', overridden: false },
        FIELDS.map((field) => reviewField(field, field === 'patient.name' ? name : `${field} value ${i}, "quoted", ${'x'.repeat(60)}`)),
      );
      store.setDocumentStatus(id, 'ready');
      store.approve(id, new Date().toISOString());
      audit.append(null, { kind: 'approve', documentId: id });
      ids.push(id);
    }
    service = new ExportService({ db, store, fieldStore, audit, userName: () => null, dataDir: data.dir, now: () => new Date() });
  });
  afterAll(() => {
    db?.close();
    data.remove();
    out.remove();
  });

  it('writes a multi-megabyte JSON export whole: every document, in order, with its own values', async () => {
    const answer = await service.export('tester', { documentIds: ids, format: 'json', destination: out.dir });
    const text = fs.readFileSync(answer.file as string, 'utf8');
    // Several write slices' worth, so the slicing itself is what is tested.
    expect(text.length).toBeGreaterThan(4 * 256 * 1024);
    expect(Buffer.byteLength(text)).toBe(answer.bytes);
    const body = JSON.parse(text) as { documents: Array<{ id: string; fields: Array<{ name: string; value: string }> }> };
    expect(body.documents.map((doc) => doc.id)).toEqual(ids);
    for (const doc of body.documents) expect(doc.fields.find((field) => field.name === 'patient.name')?.value).toBe(names.get(doc.id));
  });

  it('writes the same documents as a FHIR bundle and as CSV, each complete', async () => {
    const fhir = await service.export('tester', { documentIds: ids, format: 'fhir-r4', destination: out.dir });
    const bundle = JSON.parse(fs.readFileSync(fhir.file as string, 'utf8')) as { entry: Array<{ resource: { resourceType: string; name?: Array<{ text: string }> } }> };
    const patients = bundle.entry.filter((entry) => entry.resource.resourceType === 'Patient');
    expect(patients.map((entry) => entry.resource.name?.[0]?.text)).toEqual(ids.map((id) => names.get(id)));
    const csv = await service.export('tester', { documentIds: ids, format: 'csv', destination: out.dir });
    const lines = fs.readFileSync(csv.file as string, 'utf8').trimEnd().split('\r\n');
    expect(lines.length).toBe(1 + DOCUMENTS * FIELDS.length);
    expect(fs.readdirSync(out.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('the queue pages through them newest first, each document once, and counts what is still to export', () => {
    const seen: string[] = [];
    let after: { importedAt: string; id: string } | undefined;
    for (let pages = 0; ; pages++) {
      const page = store.list('approved', 150, after);
      seen.push(...page.documents.map((doc) => doc.id));
      const last = page.documents[page.documents.length - 1];
      if (!page.more || !last) {
        expect(pages).toBe(2);
        break;
      }
      after = { importedAt: last.importedAt, id: last.id };
    }
    expect(new Set(seen).size).toBe(DOCUMENTS);
    expect([...seen].sort()).toEqual([...ids].sort());
    const importedAt = seen.map((id) => store.summary(id)?.importedAt ?? '');
    expect(importedAt).toEqual([...importedAt].sort().reverse());
    expect(store.list('open', 10).documents).toEqual([]);
    // Every one was exported above, as JSON, FHIR and CSV.
    expect(store.counts()).toEqual({ open: 0, approved: DOCUMENTS, rejected: 0, all: DOCUMENTS, exportPending: 0 });
  });

  it('a document reopened while the batch is being read stops the whole export: no file, no export rows', async () => {
    const before = fs.readdirSync(out.dir);
    const exportRows = (): number => audit.recent(100_000).filter((entry) => entry.event.kind === 'export').length;
    const rowsBefore = exportRows();
    const pending = service.export('tester', { documentIds: ids, format: 'json', destination: out.dir });
    // The export reads documents in slices and yields between them: the first one is read by now.
    store.reopen(ids[0] as string);
    await expect(pending).rejects.toMatchObject({ code: 'conflict' });
    expect(fs.readdirSync(out.dir)).toEqual(before);
    expect(exportRows()).toBe(rowsBefore);
    store.approve(ids[0] as string, new Date().toISOString());
  });
});
