import { logger } from '../log/logger';

const log = logger('secrets');

/**
 * Where small secrets (the vault key) live outside the database. Three functions, so the
 * backend can change (keytar today, Electron's safeStorage or a TPM tomorrow) without touching
 * the callers. `get` answers null when there is no entry; a backend that cannot answer at all
 * throws `SecretStoreUnavailable`, which callers treat as "no keychain on this machine".
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export type UnavailableReason = 'not-installed' | 'error' | 'timeout';

/** The keychain did not answer: not an error of the vault, a property of the machine. */
export class SecretStoreUnavailable extends Error {
  constructor(readonly reason: UnavailableReason) {
    super(`The system keychain is not available (${reason}).`);
    this.name = 'SecretStoreUnavailable';
  }
}

export const KEYCHAIN_SERVICE = 'Folio';
/**
 * Long enough for a Secret Service that is started on demand by D-Bus activation (about a
 * second on a slow machine), short enough that a headless box falls back to the passphrase
 * before the person gives up.
 */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 5_000;

interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  service?: string;
  timeoutMs?: number;
  /** For tests of the seam only; production loads the real keytar lazily. */
  loadKeytar?: () => Promise<KeytarApi>;
}

/**
 * SecretStore over keytar (libsecret on Linux, Keychain on macOS, Credential Vault on Windows).
 *
 * keytar runs each call on libuv's thread pool. Without a Secret Service it usually throws at
 * once, but a bus that accepts the connection and never replies makes the call hang, holding a
 * pool thread. The pool is shared with scrypt and file I/O, which the passphrase fallback needs,
 * so after the first timeout this store stops calling keytar for the rest of the process
 * instead of parking more threads.
 */
export class KeytarSecretStore implements SecretStore {
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly loadKeytar: () => Promise<KeytarApi>;
  private keytar: Promise<KeytarApi> | null = null;
  private stuck = false;
  /** One warning per process is enough to diagnose; a warning per call would flood the log. */
  private warned = false;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.loadKeytar = options.loadKeytar ?? loadRealKeytar;
  }

  get(account: string): Promise<string | null> {
    return this.call((api) => api.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((api) => api.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call((api) => api.deletePassword(this.service, account));
  }

  private async call<T>(operation: (api: KeytarApi) => Promise<T>): Promise<T> {
    if (this.stuck) throw new SecretStoreUnavailable('timeout');
    let api: KeytarApi;
    try {
      this.keytar ??= this.loadKeytar();
      api = await this.keytar;
    } catch (error) {
      this.keytar = null;
      log.warn('keytar could not be loaded', error);
      throw new SecretStoreUnavailable('not-installed');
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stuck = true;
        reject(new SecretStoreUnavailable('timeout'));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([operation(api), timeout]);
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) {
        log.warn('keychain did not answer in time', { timeoutMs: this.timeoutMs });
        throw error;
      }
      if (!this.warned) {
        this.warned = true;
        // The redacting logger keeps only the error's name: libsecret's message names D-Bus paths.
        log.warn('keychain call failed; treating the keychain as unavailable', error);
      }
      throw new SecretStoreUnavailable('error');
    } finally {
      clearTimeout(timer);
    }
  }
}

async function loadRealKeytar(): Promise<KeytarApi> {
  // Lazy: a keytar built for another ABI (Electron vs Node) must degrade to "no keychain",
  // not crash the process at import time.
  const module = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
}

/** A SecretStore that never answers: the explicit choice for machines without a keychain. */
export class NoSecretStore implements SecretStore {
  get(): Promise<string | null> {
    return Promise.reject(new SecretStoreUnavailable('not-installed'));
  }
  set(): Promise<void> {
    return Promise.reject(new SecretStoreUnavailable('not-installed'));
  }
  delete(): Promise<boolean> {
    return Promise.reject(new SecretStoreUnavailable('not-installed'));
  }
}
