import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolioError } from '../../app/contract/errors';
import { logger } from '../log/logger';
import {
  CURRENT_BACKUP_FORMAT,
  backupMacKey,
  backupMacMatches,
  digestFile,
  extractBlobs,
  extractDatabase,
  measureBlobs,
  readBackupFile,
  writeBackupFile,
  type BackupManifest,
} from './backup-format';
import { blobDirFor } from './blob-store';
import { syncDirectory } from './durable-files';
import { runVaultFileTask, type VaultFileReport } from './backup-worker';
import { keyFileFor, readKeyFile, writeKeyFile } from './key-file';
import { VaultKeyStore } from './key-store';
import { keyMatches, type ScryptParams } from './key-wrap';
import { SCHEMA_VERSION } from './migrations/index';
import type { SecretStore } from './secret-store';

const log = logger('backup');

export interface CreateBackupOptions {
  /** The live vault, normally `vaultFile(dataDir)`; its key file sits beside it. */
  databaseFile: string;
  /** The unlocked vault key: the worker opens its own connection with it. */
  key: Buffer;
  /** The backup file to write; must not exist yet (a backup never overwrites another). */
  destination: string;
  now?: () => Date;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  createdAt: string;
  vaultId: string;
  schemaVersion: number;
}

/**
 * Writes an encrypted backup of the open vault: a consistent snapshot taken in a worker while
 * the app keeps working, checked with `integrity_check`, bundled with the key file, and moved
 * into place only when complete, so a crash never leaves a half backup under the final name.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupSummary> {
  const keyFile = readKeyFile(keyFileFor(options.databaseFile));
  if (!keyFile) throw new FolioError('not_found', 'This vault has not been set up yet.');
  if (!keyMatches(options.key, keyFile.vaultId, keyFile.keyCheck)) {
    throw new FolioError('unauthorized', 'That key does not belong to this vault.');
  }
  const dir = path.dirname(path.resolve(options.destination));
  if (!fs.existsSync(dir)) throw new FolioError('not_found', 'The folder for the backup does not exist.');
  if (fs.existsSync(options.destination)) throw new FolioError('conflict', 'A file with that name exists already. Choose another name.');

  // Both stay beside the destination: same disk for the final rename, and never in a shared temp
  // dir. Named apart from the destination, whose name may already be as long as a disk allows.
  const stem = path.join(dir, `.folio-backup-${process.pid}-${randomBytes(6).toString('hex')}`);
  const snapshot = `${stem}.snapshot`;
  const partial = `${stem}.partial`;
  try {
    // SQLite would create the copy with the process's default mode (0644); VACUUM INTO takes an
    // empty file, so it is made here first, readable by its owner only.
    fs.rmSync(snapshot, { force: true });
    fs.writeFileSync(snapshot, '', { flag: 'wx', mode: 0o600 });
    const report = await runVaultFileTask({ task: 'snapshot', source: options.databaseFile, target: snapshot }, options.key);
    assertSound(report);
    const database = await digestFile(snapshot);
    // Blob files are written once and never changed, so the ones the snapshot names are the
    // ones to carry, whatever the app writes meanwhile.
    const blobs = { dir: blobDirFor(options.databaseFile), ids: report.blobIds };
    const createdAt = (options.now ?? (() => new Date()))().toISOString();
    const manifest: BackupManifest = { format: CURRENT_BACKUP_FORMAT, createdAt, schemaVersion: report.schemaVersion, keyFile, database, blobs: await measureBlobs(blobs) };
    const macKey = backupMacKey(options.key, keyFile.vaultId);
    const bytes = await writeBackupFile(partial, manifest, snapshot, blobs, macKey).finally(() => macKey.fill(0));
    fs.renameSync(partial, options.destination);
    syncDirectory(dir);
    log.info('backup written', { bytes, schemaVersion: report.schemaVersion });
    return { file: options.destination, bytes, createdAt, vaultId: keyFile.vaultId, schemaVersion: report.schemaVersion };
  } catch (error) {
    throw backupWriteError(error);
  } finally {
    // SQLite's rollback journal for the copy outlives a VACUUM INTO cut short.
    for (const leftover of [snapshot, `${snapshot}-journal`, partial]) fs.rmSync(leftover, { force: true });
  }
}

/** A failed write, in words the person can act on and without the path. */
function backupWriteError(error: unknown): unknown {
  if (error instanceof FolioError) return error;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EINVAL':
      return new FolioError('forbidden', 'Folio may not write a backup into that folder. Choose another one.');
    case 'ENOSPC':
    case 'EDQUOT':
      return new FolioError('internal', 'The disk of the backup folder is full. No backup was written.');
    default:
      return error;
  }
}

