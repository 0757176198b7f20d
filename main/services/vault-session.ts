import fs from 'node:fs';
import { FolioError } from '../../app/contract/errors';
import type { MethodInput } from '../../app/contract/methods';
import type { SessionStatus, User } from '../../app/contract/session';
import { logger } from '../log/logger';
import { personExistingFile, personNewFile } from '../platform/path-policy';
import { AuditLog } from '../vault/audit-log';
import { createBackup, restoreBackup, type BackupSummary } from '../vault/backup';
import { BlobStore, blobDirFor } from '../vault/blob-store';
import { openDatabase, type VaultDatabase } from '../vault/database';
import { IdleLock, type LockCause, type LockClock } from '../vault/idle-lock';
import { keyFileFor } from '../vault/key-file';
import { VaultKeyStore, type KeychainUnlockResult } from '../vault/key-store';
import type { ScryptParams } from '../vault/key-wrap';
import { SearchIndex } from '../vault/search-index';
import type { SecretStore } from '../vault/secret-store';
import { SettingsStore } from '../vault/settings-store';
import { UserDirectory, type UserProfile } from '../vault/users';
import type { EventBus } from './event-bus';

const log = logger('session');

/** The open vault: what exists only once the key has opened the database. */
export interface OpenVault {
  db: VaultDatabase;
  /** Originals and page images: encrypted files whose keys are rows of `db`. */
  blobs: BlobStore;
  audit: AuditLog;
  users: UserDirectory;
  settings: SettingsStore;
  search: SearchIndex;
}

export interface VaultSessionOptions {
  databaseFile: string;
  /** Folio's data folder: a backup is never written into it, nor restored from it. */
  dataDir: string;
  secrets: SecretStore;
  events: EventBus;
  /** Builds what runs on the open database (documents, pipeline); called once per open. */
  onOpen(vault: OpenVault): void;
  clock?: LockClock;
  scrypt?: ScryptParams;
}

/**
 * One session for the whole workstation, whichever host a call comes through: the vault key
 * (keychain, vault passphrase or recovery code), the signed-in person, and the idle lock. While
 * locked, the dispatcher lets only the session methods through.
 */
export class VaultSession {
  private vault: OpenVault | null = null;
  private user: UserProfile | null = null;
  private keychainResult: KeychainUnlockResult | null = null;
  private keychainAvailable: boolean | null = null;
  private retryAfterMs = 0;
  /** A copy of the open vault's key, for backups (a worker opens its own connection); zeroed on close. */
  private key: Buffer | null = null;
  private readonly keys: VaultKeyStore;
  readonly idle: IdleLock;

