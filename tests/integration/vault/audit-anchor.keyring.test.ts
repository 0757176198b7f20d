import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLogging } from '../../../main/log/logger';
import { openWorkstation, vaultFile, type Workstation } from '../../../main/services/workstation';
import { ANCHOR_ACCOUNT_PREFIX, anchorFileFor } from '../../../main/vault/audit-anchor';
import { keyFileFor, readKeyFile } from '../../../main/vault/key-file';
import { KeytarSecretStore } from '../../../main/vault/secret-store';
import { makeTempDir } from '../../support/temp-dir';
import { TEST_ADMIN } from '../../support/workstation';
import { KEYRING_REQUIRED, TEST_SCRYPT, probeKeyring } from './vault-fixtures';

// The audit anchor where the vault key lives in the OS keychain: a keychain entry of its own,
// never a file in the data folder. Run under scripts/with-keyring.sh (CI does).
const keyring = await probeKeyring();
const suite = keyring.available || KEYRING_REQUIRED ? describe : describe.skip;
if (!keyring.available && !KEYRING_REQUIRED) process.stderr.write(`[vault] keyring anchor tests skipped: ${keyring.reason}\n`);

suite('the audit anchor in the real OS keychain (gnome-keyring)', () => {
  const temp = makeTempDir();
  const context = { host: 'cli' as const };
  let workstation: Workstation;
  const open = (): Workstation => openWorkstation({ dataDir: temp.dir, workers: 1, secrets: new KeytarSecretStore(), scrypt: TEST_SCRYPT });

  beforeAll(() => {
    if (!keyring.available) throw new Error(`CI needs a real keyring for the vault tests: ${keyring.reason}`);
    configureLogging({ dataDir: temp.dir, console: false });
  });
  afterAll(async () => {
    await workstation?.close();
    // Leave no entries behind, in case this runs against a developer's own keyring.
    const file = readKeyFile(keyFileFor(vaultFile(temp.dir)));
    const store = new KeytarSecretStore();
    if (file?.keychain) await store.delete(file.keychain.account).catch(() => false);
    if (file) await store.delete(`${ANCHOR_ACCOUNT_PREFIX}${file.vaultId}`).catch(() => false);
    temp.remove();
  });

  it('keeps the anchor in a keychain entry of its own, seals from the first row, and finds it again after a restart', async () => {
    workstation = open();
    expect(await workstation.dispatch('session.setup', { adminName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase }, context)).toMatchObject({ ok: true });
    const file = readKeyFile(keyFileFor(vaultFile(temp.dir)));
    expect(file?.keychain).not.toBeNull();
    expect(file?.anchorRecovery).toBeDefined();
    expect(fs.existsSync(anchorFileFor(vaultFile(temp.dir)))).toBe(false);
    const stored = await new KeytarSecretStore().get(`${ANCHOR_ACCOUNT_PREFIX}${file?.vaultId}`);
    expect(stored).toMatch(/"secret"/);
    expect(await workstation.dispatch('audit.verify', {}, context)).toMatchObject({ ok: true, value: { ok: true, sealedFrom: 1 } });

    await workstation.close();
    workstation = open();
    expect(await workstation.dispatch('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase }, context)).toMatchObject({ ok: true });
    expect(await workstation.dispatch('audit.verify', {}, context)).toMatchObject({ ok: true, value: { ok: true, sealedFrom: 1 } });
  });
});
