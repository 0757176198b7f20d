import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail } from '../../../app/model/document';
import { configureLogging } from '../../../main/log/logger';
import { openWorkstation, vaultFile, type Workstation } from '../../../main/services/workstation';
import { createBackup, inspectBackup, restoreBackup } from '../../../main/vault/backup';
import { BACKUP_MAGIC, backupMacKey, digestFile, readBackupFile } from '../../../main/vault/backup-format';
import { BlobStore, blobDirFor } from '../../../main/vault/blob-store';
import { DocumentStore } from '../../../main/vault/document-store';
import { migrations } from '../../../main/vault/migrations/index';
import { openDatabase } from '../../../main/vault/database';
import { keyFileFor, readKeyFile } from '../../../main/vault/key-file';
import { VaultKeyStore, type VaultSetup } from '../../../main/vault/key-store';
import { KeytarSecretStore, NoSecretStore } from '../../../main/vault/secret-store';
import { needlesFor, scanFile, SQLITE_PLAINTEXT_HEADER } from '../../support/leak-scan';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { integrityCheck, openVaultFile, vaultKeyFor } from '../../support/vault-files';
import { TEST_ADMIN, TEST_VAULT_PASSPHRASE, toBase64 } from '../../support/workstation';
import { folioErrorOf, KEYRING_REQUIRED, probeKeyring, snapshotDir, TEST_SCRYPT } from './vault-fixtures';

// Backup and restore (issue 4) on a real vault holding a real, read document: the backup file
// is encrypted (no SQLite header, no PHI in clear, the key only in wrapped form), and a restore
// into a fresh data dir needs the recovery code or the vault passphrase; a wrong one is refused
// with a typed error before anything is written. Restoring from the keychain, and the backup
// staying off the main thread, have their own describes below.
const context = { host: 'cli' as const };
const MARKERS = ['Quillon', 'Marchbanks', '7301966'];
const needles = needlesFor(MARKERS);
// One log folder for the whole file: every describe below logs (backup written, restored).
const logs = makeTempDir('folio-backup-logs-');
configureLogging({ dataDir: logs.dir, console: false });
afterAll(() => logs.remove());