  constructor(private readonly options: VaultSessionOptions) {
    this.keys = new VaultKeyStore({ keyFile: keyFileFor(options.databaseFile), secrets: options.secrets, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
    this.idle = new IdleLock({ ...(options.clock ? { clock: options.clock } : {}), onLock: (cause) => this.onLocked(cause) });
  }

  get currentUser(): UserProfile | null {
    return this.idle.isLocked ? null : this.user;
  }

  /** The signed-in person, or `locked`: every non-session method goes through here. */
  requireUser(): UserProfile {
    const user = this.currentUser;
    if (!user || !this.vault) throw new FolioError('locked', 'Folio is locked. Unlock it to continue.');
    return user;
  }

  requireVault(): OpenVault {
    this.requireUser();
    return this.vault as OpenVault;
  }

  async status(): Promise<SessionStatus> {
    const state: SessionStatus['state'] = !this.keys.exists() ? 'setup' : this.currentUser ? 'unlocked' : 'locked';
    if (state === 'setup') this.keychainAvailable ??= await this.keys.keychainAnswers();
    if (state === 'locked' && !this.vault) await this.tryKeychain();
    return {
      state,
      vaultSecret: this.vaultSecretNeeded(),
      keychainAvailable: this.keychainAvailable ?? this.keychainResult?.status === 'unlocked',
      user: this.currentUser ? publicUser(this.currentUser) : null,
      idleLockMinutes: this.idle.idleMinutes,
      retryAfterMs: this.retryAfterMs,
    };
  }

  /** First run: the vault key, the database, the first admin, and the recovery code (shown once). */
  async setup(input: MethodInput<'session.setup'>): Promise<{ recoveryCode: string; status: SessionStatus }> {
    if (this.keys.exists()) throw new FolioError('conflict', 'This workstation is already set up. Unlock it instead.');
    if (fs.existsSync(this.options.databaseFile)) {
      throw new FolioError('conflict', 'A vault file exists here without its key file. Restore the key file from your backup, or move the vault away.');
    }
    this.keychainAvailable ??= await this.keys.keychainAnswers();
    if (!this.keychainAvailable && !input.vaultPassphrase) {
      throw new FolioError('invalid_input', 'This computer has no keychain: choose a vault passphrase to protect the vault key.');
    }
    const setup = await this.keys.create(this.keychainAvailable ? {} : { passphrase: input.vaultPassphrase as string });
    const vault = this.open(setup.key);
    const admin = await vault.users.createFirstAdmin(input.adminName, input.passphrase);
    this.signIn(admin, setup.protection === 'keychain' ? 'keychain' : 'passphrase');
    return { recoveryCode: setup.recoveryCode, status: await this.status() };
  }

  async unlock(input: MethodInput<'session.unlock'>): Promise<SessionStatus> {
    if (!this.keys.exists()) throw new FolioError('conflict', 'This workstation has not been set up yet.');
    let method: 'keychain' | 'passphrase' | 'recovery-code' = 'keychain';
    if (!this.vault) {
      if (input.recoveryCode) {
        method = 'recovery-code';
        this.open((await this.keys.unlockWithRecoveryCode(input.recoveryCode)).key);
      } else if (input.vaultPassphrase) {
        method = 'passphrase';
        this.open(await this.keys.unlockWithPassphrase(input.vaultPassphrase));
      } else {
        await this.tryKeychain();
        if (!this.vault) {
          throw new FolioError('unauthorized', 'The keychain does not hold the vault key on this computer. Enter the vault passphrase or the recovery code.');
        }
      }
    }
    const vault = this.vault as OpenVault;
    const attempt = await vault.users.unlock(input.userName, input.passphrase);
    if (!attempt.ok) {
      // UserDirectory.unlock has written the attempt into the audit trail, with the profile it named.
      this.retryAfterMs = attempt.retryAfterMs;
      throw new FolioError(
        'unauthorized',
        attempt.reason === 'throttled'
          ? `Too many attempts. Try again in ${Math.ceil(attempt.retryAfterMs / 1000)} seconds.`
          : attempt.reason === 'disabled'
            ? 'This profile is disabled. Ask an admin.'
            : 'The user name or passphrase is wrong.',
      );
    }
    this.retryAfterMs = 0;
    this.signIn(attempt.user, method);
    return this.status();
  }

  lock(cause: LockCause = 'manual'): void {
    if (this.idle.isLocked) return;
    this.idle.lock(cause);
  }

  touch(): void {
    this.idle.activity();
  }

  setIdleMinutes(minutes: number): void {
    this.idle.setIdleMinutes(minutes);
  }

  close(): void {
    this.lock('shutdown');
    this.idle.dispose();
    this.vault?.db.close();
    this.vault = null;
    this.key?.fill(0);
    this.key = null;
  }

  /** An encrypted backup of the open vault, written by a worker while work goes on. */
  async backup(destination: string): Promise<BackupSummary> {
    const vault = this.requireVault();
    if (!this.key) throw new FolioError('locked', 'Folio is locked. Unlock it to continue.');
    const file = personNewFile(destination, { what: 'backup file', dataDir: this.options.dataDir });
    const summary = await createBackup({ databaseFile: this.options.databaseFile, key: this.key, destination: file });
    vault.audit.append(this.requireUser().id, { kind: 'backup', bytes: summary.bytes, schemaVersion: summary.schemaVersion });
    return summary;
  }

  /** Only on a computer without a vault: the backup becomes this workstation's vault, still locked. */
  async restore(input: MethodInput<'vault.restore'>): Promise<SessionStatus> {
    if (this.keys.exists()) throw new FolioError('conflict', 'This workstation already has a vault. Restore on a computer without one.');
    await restoreBackup({
      backupFile: personExistingFile(input.backupFile, { what: 'backup file', dataDir: this.options.dataDir }),
      databaseFile: this.options.databaseFile,
      secrets: this.options.secrets,
      ...(input.recoveryCode ? { recoveryCode: input.recoveryCode } : {}),
      ...(input.vaultPassphrase ? { passphrase: input.vaultPassphrase } : {}),
      ...(this.options.scrypt ? { scrypt: this.options.scrypt } : {}),
    });
    this.keychainResult = null;
    this.keychainAvailable = null;
    return this.status();
  }

  private async tryKeychain(): Promise<void> {
    if (this.vault || !this.keys.exists()) return;
    if (this.keychainResult?.status === 'needs-secret') return;
    this.keychainResult = await this.keys.unlock();
    if (this.keychainResult.status === 'unlocked') this.open(this.keychainResult.key);
  }

  private vaultSecretNeeded(): SessionStatus['vaultSecret'] {
    if (this.vault || !this.keychainResult || this.keychainResult.status === 'unlocked') return 'none';
    return this.keychainResult.passphraseAvailable ? 'passphrase' : 'recovery-code';
  }

  private open(key: Buffer): OpenVault {
    try {
      const db = openDatabase({ file: this.options.databaseFile, key });
      this.key = Buffer.from(key);
      const audit = new AuditLog(db);
      const vault: OpenVault = {
        db,
        blobs: new BlobStore(db, blobDirFor(this.options.databaseFile)),
        audit,
        users: new UserDirectory(db, { audit, ...(this.options.scrypt ? { scrypt: this.options.scrypt } : {}) }),
        settings: new SettingsStore(db),
        search: new SearchIndex(db),
      };
      this.vault = vault;
      this.idle.setIdleMinutes(vault.settings.get('idleLockMinutes'));
      this.options.onOpen(vault);
      log.info('vault open');
      // Off the unlock path: files a crash left without their rows.
      setImmediate(() => void this.sweepOrphanBlobs(vault));
      return vault;
    } finally {
      key.fill(0);
    }
  }

  private async sweepOrphanBlobs(vault: OpenVault): Promise<void> {
    try {
      const removed = await vault.blobs.sweepOrphans();
      if (removed > 0) log.info('removed blob files left by an interrupted import', { files: removed });
    } catch (error) {
      // Only leftovers stay behind; the next start tries again.
      log.warn('could not sweep leftover blob files', error);
    }
  }

  private signIn(user: UserProfile, method: 'keychain' | 'passphrase' | 'recovery-code'): void {
    this.user = user;
    this.idle.unlocked();
    this.vault?.audit.append(user.id, { kind: 'unlock', method });
    this.options.events.emit('session.changed', { state: 'unlocked' });
  }

  private onLocked(cause: LockCause): void {
    const user = this.user;
    this.user = null;
    if (user && this.vault) this.vault.audit.append(user.id, { kind: 'lock', cause });
    this.options.events.emit('session.changed', { state: 'locked' });
  }
}

export function publicUser(user: UserProfile): User {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt, disabled: user.disabled };
}
