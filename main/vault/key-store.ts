import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { FolioError } from '../../app/contract/errors';
import { logger } from '../log/logger';
import { ANCHOR_SECRET_BYTES } from './audit-anchor-keys';
import { wrapAnchorForRecovery } from './audit-anchor';
import { readKeyFile, writeKeyFile, type KeyFile } from './key-file';
import {
  DEFAULT_SCRYPT,
  KEY_BYTES,
  generateRecoveryCode,
  keyCheck,
  keyMatches,
  normalizeRecoveryCode,
  unwrapKey,
  wrapKey,
  type ScryptParams,
} from './key-wrap';
import { KEYCHAIN_SERVICE, SecretStoreUnavailable, type SecretStore } from './secret-store';
import { UnlockThrottle } from './unlock-backoff';

const log = logger('vault-key');

/** A vault passphrase guards the key file when no keychain does; short ones fall to scrypt guessing. */
export const MIN_PASSPHRASE_LENGTH = 10;

export interface VaultKeyStoreOptions {
  /** Path of the key file, normally `keyFileFor(vaultFile(dataDir))`. */
  keyFile: string;
  secrets: SecretStore;
  scrypt?: ScryptParams;
  now?: () => number;
}

export type KeyProtection = 'keychain' | 'passphrase';

/** What setup hands back once: the recovery code is never stored in clear and never shown again. */
export interface VaultSetup {
  key: Buffer;
  recoveryCode: string;
  protection: KeyProtection;
}

export type NeedsSecretReason = 'keychain-entry-missing' | 'keychain-unavailable' | 'passphrase-protected';

export type KeychainUnlockResult =
  | { status: 'unlocked'; key: Buffer }
  | { status: 'needs-secret'; reason: NeedsSecretReason; passphraseAvailable: boolean };

/**
 * The vault's 256-bit SQLCipher key, after Signal Desktop's getSQLKey: random, never written to
 * disk in clear, kept by the OS keychain. Where no keychain answers, a passphrase wraps it
 * (scrypt + AES-256-GCM); a recovery code shown once at setup wraps it too, for the day the
 * keychain entry or the passphrase is lost. Every path checks the key against the vault's key
 * check value, so a wrong key is refused here and the database file is never opened with it.
 */
export class VaultKeyStore {
  private readonly keyFile: string;
  private readonly secrets: SecretStore;
  private readonly scrypt: ScryptParams;
  private readonly throttle: UnlockThrottle;

  constructor(options: VaultKeyStoreOptions) {
    this.keyFile = options.keyFile;
    this.secrets = options.secrets;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.throttle = new UnlockThrottle(options.now ?? Date.now);
  }

  /** True once setup has run for this data dir: decides first-run versus unlock. */
  exists(): boolean {
    return fs.existsSync(this.keyFile);
  }

