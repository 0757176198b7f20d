import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail } from '../../../app/model/document';
import { configureLogging } from '../../../main/log/logger';
import { openWorkstation, vaultFile, type Workstation } from '../../../main/services/workstation';
import { blobDirFor, readSealedBlob } from '../../../main/vault/blob-store';
import { openDatabase } from '../../../main/vault/database';
import { NoSecretStore } from '../../../main/vault/secret-store';
import { bornDigitalPdf } from '../../fixtures/scans/pdf-builders';
import { multiPageTiff } from '../../fixtures/scans/tiff-builders';
import { entriesOf, needlesFor, openDeletedFiles, scanBytes, scanFile, scanTree, SQLITE_PLAINTEXT_HEADER, type LeakHit } from '../../support/leak-scan';
import { renderLinesPage, truncated } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openVaultFile, vaultKeyFor } from '../../support/vault-files';
import { TEST_ADMIN, TEST_VAULT_PASSPHRASE } from '../../support/workstation';

// The leak test of issue 4. Documents carrying unusual names and MRNs go through import, OCR,
// field extraction, review (word and field corrections, kind override, search, history, a
// failed unlock, a broken file) and approval, with logging at its most talkative, to file and
// console. Afterwards not one marker may be readable anywhere on disk outside the encrypted
// vault: not in the data dir, not in what the test created in the temp dir, not in the logs,
// in UTF-8 or UTF-16, in any letter case. Approved documents are then exported in every format:
// the export folder is the one place the markers are meant to reach (it is what the person asked
// for), so it is checked to hold them, and excluded from the scans; its temp files are not.
const MARKERS = ['Zebulon', 'Quaternary', '8675309', 'Ottoline', 'Vandersloot', '4417-2208', 'Pemberton', '5550199'];
const needles = needlesFor(MARKERS);
const context = { host: 'http' as const };