/** What a restore screen needs before asking for anything: which secrets can open this backup. */
export interface BackupInfo {
  createdAt: string;
  vaultId: string;
  schemaVersion: number;
  bytes: number;
  keychain: boolean;
  passphrase: boolean;
}

export async function inspectBackup(file: string): Promise<BackupInfo> {
  const { manifest } = await readBackupFile(file);
  return {
    createdAt: manifest.createdAt,
    vaultId: manifest.keyFile.vaultId,
    schemaVersion: manifest.schemaVersion,
    bytes: manifest.database.bytes,
    keychain: manifest.keyFile.keychain !== null,
    passphrase: manifest.keyFile.passphrase !== null,
  };
}

export interface RestoreBackupOptions {
  backupFile: string;
  /** Where the vault goes, normally `vaultFile(dataDir)` of a data dir without a vault. */
  databaseFile: string;
  secrets: SecretStore;
  /** Opens the backup without the keychain (a new machine, a lost entry). */
  recoveryCode?: string;
  /** The vault passphrase, for vaults set up without a keychain. */
  passphrase?: string;
  scrypt?: ScryptParams;
}

export interface RestoredVault {
  vaultId: string;
  createdAt: string;
  schemaVersion: number;
  unlockedWith: 'keychain' | 'recovery-code' | 'passphrase';
  /** The recovery code also put the key back into this machine's keychain. */
  restoredToKeychain: boolean;
}

/**
 * Restores a backup into a data dir that has no vault. The backup is checked (format, digest),
 * then its key is obtained (recovery code, passphrase, or this machine's keychain); a wrong
 * secret fails with `unauthorized` before anything is written. The database and the blob files
 * are copied in under temporary names, the database opened with the key and checked against
 * the blobs, both renamed, and the key file written last: its presence is what makes the vault
 * "set up", so a crash midway leaves no half vault that the app would try to open.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoredVault> {
  const keyFilePath = keyFileFor(options.databaseFile);
  assertNoVault(options.databaseFile, keyFilePath);
  const contents = await readBackupFile(options.backupFile);
  const { manifest } = contents;
  if (manifest.schemaVersion > SCHEMA_VERSION) throw newerThanApp(manifest.schemaVersion);
  const stored = await digestFile(options.backupFile, { start: contents.databaseOffset, bytes: manifest.database.bytes });
  if (stored.sha256 !== manifest.database.sha256) throw new FolioError('corrupt_file', 'The backup file is damaged: its database does not match its checksum.');

  const unlocked = await unlockBackupKey(manifest, options);
  const dir = path.dirname(options.databaseFile);
  const createdDir = !fs.existsSync(dir);
  const staged = path.join(dir, `.${path.basename(options.databaseFile)}.restore-${process.pid}`);
  const stagedBlobs = path.join(dir, `.blobs.restore-${process.pid}`);
  let blobsMoved = false;
  try {
    assertNoVault(options.databaseFile, keyFilePath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    await extractDatabase(options.backupFile, contents, staged);
    const blobs = await extractBlobs(options.backupFile, contents, stagedBlobs);
    const macKey = backupMacKey(unlocked.key, manifest.keyFile.vaultId);
    const authentic = backupMacMatches(contents, macKey, blobs.digest);
    macKey.fill(0);
    if (!authentic) throw new FolioError('corrupt_file', 'The backup file was changed after it was written: its seal does not match. Nothing was written.');
    const report = await runVaultFileTask({ task: 'check', file: staged, blobDir: stagedBlobs }, unlocked.key);
    assertSound(report);
    if (report.schemaVersion > SCHEMA_VERSION) throw newerThanApp(report.schemaVersion);
    if (blobs.ids.sort().join() !== report.blobIds.join() || report.unreadableBlobs > 0) {
      throw new FolioError('corrupt_file', 'The backup file is damaged: its page images and originals do not match its database. Nothing was written.');
    }
    fs.renameSync(stagedBlobs, blobDirFor(options.databaseFile));
    blobsMoved = true;
    fs.renameSync(staged, options.databaseFile);
    syncDirectory(dir);
    writeKeyFile(keyFilePath, manifest.keyFile);
    log.info('backup restored', { schemaVersion: report.schemaVersion, unlockedWith: unlocked.method });
    return {
      vaultId: manifest.keyFile.vaultId,
      createdAt: manifest.createdAt,
      schemaVersion: report.schemaVersion,
      unlockedWith: unlocked.method,
      restoredToKeychain: unlocked.restoredToKeychain,
    };
  } catch (error) {
    fs.rmSync(staged, { force: true });
    fs.rmSync(stagedBlobs, { recursive: true, force: true });
    // Moved in, but the database never followed: take them out again, leaving the folder as found.
    if (blobsMoved && !fs.existsSync(options.databaseFile)) fs.rmSync(blobDirFor(options.databaseFile), { recursive: true, force: true });
    for (const leftover of [`${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) fs.rmSync(leftover, { force: true });
    if (createdDir) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    unlocked.key.fill(0);
  }
}

/**
 * The key, through the same VaultKeyStore code the app unlocks with (the same checks, the same
 * typed errors, the recovery code putting the key back into the keychain). VaultKeyStore reads
 * its key file from disk, so the backup's copy is staged in a private temp dir: it holds
 * nothing secret, and the restore target stays untouched until the key is known to be right.
 */