  /** Lets the setup screen know beforehand whether it must ask for a vault passphrase. */
  async keychainAnswers(): Promise<boolean> {
    try {
      await this.secrets.get('probe');
      return true;
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) return false;
      throw error;
    }
  }

  /**
   * First run. The key goes to the keychain (kept only after it reads back identical); with no
   * keychain, `passphrase` is required and becomes the everyday unlock.
   */
  async create(options: { passphrase?: string } = {}): Promise<VaultSetup> {
    if (this.exists()) throw new FolioError('conflict', 'This vault is already set up.');
    if (options.passphrase !== undefined) assertPassphraseStrength(options.passphrase);
    const vaultId = randomUUID();
    const key = randomBytes(KEY_BYTES);
    const account = `vault-key:${vaultId}`;
    const inKeychain = await this.storeVerified(account, key);
    if (!inKeychain && options.passphrase === undefined) {
      key.fill(0);
      throw new FolioError('invalid_input', 'No system keychain answers on this machine. Choose a vault passphrase.');
    }
    const recoveryCode = generateRecoveryCode();
    const file: KeyFile = {
      format: 1,
      vaultId,
      createdAt: new Date().toISOString(),
      keyCheck: keyCheck(key, vaultId),
      keychain: inKeychain ? { service: KEYCHAIN_SERVICE, account } : null,
      passphrase:
        options.passphrase === undefined ? null : await wrapKey(key, options.passphrase, this.scrypt, slotContext(vaultId, 'passphrase')),
      recovery: await wrapKey(key, recoveryCode, this.scrypt, slotContext(vaultId, 'recovery')),
    };
    try {
      writeKeyFile(this.keyFile, file);
    } catch (error) {
      if (inKeychain) await this.secrets.delete(account).catch(() => false);
      throw error;
    }
    log.info('vault key created', { protection: inKeychain ? 'keychain' : 'passphrase' });
    return { key, recoveryCode, protection: inKeychain ? 'keychain' : 'passphrase' };
  }

  /** Everyday unlock without typing anything; tells the caller what to ask for when it can't. */
  async unlock(): Promise<KeychainUnlockResult> {
    const file = this.requireFile();
    const passphraseAvailable = file.passphrase !== null;
    if (file.keychain === null) return { status: 'needs-secret', reason: 'passphrase-protected', passphraseAvailable };
    let stored: string | null;
    try {
      stored = await this.secrets.get(file.keychain.account);
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailable)) throw error;
      return { status: 'needs-secret', reason: 'keychain-unavailable', passphraseAvailable };
    }
    if (stored === null) return { status: 'needs-secret', reason: 'keychain-entry-missing', passphraseAvailable };
    const key = Buffer.from(stored, 'base64');
    if (key.length !== KEY_BYTES || !keyMatches(key, file.vaultId, file.keyCheck)) {
      key.fill(0);
      // Never overwrite the entry: it may belong to a vault restored elsewhere.
      throw new FolioError('unauthorized', 'The key in the system keychain does not belong to this vault. Nothing was changed.');
    }
    return { status: 'unlocked', key };
  }

  async unlockWithPassphrase(passphrase: string): Promise<Buffer> {
    const file = this.requireFile();
    if (file.passphrase === null) {
      throw new FolioError('unauthorized', 'This vault has no passphrase. Use the recovery code.');
    }
    this.throttle.assertMayAttempt();
    const key = await unwrapKey(file.passphrase, passphrase, slotContext(file.vaultId, 'passphrase'));
    return this.accept(key, file, 'Wrong passphrase. Nothing was changed.');
  }

  /**
   * Unwraps with the recovery code and, when this vault keeps its key in the keychain, puts it
   * back there (after a verified round trip) so the next start needs nothing typed.
   */
  async unlockWithRecoveryCode(typed: string): Promise<{ key: Buffer; restoredToKeychain: boolean }> {
    const file = this.requireFile();
    const code = normalizeRecoveryCode(typed);
    if (code === null) throw new FolioError('invalid_input', 'That is not a recovery code: it has 24 letters and digits.');
    this.throttle.assertMayAttempt();
    const unwrapped = await unwrapKey(file.recovery, code, slotContext(file.vaultId, 'recovery'));
    const key = this.accept(unwrapped, file, 'Wrong recovery code. Nothing was changed.');
    const restoredToKeychain = file.keychain !== null && (await this.storeVerified(file.keychain.account, key));
    if (restoredToKeychain) log.info('vault key restored to the keychain');
    return { key, restoredToKeychain };
  }

  /** Sets or replaces the vault passphrase; needs the unlocked key, so only an open vault can. */
  async setPassphrase(key: Buffer, passphrase: string): Promise<void> {
    assertPassphraseStrength(passphrase);
    const file = this.requireFile();
    this.assertKeyOf(file, key);
    const wrapped = await wrapKey(key, passphrase, this.scrypt, slotContext(file.vaultId, 'passphrase'));
    writeKeyFile(this.keyFile, { ...file, passphrase: wrapped });
  }

  /**
   * Replaces the recovery code (the old one stops working); the new one is shown once. The key
   * file's copy of the audit anchor is wrapped under the new code as well (`anchorSecret`: the
   * open vault's anchor), so a restore with the new code still brings the anchor back. Without
   * the secret the copy is dropped rather than left under the old code, which would otherwise
   * still open the anchor.
   */
  async renewRecoveryCode(key: Buffer, anchorSecret: Buffer | null): Promise<string> {
    const file = this.requireFile();
    this.assertKeyOf(file, key);
    if (anchorSecret !== null && anchorSecret.length !== ANCHOR_SECRET_BYTES) {
      throw new FolioError('invalid_input', 'That is not an audit anchor secret.');
    }
    const recoveryCode = generateRecoveryCode();
    const wrapped = await wrapKey(key, recoveryCode, this.scrypt, slotContext(file.vaultId, 'recovery'));
    const { anchorRecovery: previousAnchorCopy, ...rest } = file;
    const anchorRecovery = anchorSecret === null ? null : await wrapAnchorForRecovery(anchorSecret, recoveryCode, this.scrypt, file.vaultId);
    if (previousAnchorCopy && !anchorRecovery) log.warn('recovery code renewed without the audit anchor: its copy under the old code is dropped');
    writeKeyFile(this.keyFile, { ...rest, recovery: wrapped, ...(anchorRecovery ? { anchorRecovery } : {}) });
    return recoveryCode;
  }

  private accept(key: Buffer | null, file: KeyFile, wrongMessage: string): Buffer {
    if (key === null || !keyMatches(key, file.vaultId, file.keyCheck)) {
      key?.fill(0);
      this.throttle.recordFailure();
      throw new FolioError('unauthorized', wrongMessage);
    }
    this.throttle.recordSuccess();
    return key;
  }

  private assertKeyOf(file: KeyFile, key: Buffer): void {
    if (key.length !== KEY_BYTES || !keyMatches(key, file.vaultId, file.keyCheck)) {
      throw new FolioError('unauthorized', 'That key does not belong to this vault.');
    }
  }

  private requireFile(): KeyFile {
    const file = readKeyFile(this.keyFile);
    if (file === null) throw new FolioError('not_found', 'This vault has not been set up yet.');
    return file;
  }

  /** Signal's rule: a key counts as stored only after it reads back identical. */
  private async storeVerified(account: string, key: Buffer): Promise<boolean> {
    const encoded = key.toString('base64');
    try {
      await this.secrets.set(account, encoded);
      if ((await this.secrets.get(account)) === encoded) return true;
      log.warn('keychain returned a different value; not relying on it');
      await this.secrets.delete(account).catch(() => false);
      return false;
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) return false;
      throw error;
    }
  }
}

function slotContext(vaultId: string, slot: 'passphrase' | 'recovery'): string {
  return `folio-vault:${vaultId}:${slot}`;
}

function assertPassphraseStrength(passphrase: string): void {
  if (passphrase.normalize('NFKC').length < MIN_PASSPHRASE_LENGTH) {
    throw new FolioError('invalid_input', `The vault passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}
