import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../app/contract/errors';
import { configureLogging } from '../../main/log/logger';
import { NoSecretStore } from '../../main/vault/secret-store';
import { openWorkstation, type Workstation, type WorkstationOptions } from '../../main/services/workstation';
import { makeTempDir } from './temp-dir';

export const TEST_ADMIN = { name: 'Ada Admin', passphrase: 'correct horse battery' };
export const TEST_VAULT_PASSPHRASE = 'a long vault passphrase';

/**
 * A signed-in workstation over a fresh (or given) data folder, with the real engine and a real
 * encrypted vault. The vault key is wrapped with a passphrase (the no-keychain path, real
 * code); the keychain path has its own tests against gnome-keyring.
 */
export async function openTestWorkstation(
  options: Partial<WorkstationOptions> = {},
): Promise<{ workstation: Workstation; dataDir: string; cleanup: () => Promise<void> }> {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? (temp as { dir: string }).dir;
  configureLogging({ dataDir, console: false });
  const workstation = openWorkstation({ workers: 2, secrets: new NoSecretStore(), ...options, dataDir });
  const firstRun = !fs.existsSync(path.join(dataDir, 'vault'));
  const result = firstRun
    ? await workstation.dispatch('session.setup', { adminName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase, vaultPassphrase: TEST_VAULT_PASSPHRASE }, { host: 'cli' })
    : await workstation.dispatch('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase, vaultPassphrase: TEST_VAULT_PASSPHRASE }, { host: 'cli' });
  if (!result.ok) throw new Error(`test workstation could not be unlocked: ${(result as Extract<Result<unknown>, { ok: false }>).error.message}`);
  return {
    workstation,
    dataDir,
    cleanup: async () => {
      await workstation.close();
      temp?.remove();
    },
  };
}

export function toBase64(bytes: Buffer): string {
  return bytes.toString('base64');
}
