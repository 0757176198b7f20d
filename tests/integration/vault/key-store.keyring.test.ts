import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/vault/database';
import { keyFileFor, readKeyFile } from '../../../main/vault/key-file';
import { VaultKeyStore } from '../../../main/vault/key-store';
import { KeytarSecretStore } from '../../../main/vault/secret-store';
import {
  KEYRING_REQUIRED,
  TEST_SCRYPT,
  folioErrorOf,
  probeKeyring,
  randomKey,
  secretTool,
  snapshotDir,
  useTempDirs,
} from './vault-fixtures';

// Against the real gnome-keyring that scripts/with-keyring.sh starts. Locally without one these
// tests are skipped with the reason below; under CI they fail instead.
const keyring = await probeKeyring();
const suite = keyring.available || KEYRING_REQUIRED ? describe : describe.skip;
if (!keyring.available && !KEYRING_REQUIRED) {
  process.stderr.write(`[vault] keyring tests skipped: ${keyring.reason}\n`);
}

suite('vault key in the real OS keychain (gnome-keyring)', () => {
  const tempDir = useTempDirs();

  beforeAll(() => {
    if (!keyring.available) throw new Error(`CI needs a real keyring for the vault tests: ${keyring.reason}`);
  });

  const keyFiles: string[] = [];
  // Leave no entries behind, in case this runs against a developer's own keyring.
  afterEach(async () => {
    const store = new KeytarSecretStore();
    for (const keyFile of keyFiles.splice(0)) {
      const account = readKeyFile(keyFile)?.keychain?.account;
      if (account) await store.delete(account);
    }
  });

  function setup() {
    const dir = tempDir();
    const dbFile = path.join(dir, 'folio.db');
    keyFiles.push(keyFileFor(dbFile));
    const keys = new VaultKeyStore({ keyFile: keyFileFor(dbFile), secrets: new KeytarSecretStore(), scrypt: TEST_SCRYPT });
    return { dir, dbFile, keys };
  }

  it('creates a key in the keychain, and a restart opens the same vault without asking anything', async () => {
    const { dbFile, keys } = setup();
    expect(keys.exists()).toBe(false);
    const created = await keys.create();
    expect(created.protection).toBe('keychain');
    const db = openDatabase({ file: dbFile, key: created.key });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('marker', '"kept"');
    db.close();

    const file = readKeyFile(keyFileFor(dbFile));
    expect(file?.keychain?.service).toBe('Folio');
    // The key is in the keychain, readable by any Secret Service client, and in no file.
    const account = file?.keychain?.account ?? '';
    expect(secretTool(['lookup', 'service', 'Folio', 'account', account])).toBe(created.key.toString('base64'));
    const keyFileText = fs.readFileSync(keyFileFor(dbFile), 'utf8');
    expect(keyFileText).not.toContain(created.key.toString('base64'));
    expect(keyFileText).not.toContain(created.key.toString('hex'));

    const restarted = new VaultKeyStore({ keyFile: keyFileFor(dbFile), secrets: new KeytarSecretStore(), scrypt: TEST_SCRYPT });
    expect(restarted.exists()).toBe(true);
    const unlocked = await restarted.unlock();
    expect(unlocked.status).toBe('unlocked');
    if (unlocked.status !== 'unlocked') return;
    expect(unlocked.key.equals(created.key)).toBe(true);
    const reopened = openDatabase({ file: dbFile, key: unlocked.key });
    expect(reopened.prepare('SELECT value FROM settings WHERE key = ?').get('marker')).toEqual({ value: '"kept"' });
    reopened.close();

    // Encrypted at rest: no SQLite plaintext header, and the marker is nowhere in clear.
    const bytes = fs.readFileSync(dbFile);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('kept'))).toBe(false);
  });

  it('when the keychain entry is deleted, the recovery code restores access and puts the key back', async () => {
    const { dbFile, keys } = setup();
    const created = await keys.create();
    openDatabase({ file: dbFile, key: created.key }).close();
    const account = readKeyFile(keyFileFor(dbFile))?.keychain?.account ?? '';
    secretTool(['clear', 'service', 'Folio', 'account', account]);

    const unlocked = await keys.unlock();
    expect(unlocked).toEqual({ status: 'needs-secret', reason: 'keychain-entry-missing', passphraseAvailable: false });

    // Typed the way a person would: lower case, spaces instead of dashes.
    const typed = created.recoveryCode.toLowerCase().replaceAll('-', ' ');
    const recovered = await keys.unlockWithRecoveryCode(typed);
    expect(recovered.key.equals(created.key)).toBe(true);
    expect(recovered.restoredToKeychain).toBe(true);
    openDatabase({ file: dbFile, key: recovered.key }).close();

    const next = await keys.unlock();
    expect(next.status).toBe('unlocked');
  });

  it('a wrong recovery code is refused with a typed error and the database stays byte for byte the same', async () => {
    const { dir, dbFile, keys } = setup();
    const created = await keys.create();
    openDatabase({ file: dbFile, key: created.key }).close();
    const before = snapshotDir(dir);
    const other = (await setup().keys.create()).recoveryCode;

    const error = await folioErrorOf(() => keys.unlockWithRecoveryCode(other));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/wrong recovery code/i);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('a key in the keychain that belongs to another vault is refused, not used and not overwritten', async () => {
    const { dir, dbFile, keys } = setup();
    const created = await keys.create();
    openDatabase({ file: dbFile, key: created.key }).close();
    const account = readKeyFile(keyFileFor(dbFile))?.keychain?.account ?? '';
    const foreign = randomKey().toString('base64');
    secretTool(['store', '--label=foreign', 'service', 'Folio', 'account', account], foreign);
    const before = snapshotDir(dir);

    const error = await folioErrorOf(() => keys.unlock());
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/does not belong to this vault/);
    expect(secretTool(['lookup', 'service', 'Folio', 'account', account])).toBe(foreign);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('opening the database itself with a wrong key fails typed and leaves every file untouched', async () => {
    const { dir, dbFile, keys } = setup();
    const created = await keys.create();
    const db = openDatabase({ file: dbFile, key: created.key });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('a', '1');
    db.close();
    const before = snapshotDir(dir);

    const error = await folioErrorOf(() => openDatabase({ file: dbFile, key: randomKey() }));
    expect(error.code).toBe('unauthorized');
    const plain = await folioErrorOf(() => openDatabase({ file: dbFile, key: null }));
    expect(plain.code).toBe('unauthorized');
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('setup refuses to run twice over the same vault', async () => {
    const { keys } = setup();
    await keys.create();
    const error = await folioErrorOf(() => keys.create());
    expect(error.code).toBe('conflict');
  });
});
