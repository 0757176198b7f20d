import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/vault/database';
import { keyFileFor, readKeyFile } from '../../../main/vault/key-file';
import { VaultKeyStore } from '../../../main/vault/key-store';
import { KeytarSecretStore } from '../../../main/vault/secret-store';
import { UnlockThrottled } from '../../../main/vault/unlock-backoff';
import { TEST_SCRYPT, folioErrorOf, snapshotDir, useTempDirs } from './vault-fixtures';

// A headless box without a Secret Service: the bus address points at nothing. Set before the
// first keytar call; this file runs in its own process (integration uses the forks pool).
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/folio-no-bus';

const PASSPHRASE = 'correct horse battery staple';

describe('vault key where no keychain answers', () => {
  const tempDir = useTempDirs();

  function setup(now: () => number = Date.now) {
    const dir = tempDir();
    const dbFile = path.join(dir, 'folio.db');
    const keys = new VaultKeyStore({ keyFile: keyFileFor(dbFile), secrets: new KeytarSecretStore(), scrypt: TEST_SCRYPT, now });
    return { dir, dbFile, keys };
  }

  it('says so before setup, and setup without a passphrase is refused with a clear reason', async () => {
    const { keys } = setup();
    expect(await keys.keychainAnswers()).toBe(false);
    const error = await folioErrorOf(() => keys.create());
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/no system keychain.*passphrase/i);
    expect(keys.exists()).toBe(false);
  });

  it('wraps the key with the passphrase (scrypt parameters recorded) and opens with it after a restart', async () => {
    const { dbFile, keys } = setup();
    const created = await keys.create({ passphrase: PASSPHRASE });
    expect(created.protection).toBe('passphrase');
    const db = openDatabase({ file: dbFile, key: created.key });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('marker', '"kept"');
    db.close();

    const file = readKeyFile(keyFileFor(dbFile));
    expect(file?.keychain).toBeNull();
    expect(file?.passphrase?.kdf).toBe('scrypt');
    expect(file?.passphrase?.params).toEqual(TEST_SCRYPT);
    expect(file?.passphrase?.salt.length).toBeGreaterThan(0);
    const text = fs.readFileSync(keyFileFor(dbFile), 'utf8');
    expect(text).not.toContain(created.key.toString('base64'));
    expect(text).not.toContain(created.key.toString('hex'));
    expect(text).not.toContain(created.recoveryCode);

    const restarted = new VaultKeyStore({ keyFile: keyFileFor(dbFile), secrets: new KeytarSecretStore(), scrypt: TEST_SCRYPT });
    expect(await restarted.unlock()).toEqual({ status: 'needs-secret', reason: 'passphrase-protected', passphraseAvailable: true });
    const key = await restarted.unlockWithPassphrase(PASSPHRASE);
    expect(key.equals(created.key)).toBe(true);
    const reopened = openDatabase({ file: dbFile, key });
    expect(reopened.prepare('SELECT value FROM settings WHERE key = ?').get('marker')).toEqual({ value: '"kept"' });
    reopened.close();
  });

  it('a wrong passphrase is refused typed, the next attempt must wait longer, and the database is untouched', async () => {
    let now = 1_000_000;
    const { dir, dbFile, keys } = setup(() => now);
    const created = await keys.create({ passphrase: PASSPHRASE });
    openDatabase({ file: dbFile, key: created.key }).close();
    const before = snapshotDir(dir);

    const wrong = await folioErrorOf(() => keys.unlockWithPassphrase('correct horse battery stapler'));
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).toMatch(/wrong passphrase/i);

    // Inside the wait even the right passphrase is refused, and says how long to wait.
    const early = await folioErrorOf(() => keys.unlockWithPassphrase(PASSPHRASE));
    expect(early).toBeInstanceOf(UnlockThrottled);
    expect((early as UnlockThrottled).retryAfterMs).toBe(1_000);

    now += 1_000;
    await folioErrorOf(() => keys.unlockWithPassphrase('still wrong, sorry'));
    now += 1_000;
    const second = await folioErrorOf(() => keys.unlockWithPassphrase(PASSPHRASE));
    expect((second as UnlockThrottled).retryAfterMs).toBe(1_000);
    now += 1_000;
    expect((await keys.unlockWithPassphrase(PASSPHRASE)).equals(created.key)).toBe(true);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('the recovery code also opens a passphrase vault, and a new passphrase can then be set', async () => {
    const { dbFile, keys } = setup();
    const created = await keys.create({ passphrase: PASSPHRASE });
    openDatabase({ file: dbFile, key: created.key }).close();

    const recovered = await keys.unlockWithRecoveryCode(created.recoveryCode);
    expect(recovered.key.equals(created.key)).toBe(true);
    expect(recovered.restoredToKeychain).toBe(false);

    await keys.setPassphrase(recovered.key, 'a brand new passphrase');
    expect((await keys.unlockWithPassphrase('a brand new passphrase')).equals(created.key)).toBe(true);
    expect((await folioErrorOf(() => keys.unlockWithPassphrase(PASSPHRASE))).code).toBe('unauthorized');
    openDatabase({ file: dbFile, key: recovered.key }).close();
  });

  it('a renewed recovery code works and the old one stops working', async () => {
    let now = 0;
    const { keys } = setup(() => now);
    const created = await keys.create({ passphrase: PASSPHRASE });
    const renewed = await keys.renewRecoveryCode(created.key, null);
    expect(renewed).not.toBe(created.recoveryCode);
    expect((await keys.unlockWithRecoveryCode(renewed)).key.equals(created.key)).toBe(true);
    expect((await folioErrorOf(() => keys.unlockWithRecoveryCode(created.recoveryCode))).code).toBe('unauthorized');
    now += 60_000;
    expect((await folioErrorOf(() => keys.renewRecoveryCode(Buffer.alloc(32, 7), null))).code).toBe('unauthorized');
  });

  it('a damaged key file is reported as such, not as a wrong passphrase', async () => {
    const { dbFile, keys } = setup();
    await keys.create({ passphrase: PASSPHRASE });
    fs.writeFileSync(keyFileFor(dbFile), '{"format":1,"vaultId":');
    expect((await folioErrorOf(() => keys.unlockWithPassphrase(PASSPHRASE))).code).toBe('corrupt_file');
  });
});