describe('no PHI outside the vault (real engine, real vault, logging at debug)', () => {
  const temp = makeTempDir('folio-leak-');
  const dataDir = temp.dir;
  /** Where the person sends the export: a folder of their own, outside the data dir. */
  const exportDir = path.join(temp.dir, '..', `${path.basename(temp.dir)}-exports`);
  const exported: string[] = [];
  const started = Date.now();
  const tmpBefore = entriesOf(os.tmpdir());
  const shmBefore = entriesOf('/dev/shm');
  let workstation: Workstation;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed || !workstation) return;
    closed = true;
    await workstation.close();
  };
  let printed = '';
  const errorMessages: string[] = [];
  const documentIds: string[] = [];
  /** The files as imported, to look for in the blob folder. */
  const originals: Buffer[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = (await workstation.dispatch(method, input, context)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
    return result.value;
  };
  /** Calls meant to fail: their answers are kept, since an error message must not quote PHI either. */
  const refused = async (method: string, input: unknown): Promise<void> => {
    const result = await workstation.dispatch(method, input, context);
    expect(result.ok, method).toBe(false);
    if (!result.ok) errorMessages.push(result.error.message);
  };

  beforeAll(async () => {
    // Everything Folio prints goes through electron-log's console transport to stderr: keep a copy.
    const tee =
      (write: typeof writes.err) =>
      (chunk: unknown, ...rest: unknown[]): boolean => {
        printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stderr.write = tee(writes.err) as typeof process.stderr.write;
    process.stdout.write = tee(writes.out) as typeof process.stdout.write;
    configureLogging({ dataDir, console: true, level: 'debug' });
    workstation = openWorkstation({ dataDir, workers: 2, secrets: new NoSecretStore() });
    await call('session.setup', { adminName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase, vaultPassphrase: TEST_VAULT_PASSPHRASE });

    const prescription = await renderLinesPage([
      'Jane Q. Smith, MD   NPI: 1234567893',
      'Patient: Zebulon Quaternary   DOB: 03/07/1985',
      'MRN 8675309-QX',
      'Date: 11/20/2026',
      'Rx: Atorvastatin 20 mg tablet',
      'Sig: Take 1 tablet by mouth once daily',
      'Qty: 30   Refills: 3',
    ]);
    const lab = await Promise.all(
      [0, 1].map((index) =>
        renderLinesPage([`LABORATORY REPORT page ${index + 1}`, 'Patient: Ottoline Vandersloot', 'MRN 4417-2208-VX', 'Glucose 98 mg/dL 70-99', 'Sodium 140 mmol/L 135-145']),
      ),
    );
    const note = await bornDigitalPdf([{ seed: 1, lines: ['CLINIC NOTE', 'Patient: Ignatius Pemberton', 'MRN 5550199-PQ', 'Assessment: stable, follow up in 3 months'] }]);
    const labTiff = await multiPageTiff(lab.map((page) => page.png));
    originals.push(prescription.png, labTiff, note);
    const { outcomes } = await call<{ outcomes: Array<{ ok: boolean; documentId?: string; error?: { message: string } }> }>('documents.import', {
      files: [
        { name: 'Zebulon Quaternary MRN 8675309-QX.png', dataBase64: prescription.png.toString('base64') },
        { name: 'Vandersloot, Ottoline 4417-2208.tiff', dataBase64: labTiff.toString('base64') },
        { name: 'Pemberton 5550199 note.pdf', dataBase64: note.toString('base64') },
        // A broken file: the failure path (logged as an error) must not name the file either.
        { name: 'Zebulon Quaternary scan 8675309.png', dataBase64: truncated(prescription.png).toString('base64') },
      ],
    });
    documentIds.push(...outcomes.flatMap((outcome) => (outcome.documentId ? [outcome.documentId] : [])));
    errorMessages.push(...outcomes.flatMap((outcome) => (outcome.error ? [outcome.error.message] : [])));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, false]);
    await workstation.idle();

    // Review: what a coder does, including the mistakes that reach error paths.
    for (const documentId of documentIds) {
      const detail = await call<DocumentDetail>('documents.get', { documentId });
      const word = detail.pages[0]?.words.find((candidate) => /Zebulon|Vandersloot|Pemberton/i.test(candidate.text)) ?? detail.pages[0]?.words[0];
      if (word) await call('words.update', { documentId, wordId: word.id, text: `${word.text}-Quaternary` });
      const name = detail.fields.find((field) => field.name === 'patient.name');
      if (name) await call('fields.update', { documentId, fieldId: name.id, value: 'Zebulon Quaternary 8675309' });
      const dob = detail.fields.find((field) => field.name === 'patient.dob');
      // An impossible date: validation findings are produced about a PHI value.
      if (dob) await call('fields.update', { documentId, fieldId: dob.id, value: '86/75/309 Zebulon' });
      await refused('fields.update', { documentId, fieldId: 'Zebulon Quaternary', value: 'Vandersloot' });
      await refused('words.update', { documentId, wordId: 'Quaternary-8675309', text: 'Zebulon' });
      await call('documents.history', { documentId });
    }
    const first = documentIds[0] as string;
    await call('documents.setKind', { documentId: first, kind: 'clinical_note' });
    await call('documents.setKind', { documentId: first, kind: 'prescription' });
    expect((await call<{ hits: unknown[] }>('search.query', { text: 'Zebulon' })).hits.length).toBeGreaterThan(0);
    const foreign = await call<{ outcomes: Array<{ ok: boolean; error?: { message: string } }> }>('documents.import', {
      files: [{ name: 'Zebulon Quaternary 8675309.exe', dataBase64: Buffer.from('MZ Zebulon Quaternary').toString('base64') }],
    });
    expect(foreign.outcomes[0]?.ok).toBe(false);
    errorMessages.push(foreign.outcomes[0]?.error?.message ?? '');
    await call('session.lock', {});
    await refused('session.unlock', { userName: 'Zebulon Quaternary', passphrase: 'Vandersloot 8675309' });
    // The failed attempt starts the unlock backoff (real time): wait it out.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await call('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase });
    for (const documentId of documentIds) await call('documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' });
    fs.mkdirSync(exportDir, { mode: 0o700 });
    await refused('documents.export', { documentIds, format: 'csv', destination: path.join(dataDir, 'vault') });
    for (const format of ['fhir-r4', 'csv', 'json']) {
      exported.push((await call<{ file: string }>('documents.export', { documentIds, format, destination: exportDir })).file);
    }
    await call('documents.export', { documentIds, format: 'json' });
  });
  afterAll(async () => {
    process.stderr.write = writes.err;
    process.stdout.write = writes.out;
    await close();
    temp.remove();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  const expectNoHits = (hits: LeakHit[]): void => {
    const elsewhere = hits.filter((hit) => !path.resolve(hit.file).startsWith(path.resolve(exportDir) + path.sep));
    expect(elsewhere.map((hit) => `${hit.marker} (${hit.encoding}) in ${hit.file}`)).toEqual([]);
  };
  const newTempEntries = (): string[] => {
    const fresh = [...entriesOf(os.tmpdir())].filter((name) => !tmpBefore.has(name)).map((name) => path.join(os.tmpdir(), name));
    const freshShm = [...entriesOf('/dev/shm')].filter((name) => !shmBefore.has(name)).map((name) => path.join('/dev/shm', name));
    return [...fresh, ...freshShm].filter((entry) => entry !== dataDir);
  };

  it('the scanner finds a marker in every encoding and case it claims to (so silence below means something)', () => {
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const hits = scanBytes(Buffer.from('…ZEBULON quaternary…', encoding), needles);
      expect(new Set(hits.map((hit) => hit.marker))).toEqual(new Set(['Zebulon', 'Quaternary']));
      expect(hits.some((hit) => hit.encoding === encoding)).toBe(true);
    }
    expect(scanBytes(Buffer.from('8675309', 'utf16le').swap16(), needles)).toEqual([{ file: '<memory>', marker: '8675309', encoding: 'utf16be' }]);
    // A file read in chunks: a marker straddling the 8 MiB boundary is still found.
    const control = makeTempDir('folio-leak-control-');
    try {
      const bytes = Buffer.alloc(9 * 1024 * 1024, 0x2e);
      Buffer.from('VanderSloot', 'utf16le').copy(bytes, 8 * 1024 * 1024 - 7);
      fs.writeFileSync(path.join(control.dir, 'blob.bin'), bytes);
      expect(scanTree(control.dir, needles).hits.map((hit) => `${hit.marker}:${hit.encoding}`)).toContain('Vandersloot:utf16le');
    } finally {
      control.remove();
    }
  });

  it('the markers really went into the vault: decrypted, it holds them', async () => {
    const key = await vaultKeyFor(dataDir, TEST_VAULT_PASSPHRASE);
    const db = openVaultFile(vaultFile(dataDir), key, { readonly: true });
    key.fill(0);
    try {
      const stored = JSON.stringify([
        db.prepare('SELECT name FROM documents').all(),
        db.prepare('SELECT text FROM words').all(),
        db.prepare('SELECT data FROM fields').all(),
        db.prepare('SELECT details FROM audit_events').all(),
      ]);
      const found = new Set(scanBytes(Buffer.from(stored), needles).map((hit) => hit.marker));
      expect([...found].sort()).toEqual([...MARKERS].sort());
    } finally {
      db.close();
    }
  });

  it('originals and page images lie in the blob folder sealed: decrypted they are the imported files, on disk no run of them is readable', async () => {
    const key = await vaultKeyFor(dataDir, TEST_VAULT_PASSPHRASE);
    const db = openVaultFile(vaultFile(dataDir), key, { readonly: true });
    key.fill(0);
    const blobDir = blobDirFor(vaultFile(dataDir));
    try {
      const rows = db.prepare('SELECT id, key FROM blobs').all() as Array<{ id: string; key: Buffer }>;
      const files = fs.readdirSync(blobDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      // One original per document, one image per decoded page (1 + 2 + 1), and nothing else.
      expect(rows.length).toBe(3 + 4);
      expect(files.map((entry) => entry.name).sort()).toEqual(rows.map((row) => row.id).sort());
      const decrypted = rows.map((row) => readSealedBlob(blobDir, row.id, row.key));
      for (const original of originals) expect(decrypted.some((bytes) => bytes.equals(original))).toBe(true);
      // 32-byte windows of each imported file: none may appear in any file of the folder.
      const onDisk = files.map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)));
      for (const original of originals) {
        for (let at = 0; at + 32 <= original.length; at += Math.max(32, Math.floor(original.length / 64))) {
          const run = original.subarray(at, at + 32);
          expect(onDisk.some((bytes) => bytes.includes(run))).toBe(false);
        }
      }
      // The database itself no longer carries the bytes.
      expect(db.prepare("SELECT count(*) FROM documents WHERE length(original) > 0").pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM pages WHERE length(image) > 0").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('the export folder holds the three exports and nothing else, each with the patients in it, readable by its owner only', () => {
    expect(fs.readdirSync(exportDir).sort()).toEqual(exported.map((file) => path.basename(file)).sort());
    for (const file of exported) {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const found = new Set(scanFile(file, needles).map((hit) => hit.marker));
      for (const marker of ['Zebulon', 'Quaternary', '8675309']) expect(found, `${marker} in ${path.basename(file)}`).toContain(marker);
    }
  });

  it('no marker in any file under the data dir, the logs included, while the vault is open', () => {
    const scan = scanTree(dataDir, needles);
    expect(scan.files).toBeGreaterThanOrEqual(3);
    // The log really recorded this run's work, so its silence about the markers counts.
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'folio.log'), 'utf8')).toMatch(/document imported[\s\S]*fields extracted/);
    expectNoHits(scan.hits);
  });

  it('no marker in what Folio printed to the console (stdout and stderr), nor in any error message', () => {
    expect(printed.length).toBeGreaterThan(0);
    expectNoHits(scanBytes(Buffer.from(printed, 'utf8'), needles, '<console>'));
    expectNoHits(scanBytes(Buffer.from(errorMessages.join('\n'), 'utf8'), needles, '<error messages>'));
  });

  it('no marker in files the test created or changed in the temp dir, /dev/shm, or ~/.config and ~/.cache', () => {
    const hits = newTempEntries().flatMap((entry) => scanTree(entry, needles).hits);
    const changed = [os.tmpdir(), path.join(os.homedir(), '.config'), path.join(os.homedir(), '.cache')].flatMap(
      (root) => scanTree(root, needles, { since: started }).hits,
    );
    expectNoHits([...hits, ...changed]);
  });

  it('the database and its WAL carry no SQLite plaintext header anywhere', () => {
    const file = vaultFile(dataDir);
    for (const candidate of [file, `${file}-wal`]) {
      if (!fs.existsSync(candidate)) continue;
      const bytes = fs.readFileSync(candidate);
      expect(bytes.length, candidate).toBeGreaterThan(0);
      expect(bytes.includes(SQLITE_PLAINTEXT_HEADER), path.basename(candidate)).toBe(false);
    }
    expect(fs.readFileSync(file).subarray(0, 16).equals(SQLITE_PLAINTEXT_HEADER)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('a sort too big for memory spills nothing in clear to SQLite temp files', () => {
    // SQLite's temp files are unlinked at birth, so no directory scan sees them; /proc does.
    const scratch = makeTempDir('folio-leak-sort-');
    const db = openDatabase({ file: path.join(scratch.dir, 'folio.db'), key: randomBytes(32) });
    try {
      db.exec('CREATE TABLE scratch (value TEXT)');
      const insert = db.prepare('INSERT INTO scratch (value) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 20_000; i++) insert.run(`Patient Zebulon Quaternary ${randomBytes(24).toString('hex')}`);
      })();
      // A small page cache makes the sorter spill after a few hundred kilobytes instead of megabytes.
      db.pragma('cache_size = 50');
      const spilled = (): string[] => {
        const rows = db.prepare('SELECT value FROM scratch ORDER BY value').iterate();
        rows.next();
        // While the first sorted row is out, any spill is still open: look at it now.
        const hits = openDeletedFiles().flatMap((file) => scanBytes(file.bytes, needles, file.target));
        rows.return?.();
        return hits.map((hit) => `${hit.marker} in ${hit.file}`);
      };
      expect(spilled()).toEqual([]);
      // The control: with temp files on disk (this SQLite build's default) the same sort leaks.
      db.pragma('temp_store = FILE');
      expect(spilled().length).toBeGreaterThan(0);
    } finally {
      db.close();
      scratch.remove();
    }
  });

  it('after closing, still nothing: data dir, logs and temp dir scanned again', async () => {
    await close();
    const hits = [...scanTree(dataDir, needles).hits, ...newTempEntries().flatMap((entry) => scanTree(entry, needles).hits)];
    expectNoHits(hits);
    // The database, its WAL and key file (the blob folder is in the tree scan above).
    for (const file of fs.readdirSync(path.join(dataDir, 'vault')).map((name) => path.join(dataDir, 'vault', name))) {
      if (!fs.statSync(file).isFile()) continue;
      expect(fs.readFileSync(file).includes(SQLITE_PLAINTEXT_HEADER), file).toBe(false);
      expectNoHits(scanFile(file, needles));
    }
  });
});