describe('encrypted backup and restore (real vault, no keychain: vault passphrase and recovery code)', () => {
  const temps: Array<{ remove: () => void }> = [];
  const tempDir = (): string => {
    const temp = makeTempDir('folio-backup-');
    temps.push(temp);
    return temp.dir;
  };
  const dataDir = tempDir();
  const backupDir = tempDir();
  const backupFile = path.join(backupDir, 'folio-2026-11-25.folio-backup');
  const opened: Workstation[] = [];
  let workstation: Workstation;
  let recoveryCode: string;
  let documentId: string;
  let key: Buffer;

  const call = async <T>(ws: Workstation, method: string, input: unknown = {}): Promise<T> => {
    const result = (await ws.dispatch(method, input, context)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
    return result.value;
  };
  const open = (dir: string): Workstation => {
    const ws = openWorkstation({ dataDir: dir, workers: 2, secrets: new NoSecretStore() });
    opened.push(ws);
    return ws;
  };

  beforeAll(async () => {
    workstation = open(dataDir);
    // Set up here rather than through openTestWorkstation: the recovery code is shown only now.
    ({ recoveryCode } = await call<{ recoveryCode: string }>(workstation, 'session.setup', {
      adminName: TEST_ADMIN.name,
      passphrase: TEST_ADMIN.passphrase,
      vaultPassphrase: TEST_VAULT_PASSPHRASE,
    }));
    const page = await renderLinesPage(['Patient: Quillon Marchbanks', 'MRN 7301966-QM', 'Rx: Atorvastatin 20 mg tablet']);
    const imported = await call<{ outcomes: Array<{ documentId: string }> }>(workstation, 'documents.import', {
      files: [{ name: 'Marchbanks.png', dataBase64: toBase64(page.png) }],
    });
    documentId = imported.outcomes[0]?.documentId as string;
    await workstation.idle();
    key = await vaultKeyFor(dataDir, TEST_VAULT_PASSPHRASE);
  });
  afterAll(async () => {
    for (const ws of opened) await ws.close();
    key?.fill(0);
    for (const temp of temps) temp.remove();
  });

  it('writes a backup of the open vault while the person keeps editing', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId });
    const wordId = detail.pages[0]?.words[0]?.id as string;
    const backup = createBackup({ databaseFile: vaultFile(dataDir), key, destination: backupFile });
    // Edits during the snapshot: the backup holds a consistent state, before or after each one.
    for (let i = 0; i < 10; i++) await call(workstation, 'words.update', { documentId, wordId, text: `Quillon${i}` });
    const summary = await backup;

    expect(summary).toMatchObject({ file: backupFile, schemaVersion: expect.any(Number) as number });
    expect(fs.statSync(backupFile).size).toBe(summary.bytes);
    // Nothing but the backup itself is left beside it (no snapshot, no partial file).
    expect(fs.readdirSync(backupDir)).toEqual([path.basename(backupFile)]);
  });

  it('is encrypted: no SQLite header, no marker in clear, and the key only wrapped', async () => {
    const bytes = fs.readFileSync(backupFile);
    expect(bytes.includes(SQLITE_PLAINTEXT_HEADER)).toBe(false);
    expect(scanFile(backupFile, needles)).toEqual([]);
    for (const form of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      expect(bytes.includes(Buffer.from(form, 'latin1'))).toBe(false);
    }
    expect(bytes.includes(key)).toBe(false);
    const { manifest } = await readBackupFile(backupFile);
    expect(manifest.keyFile).toEqual(JSON.parse(fs.readFileSync(keyFileFor(vaultFile(dataDir)), 'utf8')));
    expect(await inspectBackup(backupFile)).toMatchObject({ keychain: false, passphrase: true, vaultId: manifest.keyFile.vaultId });
  });

  it('refuses a wrong recovery code with a typed error, and touches nothing', async () => {
    const target = tempDir();
    const before = snapshotDir(target);
    const other = recoveryCode.replace(/^./, (first) => (first === 'A' ? 'B' : 'A'));
    const error = await folioErrorOf(() =>
      restoreBackup({ backupFile, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode: other }),
    );
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/wrong recovery code/i);
    expect(snapshotDir(target)).toEqual(before);
    expect(fs.existsSync(path.join(target, 'vault'))).toBe(false);

    const noSecret = await folioErrorOf(() => restoreBackup({ backupFile, databaseFile: vaultFile(target), secrets: new NoSecretStore() }));
    expect(noSecret.code).toBe('unauthorized');
    expect(fs.existsSync(path.join(target, 'vault'))).toBe(false);
  });

  it('restores with the recovery code into a fresh data dir, where the app opens it and finds everything', async () => {
    const target = tempDir();
    const restored = await restoreBackup({ backupFile, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode: recoveryCode.toLowerCase() });
    expect(restored).toMatchObject({ unlockedWith: 'recovery-code', restoredToKeychain: false });
    expect(integrityCheck(vaultFile(target), key)).toEqual(['ok']);

    const copy = open(target);
    expect(await call(copy, 'session.status')).toMatchObject({ state: 'locked', vaultSecret: 'passphrase' });
    await call(copy, 'session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase, vaultPassphrase: TEST_VAULT_PASSPHRASE });
    const detail = await call<DocumentDetail>(copy, 'documents.get', { documentId });
    expect(detail.name).toBe('Marchbanks.png');
    expect(detail.pages[0]?.words.map((word) => word.text).join(' ')).toMatch(/Marchbanks/);
    expect(await call(copy, 'audit.verify')).toMatchObject({ ok: true });
    // The page image came along in the backup's blob records, byte for byte.
    expect(copy.pageImage(documentId, 0)?.equals(workstation.pageImage(documentId, 0) as Buffer)).toBe(true);
    const { manifest } = await readBackupFile(backupFile);
    expect(manifest).toMatchObject({ format: 3, blobs: { count: 2 } });
  });

  it('restores with the vault passphrase too', async () => {
    const target = tempDir();
    const restored = await restoreBackup({ backupFile, databaseFile: vaultFile(target), secrets: new NoSecretStore(), passphrase: TEST_VAULT_PASSPHRASE });
    expect(restored.unlockedWith).toBe('passphrase');
    expect(integrityCheck(vaultFile(target), key)).toEqual(['ok']);
  });

  it('refuses to restore over an existing vault, and leaves it as it was', async () => {
    const before = snapshotDir(path.join(dataDir, 'vault'));
    const error = await folioErrorOf(() => restoreBackup({ backupFile, databaseFile: vaultFile(dataDir), secrets: new NoSecretStore(), recoveryCode }));
    expect(error.code).toBe('conflict');
    expect(snapshotDir(path.join(dataDir, 'vault'))).toEqual(before);
  });

  it('refuses a damaged backup and a file that is no backup, writing nothing', async () => {
    const damaged = path.join(tempDir(), 'damaged.folio-backup');
    const bytes = fs.readFileSync(backupFile);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const target = tempDir();
    const error = await folioErrorOf(() => restoreBackup({ backupFile: damaged, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode }));
    expect(error.code).toBe('corrupt_file');
    const truncatedFile = path.join(tempDir(), 'cut.folio-backup');
    fs.writeFileSync(truncatedFile, bytes.subarray(0, bytes.length - 4096));
    expect((await folioErrorOf(() => restoreBackup({ backupFile: truncatedFile, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode }))).code).toBe('corrupt_file');
    const foreign = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(foreign, 'not a backup at all');
    expect((await folioErrorOf(() => restoreBackup({ backupFile: foreign, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode }))).code).toBe('unsupported_format');
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('refuses a backup whose page image was changed and its checksum fixed, even with its seal redone by the key holder, before anything is restored', async () => {
    const contents = await readBackupFile(backupFile);
    const bytes = fs.readFileSync(backupFile);
    const blobsStart = contents.databaseOffset + contents.manifest.database.bytes;
    const blobsEnd = blobsStart + (contents.manifest.blobs?.bytes ?? 0);
    // A byte inside the first blob's sealed body (past its 24-byte record header and the seal's own 20).
    bytes[blobsStart + 24 + 40] = (bytes[blobsStart + 24 + 40] as number) ^ 0x01;
    const digest = createHash('sha256').update(bytes.subarray(blobsStart, blobsEnd)).digest();
    digest.copy(bytes, blobsEnd);
    const unkeyed = path.join(tempDir(), 'digest-fixed.folio-backup');
    fs.writeFileSync(unkeyed, bytes);
    const target = tempDir();
    const refused = await folioErrorOf(() => restoreBackup({ backupFile: unkeyed, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode }));
    expect(refused.code).toBe('corrupt_file');
    expect(fs.readdirSync(target)).toEqual([]);

    // Whoever holds the vault key can redo the seal; the blob still does not open with its own key.
    const macKey = backupMacKey(key, contents.manifest.keyFile.vaultId);
    createHmac('sha256', macKey).update(contents.header).update(digest).digest().copy(bytes, blobsEnd + 32);
    const resealed = path.join(tempDir(), 'resealed.folio-backup');
    fs.writeFileSync(resealed, bytes);
    const stillRefused = await folioErrorOf(() => restoreBackup({ backupFile: resealed, databaseFile: vaultFile(target), secrets: new NoSecretStore(), recoveryCode }));
    expect(stillRefused.code).toBe('corrupt_file');
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('slows restore attempts after a wrong recovery code, as unlock is slowed', async () => {
    const target = tempDir();
    const fresh = open(target);
    const other = recoveryCode.replace(/^./, (first) => (first === 'A' ? 'B' : 'A'));
    const first = (await fresh.dispatch('vault.restore', { backupFile, recoveryCode: other }, context)) as Result<unknown>;
    expect(first).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/wrong recovery code/i) as string } });
    // Straight after, even the right code waits: nothing is tried, nothing written.
    const second = (await fresh.dispatch('vault.restore', { backupFile, recoveryCode }, context)) as Result<unknown>;
    expect(second).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/try again in/i) as string } });
    expect(await call(fresh, 'session.status')).toMatchObject({ state: 'setup', retryAfterMs: expect.any(Number) as number });
    expect(fs.existsSync(path.join(target, 'vault', 'folio.db'))).toBe(false);
  });

  it('refuses to write a backup that would lack a page image, and leaves nothing behind', async () => {
    const blobs = blobDirFor(vaultFile(dataDir));
    const victim = path.join(blobs, fs.readdirSync(blobs)[0] as string);
    const aside = `${victim}.aside`;
    fs.renameSync(victim, aside);
    try {
      const dir = tempDir();
      const error = await folioErrorOf(() => createBackup({ databaseFile: vaultFile(dataDir), key, destination: path.join(dir, 'short.folio-backup') }));
      expect(error.code).toBe('corrupt_file');
      expect(error.message).toMatch(/no backup was written/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.renameSync(aside, victim);
    }
  });

  it('never overwrites an existing file, and refuses a key that is not this vault\'s', async () => {
    expect((await folioErrorOf(() => createBackup({ databaseFile: vaultFile(dataDir), key, destination: backupFile }))).code).toBe('conflict');
    const wrong = Buffer.alloc(32, 7);
    const other = path.join(tempDir(), 'other.folio-backup');
    expect((await folioErrorOf(() => createBackup({ databaseFile: vaultFile(dataDir), key: wrong, destination: other }))).code).toBe('unauthorized');
    expect(fs.existsSync(other)).toBe(false);
  });
});

