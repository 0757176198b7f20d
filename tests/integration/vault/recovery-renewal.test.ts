import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditAnchorStore } from '../../../main/vault/audit-anchor';
import { keyFileFor, readKeyFile, writeKeyFile, type KeyFile } from '../../../main/vault/key-file';
import { VaultKeyStore } from '../../../main/vault/key-store';
import { NoSecretStore } from '../../../main/vault/secret-store';
import { TEST_SCRYPT, folioErrorOf, useTempDirs } from './vault-fixtures';

const PASSPHRASE = 'correct horse battery staple';

/**
 * The key file keeps the audit anchor wrapped under the recovery code, so a restore on another
 * computer with the code brings the anchor back. Renewing the code used to re-wrap only the
 * vault key: the new code no longer brought the anchor back, and the old code, which "stops
 * working", still opened it.
 */
describe('renewing the recovery code re-wraps the audit anchor’s copy', () => {
  const tempDir = useTempDirs();

  async function setUp() {
    const dbFile = path.join(tempDir(), 'folio.db');
    const keys = new VaultKeyStore({ keyFile: keyFileFor(dbFile), secrets: new NoSecretStore(), scrypt: TEST_SCRYPT });
    const created = await keys.create({ passphrase: PASSPHRASE });
    const anchors = new AuditAnchorStore(dbFile, new NoSecretStore());
    const secret = await anchors.create({ path: keyFileFor(dbFile), content: readKeyFile(keyFileFor(dbFile)) as KeyFile }, { code: created.recoveryCode, scrypt: TEST_SCRYPT });
    return { dbFile, keys, created, secret };
  }

  /** The key file carried to another computer, whose anchor store holds nothing yet. */
  function elsewhere(dbFile: string): { anchors: AuditAnchorStore; keyFile: KeyFile } {
    const keyFile = readKeyFile(keyFileFor(dbFile)) as KeyFile;
    const otherDb = path.join(tempDir(), 'folio.db');
    writeKeyFile(keyFileFor(otherDb), keyFile);
    return { anchors: new AuditAnchorStore(otherDb, new NoSecretStore()), keyFile };
  }

  it('brings the anchor back with the new code, and not with the old one', async () => {
    const { dbFile, keys, created, secret } = await setUp();
    const renewed = await keys.renewRecoveryCode(created.key, secret);
    expect(renewed).not.toBe(created.recoveryCode);
    expect((await keys.unlockWithRecoveryCode(renewed)).key.equals(created.key)).toBe(true);

    const old = elsewhere(dbFile);
    expect(await old.anchors.recover(old.keyFile, created.recoveryCode)).toBe(false);
    expect(await old.anchors.load(old.keyFile)).toBeNull();

    const other = elsewhere(dbFile);
    expect(await other.anchors.recover(other.keyFile, renewed)).toBe(true);
    expect((await other.anchors.load(other.keyFile))?.secret.equals(secret)).toBe(true);
  });

  it('drops the copy rather than leave it under the old code when the anchor is not at hand', async () => {
    const { dbFile, keys, created } = await setUp();
    const renewed = await keys.renewRecoveryCode(created.key, null);
    const other = elsewhere(dbFile);
    expect(other.keyFile.anchorRecovery).toBeUndefined();
    expect(await other.anchors.recover(other.keyFile, created.recoveryCode)).toBe(false);
    expect(await other.anchors.recover(other.keyFile, renewed)).toBe(false);
  });

  it('refuses something that is not an anchor secret, and changes nothing', async () => {
    const { dbFile, keys, created } = await setUp();
    const before = readKeyFile(keyFileFor(dbFile));
    expect((await folioErrorOf(() => keys.renewRecoveryCode(created.key, Buffer.alloc(5)))).code).toBe('invalid_input');
    expect(readKeyFile(keyFileFor(dbFile))).toEqual(before);
  });
});
