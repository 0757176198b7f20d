import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { vaultFile } from '../../main/services/workstation';
import { keyFileFor, readKeyFile } from '../../main/vault/key-file';
import { VaultKeyStore } from '../../main/vault/key-store';
import { KeytarSecretStore } from '../../main/vault/secret-store';

/**
 * The vault key of a data dir, fetched the way the app does: from the keychain when setup put
 * it there (browser mode under scripts/with-keyring.sh), else unwrapped with the vault passphrase.
 */
export async function vaultKeyFor(dataDir: string, vaultPassphrase: string): Promise<Buffer> {
  const keys = new VaultKeyStore({ keyFile: keyFileFor(vaultFile(dataDir)), secrets: new KeytarSecretStore() });
  const fromKeychain = await keys.unlock();
  if (fromKeychain.status === 'unlocked') return fromKeychain.key;
  return keys.unlockWithPassphrase(vaultPassphrase);
}

/** Removes the data dir's entry from the keychain, so a test leaves the keyring as it found it. */
export async function forgetVaultKey(dataDir: string): Promise<void> {
  const account = readKeyFile(keyFileFor(vaultFile(dataDir)))?.keychain?.account;
  if (account) await new KeytarSecretStore().delete(account).catch(() => false);
}

/** Opens a vault file as SQLCipher with the key, outside the app: what a forensic check would do (or, with `create`, an old version would have written). */
export function openVaultFile(file: string, key: Buffer, options: { readonly?: boolean; create?: boolean } = {}): Database.Database {
  const db = new Database(file, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `PRAGMA integrity_check` rows: `['ok']` for a sound file. */
export function integrityCheck(file: string, key: Buffer): string[] {
  const db = openVaultFile(file, key);
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}

/**
 * Copies the database and its WAL exactly as a crash left them (not the -shm: a reopening
 * process rebuilds it from the WAL), so the check sees the crash state without disturbing the
 * files the restarted app is about to recover.
 */
export function copyCrashState(dataDir: string, into: string): string {
  const source = vaultFile(dataDir);
  const target = path.join(into, path.basename(source));
  fs.mkdirSync(into, { recursive: true });
  fs.copyFileSync(source, target);
  if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${target}-wal`);
  return target;
}