describe('a backup written before blob files (format 1, schema 6) still restores', () => {
  const temp = makeTempDir('folio-backup-v1-');
  afterAll(() => temp.remove());

  it('restores with the vault passphrase, and the images move out of the database on first open', async () => {
    const source = path.join(temp.dir, 'old', 'vault', 'folio.db');
    const keys = new VaultKeyStore({ keyFile: keyFileFor(source), secrets: new NoSecretStore(), scrypt: TEST_SCRYPT });
    const { key } = await keys.create({ passphrase: TEST_VAULT_PASSPHRASE });
    const image = (await renderLinesPage(['Patient: Quillon Marchbanks'])).png;
    const old = openVaultFile(source, key, { create: true });
    old.transaction(() => {
      for (const migration of migrations.filter((candidate) => candidate.version <= 6)) migration.up(old, { blobDir: path.join(temp.dir, 'unused') });
      old.pragma('user_version = 6');
      old.prepare(`INSERT INTO documents (id, name, format, status, page_count, imported_at, original) VALUES ('old', 'old.png', 'png', 'ready', 1, '2026-11-20T09:00:00.000Z', ?)`).run(image);
      old.prepare(`INSERT INTO pages (document_id, page_index, width, height, dpi, status, image) VALUES ('old', 0, 10, 10, 300, 'done', ?)`).run(image);
    })();
    old.close();
    // Format 1 exactly as it was written: header, manifest, database, nothing after.
    const database = fs.readFileSync(source);
    const manifest = { format: 1, createdAt: '2026-11-25T10:00:00.000Z', schemaVersion: 6, keyFile: readKeyFile(keyFileFor(source)), database: await digestFile(source) };
    const json = Buffer.from(JSON.stringify(manifest));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    const backupFile = path.join(temp.dir, 'old.folio-backup');
    fs.writeFileSync(backupFile, Buffer.concat([BACKUP_MAGIC, length, json, database]));

    const target = vaultFile(path.join(temp.dir, 'new'));
    expect(await restoreBackup({ backupFile, databaseFile: target, secrets: new NoSecretStore(), passphrase: TEST_VAULT_PASSPHRASE, scrypt: TEST_SCRYPT })).toMatchObject({ schemaVersion: 6 });
    const db = openDatabase({ file: target, key });
    try {
      const store = new DocumentStore(db, new BlobStore(db, blobDirFor(target)));
      expect(store.pageImage('old', 0)?.equals(image)).toBe(true);
      expect(store.original('old')?.equals(image)).toBe(true);
    } finally {
      db.close();
      key.fill(0);
    }
  });
});

