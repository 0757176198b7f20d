import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach } from 'vitest';
import { FolioError } from '../../../app/contract/errors';
import { BlobStore, blobDirFor } from '../../../main/vault/blob-store';
import { openDatabase, type VaultDatabase } from '../../../main/vault/database';
import { KeytarSecretStore } from '../../../main/vault/secret-store';
import type { ScryptParams } from '../../../main/vault/key-wrap';
import { migrations } from '../../../main/vault/migrations/index';

/** The cheapest cost scrypt's bounds accept: the code paths are the same, the tests are fast. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

/** A fresh data dir per test, removed afterwards; nothing of one test leaks into the next. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-vault-'));
    dirs.push(dir);
    return dir;
  };
}

/** Every file in a directory with a digest of its bytes: "untouched" means this is equal before and after. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

export function randomKey(): Buffer {
  return randomBytes(32);
}

/** Runs `fn` and returns the FolioError it throws; fails the test if it throws anything else or nothing. */
export async function folioErrorOf(fn: () => unknown): Promise<FolioError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof FolioError) return error;
    throw new Error(`Expected a FolioError, got ${String(error)}`);
  }
  throw new Error('Expected a FolioError, but nothing was thrown');
}

export interface KeyringProbe {
  available: boolean;
  reason: string;
}

/**
 * Is a real Secret Service answering? A round trip through keytar itself, so "available" means
 * exactly what the vault needs.
 */
export async function probeKeyring(): Promise<KeyringProbe> {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    return { available: false, reason: 'no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset); run under scripts/with-keyring.sh' };
  }
  const store = new KeytarSecretStore({ service: 'Folio-test-probe', timeoutMs: 5_000 });
  const account = `probe-${process.pid}`;
  try {
    await store.set(account, 'ok');
    const value = await store.get(account);
    await store.delete(account);
    if (value !== 'ok') return { available: false, reason: 'the keyring answered but did not keep a secret' };
    return { available: true, reason: 'gnome-keyring answered' };
  } catch (error) {
    return { available: false, reason: `the Secret Service did not answer (${String((error as Error).message)}); run under scripts/with-keyring.sh` };
  }
}

/** Under CI a missing keyring fails the run: a skipped keyring test there would be a lie. */
export const KEYRING_REQUIRED = process.env.CI === 'true' || process.env.CI === '1';

/** secret-tool talks to the same Secret Service from outside the process, as another app would. */
export function secretTool(args: string[], input?: string): string {
  return execFileSync('secret-tool', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A real encrypted database file in a temp dir, migrated to the current schema, with its blob folder. */
export function openTestVault(dir: string, key: Buffer = randomKey()): { db: VaultDatabase; file: string; key: Buffer; blobs: BlobStore } {
  const file = path.join(dir, 'folio.db');
  const db = openDatabase({ file, key });
  return { db, file, key, blobs: new BlobStore(db, blobDirFor(file)) };
}

/**
 * A vault as an older Folio left it: the database keyed as the app keys it, with the schema
 * migrated up to `version` and no further, and closed by the caller after writing that
 * version's own rows. The next `openDatabase` runs the migrations after it.
 */
export function legacyVault(file: string, key: Buffer, version: number): Database.Database {
  const old = new Database(file);
  old.pragma(`cipher='sqlcipher'`);
  old.pragma('legacy=4');
  old.pragma(`key="x'${key.toString('hex')}'"`);
  old.transaction(() => {
    for (const migration of migrations.filter((candidate) => candidate.version <= version)) migration.up(old, { blobDir: blobDirFor(file) });
    old.pragma(`user_version = ${version}`);
  })();
  return old;
}
