import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import { FolioError } from '../../app/contract/errors';
import type { MethodInput } from '../../app/contract/methods';
import type { SessionStatus, User } from '../../app/contract/session';
import { logger } from '../log/logger';
import { personExistingFile, personNewFile } from '../platform/path-policy';
import { AuditAnchorStore, attachSealer, headFileFor } from '../vault/audit-anchor';
import { AuditAnchorKeys } from '../vault/audit-anchor-keys';
import { AuditLog } from '../vault/audit-log';
import { ApiTokenStore } from '../vault/api-tokens';
import { createBackup, restoreBackup, type BackupSummary } from '../vault/backup';
import { BlobStore, blobDirFor } from '../vault/blob-store';
import { openDatabase, type VaultDatabase } from '../vault/database';
import { IdleLock, type LockCause, type LockClock } from '../vault/idle-lock';
import { keyFileFor, readKeyFile, type KeyFile } from '../vault/key-file';
import { VaultKeyStore, type KeychainUnlockResult } from '../vault/key-store';
import { UnlockThrottle } from '../vault/unlock-backoff';
import { DEFAULT_SCRYPT, type ScryptParams } from '../vault/key-wrap';
import { SearchIndex } from '../vault/search-index';
import type { SecretStore } from '../vault/secret-store';
import { SettingsStore } from '../vault/settings-store';
import { UserDirectory, type UserProfile } from '../vault/users';
import type { EventBus } from './event-bus';

const log = logger('session');

/** The audit anchor as a vault opens: its secret, the first row it seals (once known), and whether it was just made. */
interface OpeningAnchor {
  secret: Buffer;
  from: number | null;
  created: boolean;
  vaultId: string;
}

/** The open vault: what exists only once the key has opened the database. */
export interface OpenVault {
  db: VaultDatabase;
  /** Originals and page images: encrypted files whose keys are rows of `db`. */
  blobs: BlobStore;
  audit: AuditLog;
  users: UserDirectory;
  tokens: ApiTokenStore;
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
  private readonly anchors: AuditAnchorStore;
  /** The profile a named API token acts as, for the call being run (see runAs). */
  private readonly callers = new AsyncLocalStorage<{ userId: string }>();
  /** Restore tries a recovery code or passphrase against a backup: slowed after each wrong one, as unlock is. */
  private readonly restoreThrottle = new UnlockThrottle();
  readonly idle: IdleLock;