describe('backup of a large vault runs off the main thread', () => {
  const temp = makeTempDir('folio-backup-big-');
  afterAll(() => temp.remove());

  it('stalls the event loop far less than the same copy made on the main thread', async () => {
    const databaseFile = path.join(temp.dir, 'vault', 'folio.db');
    const keys = new VaultKeyStore({ keyFile: keyFileFor(databaseFile), secrets: new NoSecretStore(), scrypt: TEST_SCRYPT });
    const { key } = await keys.create({ passphrase: TEST_VAULT_PASSPHRASE });
    const db = openDatabase({ file: databaseFile, key });
    try {
      db.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, body TEXT)');
      const insert = db.prepare('INSERT INTO bulk (body) VALUES (?)');
      const body = 'x'.repeat(2_000);
      db.transaction(() => {
        for (let i = 0; i < 15_000; i++) insert.run(`${i}${body}`);
      })();
      // The control: the same snapshot on this thread blocks it for its whole duration.
      const started = performance.now();
      db.prepare('VACUUM INTO ?').run(path.join(temp.dir, 'in-thread.db'));
      const inThreadMs = performance.now() - started;

      let longestStallMs = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestStallMs = Math.max(longestStallMs, now - last);
        last = now;
      }, 5);
      try {
        await createBackup({ databaseFile, key, destination: path.join(temp.dir, 'big.folio-backup') });
      } finally {
        clearInterval(ticker);
      }
      expect(inThreadMs).toBeGreaterThan(50);
      expect(longestStallMs).toBeLessThan(Math.max(inThreadMs / 2, 50));
    } finally {
      db.close();
      key.fill(0);
    }
  });
});