async function unlockBackupKey(
  manifest: BackupManifest,
  options: RestoreBackupOptions,
): Promise<{ key: Buffer; method: RestoredVault['unlockedWith']; restoredToKeychain: boolean }> {
  const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-restore-'));
  try {
    const keyFile = path.join(stagingDir, 'folio.keys.json');
    writeKeyFile(keyFile, manifest.keyFile);
    const keys = new VaultKeyStore({ keyFile, secrets: options.secrets, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
    if (options.recoveryCode !== undefined) {
      const { key, restoredToKeychain } = await keys.unlockWithRecoveryCode(options.recoveryCode);
      return { key, method: 'recovery-code', restoredToKeychain };
    }
    if (options.passphrase !== undefined) {
      return { key: await keys.unlockWithPassphrase(options.passphrase), method: 'passphrase', restoredToKeychain: false };
    }
    const fromKeychain = await keys.unlock();
    if (fromKeychain.status === 'unlocked') return { key: fromKeychain.key, method: 'keychain', restoredToKeychain: false };
    throw new FolioError(
      'unauthorized',
      fromKeychain.passphraseAvailable
        ? 'The keychain on this computer does not hold the key of this backup. Enter the vault passphrase or the recovery code.'
        : 'The keychain on this computer does not hold the key of this backup. Enter the recovery code.',
    );
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
}

function assertNoVault(databaseFile: string, keyFile: string): void {
  if ([databaseFile, `${databaseFile}-wal`, keyFile, blobDirFor(databaseFile)].some((file) => fs.existsSync(file))) {
    throw new FolioError('conflict', 'A vault exists here already. Restore into a new, empty data folder.');
  }
}

function assertSound(report: VaultFileReport): void {
  if (report.integrity.length !== 1 || report.integrity[0] !== 'ok') {
    throw new FolioError('corrupt_file', 'The vault failed its integrity check. Nothing was written.');
  }
}

function newerThanApp(version: number): FolioError {
  return new FolioError('conflict', `This backup was made by a newer version of Folio (schema ${version}, this app knows ${SCHEMA_VERSION}). Update Folio to restore it.`);
}