  constructor(private readonly options: VaultSessionOptions) {
    this.keys = new VaultKeyStore({ keyFile: keyFileFor(options.databaseFile), secrets: options.secrets, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
    this.anchors = new AuditAnchorStore(options.databaseFile, options.secrets);
    this.idle = new IdleLock({ ...(options.clock ? { clock: options.clock } : {}), onLock: (cause) => this.onLocked(cause) });
  }

  /**
   * The signed-in person as the database says now, or null while locked. Read afresh on every
   * call: a profile disabled since sign-in is signed out at once, and a demoted one acts with
   * its new role from the next call on, not from the next unlock.
   */
  get currentUser(): UserProfile | null {
    if (this.idle.isLocked || !this.user || !this.vault) return null;
    const current = this.vault.users.get(this.user.id);
    if (!current || current.disabled) {
      this.lock('profile-disabled');
      return null;
    }
    this.user = current;
    return current;
  }

  /** Folio's data folder: nothing a person names (a backup, an export) goes inside it. */
  get dataDir(): string {
    return this.options.dataDir;
  }

  /**
   * The person a call acts as, or `locked`: every non-session method goes through here. That is
   * the signed-in person, or, for a call made with a named API token, the token's profile (read
   * afresh like the person's; a token works only while someone is signed in).
   */
  requireUser(): UserProfile {
    const user = this.currentUser;
    if (!user || !this.vault) throw new FolioError('locked', 'Folio is locked. Unlock it to continue.');
    const caller = this.callers.getStore();
    if (!caller) return user;
    const acting = this.vault.users.get(caller.userId);
    if (!acting || acting.disabled) throw new FolioError('unauthorized', 'The profile this API token acts as is disabled or gone.');
    return acting;
  }

  /** Runs one call as the profile a named API token acts as. */
  runAs<T>(userId: string, run: () => T): T {
    return this.callers.run({ userId }, run);
  }

  /** The open vault's tokens, to check a presented one; null while the vault is closed. */
  get apiTokens(): ApiTokenStore | null {
    return this.vault?.tokens ?? null;
  }

  requireVault(): OpenVault {
    this.requireUser();
    return this.vault as OpenVault;
  }

  async status(): Promise<SessionStatus> {
    const user = this.currentUser;
    const state: SessionStatus['state'] = !this.keys.exists() ? 'setup' : user ? 'unlocked' : 'locked';
    if (state === 'setup') this.keychainAvailable ??= await this.keys.keychainAnswers();
    if (state === 'locked' && !this.vault) await this.tryKeychain();
    return {
      state,
      vaultSecret: this.vaultSecretNeeded(),
      keychainAvailable: this.keychainAvailable ?? this.keychainResult?.status === 'unlocked',
      user: user ? publicUser(user) : null,
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
    const vault = await this.openWithAnchor(setup.key, { setupRecoveryCode: setup.recoveryCode });
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
        await this.openWithAnchor((await this.keys.unlockWithRecoveryCode(input.recoveryCode)).key, { recoveryCode: input.recoveryCode });
      } else if (input.vaultPassphrase) {
        method = 'passphrase';
        await this.openWithAnchor(await this.keys.unlockWithPassphrase(input.vaultPassphrase));
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
    this.vault?.users.closeFailureBursts();
    this.vault?.audit.flushHead();
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
    this.restoreThrottle.assertMayAttempt();
    await this.throttledRestore({
      backupFile: personExistingFile(input.backupFile, { what: 'backup file', dataDir: this.options.dataDir }),
      databaseFile: this.options.databaseFile,
      secrets: this.options.secrets,
      ...(input.recoveryCode ? { recoveryCode: input.recoveryCode } : {}),
      ...(input.vaultPassphrase ? { passphrase: input.vaultPassphrase } : {}),
      ...(this.options.scrypt ? { scrypt: this.options.scrypt } : {}),
    });
    // The anchor comes back with the recovery code; restored with the passphrase, the trail is sealed anew from here.
    const restored = readKeyFile(keyFileFor(this.options.databaseFile));
    if (restored && input.recoveryCode) await this.anchors.recover(restored, input.recoveryCode).catch(() => false);
    this.keychainResult = null;
    this.keychainAvailable = null;
    return this.status();
  }

  private async throttledRestore(options: Parameters<typeof restoreBackup>[0]): Promise<void> {
    try {
      await restoreBackup(options);
    } catch (error) {
      // A wrong secret (or a backup sealed by another key): the next try waits, as a failed unlock does.
      if (error instanceof FolioError && error.code === 'unauthorized') this.retryAfterMs = this.restoreThrottle.recordFailure();
      throw error;
    }
    this.restoreThrottle.recordSuccess();
    this.retryAfterMs = 0;
  }

  private async tryKeychain(): Promise<void> {
    if (this.vault || !this.keys.exists()) return;
    if (this.keychainResult?.status === 'needs-secret') return;
    this.keychainResult = await this.keys.unlock();
    if (this.keychainResult.status === 'unlocked') await this.openWithAnchor(this.keychainResult.key);
  }

  /**
   * The audit anchor's secret (kept outside the database; created at setup, or for a vault older
   * than the anchor, or brought back by the recovery code after a restore), then the vault.
   */
  private async openWithAnchor(key: Buffer, secrets: { setupRecoveryCode?: string; recoveryCode?: string } = {}): Promise<OpenVault> {
    let anchor: OpeningAnchor;
    let keyFile: KeyFile;
    try {
      const keyFilePath = keyFileFor(this.options.databaseFile);
      const file = readKeyFile(keyFilePath);
      if (!file) throw new FolioError('not_found', 'This vault has not been set up yet.');
      keyFile = file;
      let record = await this.anchors.load(file);
      if (!record && secrets.recoveryCode && (await this.anchors.recover(file, secrets.recoveryCode))) record = await this.anchors.load(file);
      const setupRecovery = secrets.setupRecoveryCode ? { code: secrets.setupRecoveryCode, scrypt: this.options.scrypt ?? DEFAULT_SCRYPT } : undefined;
      anchor = record
        ? { ...record, created: false, vaultId: file.vaultId }
        : { secret: await this.anchors.create({ path: keyFilePath, content: file }, setupRecovery), from: null, created: true, vaultId: file.vaultId };
    } catch (error) {
      key.fill(0);
      throw error;
    }
    const vault = this.open(key, anchor);
    // A new anchor remembers, beside its secret, the first row it sealed.
    const sealer = vault.audit.anchor;
    if (anchor.from === null && sealer) await this.anchors.setFrom(keyFile, sealer.from);
    return vault;
  }

  private vaultSecretNeeded(): SessionStatus['vaultSecret'] {
    if (this.vault || !this.keychainResult || this.keychainResult.status === 'unlocked') return 'none';
    return this.keychainResult.passphraseAvailable ? 'passphrase' : 'recovery-code';
  }

  private open(key: Buffer, anchor: OpeningAnchor): OpenVault {
    try {
      const db = openDatabase({ file: this.options.databaseFile, key });
      this.key = Buffer.from(key);
      const { sealer, start } = attachSealer(db, new AuditAnchorKeys(anchor.secret, anchor.vaultId), headFileFor(this.options.databaseFile), anchor);
      const audit = new AuditLog(db, { sealer });
      if (start) audit.append(null, { kind: 'audit-anchor', reason: start, sealedFrom: sealer.from });
      const users = new UserDirectory(db, { audit, ...(this.options.scrypt ? { scrypt: this.options.scrypt } : {}) });
      const vault: OpenVault = {
        db,
        blobs: new BlobStore(db, blobDirFor(this.options.databaseFile)),
        audit,
        users,
        tokens: new ApiTokenStore(db, audit, users),
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
      anchor.secret.fill(0);
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