// Against the real gnome-keyring that scripts/with-keyring.sh starts (skipped without one, outside CI).
const keyring = await probeKeyring();
(keyring.available || KEYRING_REQUIRED ? describe : describe.skip)('restore with the key in the OS keychain (gnome-keyring)', () => {
  const temps: Array<{ dir: string; remove: () => void }> = [];
  const tempDir = (): string => {
    const temp = makeTempDir('folio-backup-kc-');
    temps.push(temp);
    return temp.dir;
  };
  const secrets = new KeytarSecretStore();
  const source = path.join(tempDir(), 'vault', 'folio.db');
  const backupFile = path.join(tempDir(), 'kc.folio-backup');
  let account = '';
  let setup: VaultSetup;

  beforeAll(async () => {
    if (!keyring.available) throw new Error(`CI needs a real keyring for the vault tests: ${keyring.reason}`);
    setup = await new VaultKeyStore({ keyFile: keyFileFor(source), secrets, scrypt: TEST_SCRYPT }).create();
    account = readKeyFile(keyFileFor(source))?.keychain?.account ?? '';
    const db = openDatabase({ file: source, key: setup.key });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('marker', '"Quillon"');
    try {
      await createBackup({ databaseFile: source, key: setup.key, destination: backupFile });
    } finally {
      db.close();
    }
  });
  afterAll(async () => {
    if (account) await secrets.delete(account).catch(() => false);
    setup?.key.fill(0);
    for (const temp of temps) temp.remove();
  });

  const readMarker = (databaseFile: string): unknown => {
    const db = openVaultFile(databaseFile, setup.key, { readonly: true });
    try {
      return db.prepare('SELECT value FROM settings WHERE key = ?').get('marker');
    } finally {
      db.close();
    }
  };

  it('needs nothing typed while this machine\'s keychain holds the key', async () => {
    expect(await inspectBackup(backupFile)).toMatchObject({ keychain: true, passphrase: false });
    const target = vaultFile(tempDir());
    expect(await restoreBackup({ backupFile, databaseFile: target, secrets })).toMatchObject({ unlockedWith: 'keychain' });
    expect(readMarker(target)).toEqual({ value: '"Quillon"' });
  });

  it('with the keychain entry gone: asks for the recovery code, refuses a wrong one, and the right one restores and refills the keychain', async () => {
    expect(await secrets.delete(account)).toBe(true);
    const dir = tempDir();
    const target = vaultFile(dir);
    const asked = await folioErrorOf(() => restoreBackup({ backupFile, databaseFile: target, secrets }));
    expect(asked.code).toBe('unauthorized');
    expect(asked.message).toMatch(/recovery code/);
    const wrong = await folioErrorOf(() => restoreBackup({ backupFile, databaseFile: target, secrets, recoveryCode: '0000-0000-0000-0000-0000-0000' }));
    expect(wrong.code).toBe('unauthorized');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await secrets.get(account)).toBeNull();

    const restored = await restoreBackup({ backupFile, databaseFile: target, secrets, recoveryCode: setup.recoveryCode });
    expect(restored).toMatchObject({ unlockedWith: 'recovery-code', restoredToKeychain: true });
    expect(readMarker(target)).toEqual({ value: '"Quillon"' });
    expect(await secrets.get(account)).toBe(setup.key.toString('base64'));
  });
});
