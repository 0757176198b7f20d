import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { FolioError } from '../../app/contract/errors';
import type { AuditLog } from './audit-log';
import type { VaultDatabase } from './database';
import { DEFAULT_SCRYPT, scryptKey, type ScryptParams } from './key-wrap';
import { assertRoleMay, isUserRole, type UserRole } from './roles';
import { FIRST_DELAY_MS, UnlockThrottle, remainingWaitMs, unlockDelayMs } from './unlock-backoff';
import { UnlockFailureBursts } from './unlock-bursts';

export const MIN_USER_PASSPHRASE_LENGTH = 8;
const HASH_BYTES = 32;

export interface UserProfile {
  id: string;
  name: string;
  role: UserRole;
  createdAt: string;
  disabled: boolean;
}

export type UnlockAttempt =
  | { ok: true; user: UserProfile }
  /** `retryAfterMs` is what the lock screen shows; nothing here sleeps. */
  | { ok: false; reason: 'wrong-credentials' | 'throttled' | 'disabled'; retryAfterMs: number };

interface UserRow {
  id: string;
  name: string;
  role: string;
  passphrase_hash: Buffer;
  passphrase_salt: Buffer;
  scrypt_n: number;
  scrypt_r: number;
  scrypt_p: number;
  created_at: string;
  disabled_at: string | null;
  failed_attempts: number;
  last_failed_at: number | null;
}

export interface UserDirectoryOptions {
  audit: AuditLog;
  scrypt?: ScryptParams;
  now?: () => number;
}

/**
 * Local profiles. Every change is written together with its audit row in one transaction, so
 * there is no user change without a record of who made it. Passphrase checks run scrypt on
 * the thread pool, never blocking the main thread.
 */
export class UserDirectory {
  private readonly audit: AuditLog;
  private readonly scrypt: ScryptParams;
  private readonly now: () => number;
  /** Names that match no profile get a shared throttle, so guessing names is slowed too. */
  private readonly unknownNames: UnlockThrottle;
  private readonly inFlight = new Set<string>();
  private readonly failures: UnlockFailureBursts;

  constructor(
    private readonly db: VaultDatabase,
    options: UserDirectoryOptions,
  ) {
    this.audit = options.audit;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.now = options.now ?? Date.now;
    this.unknownNames = new UnlockThrottle(this.now);
    this.failures = new UnlockFailureBursts(this.audit, this.now, () => this.db.open);
  }

  /** Writes the failed unlocks still being counted: the vault is about to close. */
  closeFailureBursts(): void {
    this.failures.endAll();
  }

  /** False on first run: the app then asks for the admin profile before anything else. */
  hasUsers(): boolean {
    return this.db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  }

  list(): UserProfile[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toProfile);
  }

  get(userId: string): UserProfile | null {
    const row = this.row(userId);
    return row ? toProfile(row) : null;
  }

  /** First run only: the first profile is an admin and needs no one's permission. */
  async createFirstAdmin(name: string, passphrase: string): Promise<UserProfile> {
    const hashed = await this.hash(passphrase);
    return this.db
      .transaction(() => {
        if (this.hasUsers()) throw new FolioError('conflict', 'The first admin already exists.');
        return this.insert(null, name, 'admin', hashed);
      })
      .immediate();
  }

  async createUser(actor: UserProfile, input: { name: string; role: UserRole; passphrase: string }): Promise<UserProfile> {
    this.assertAdmin(actor);
    if (!isUserRole(input.role)) throw new FolioError('invalid_input', 'Unknown role.');
    const hashed = await this.hash(input.passphrase);
    return this.db.transaction(() => this.insert(actor.id, input.name, input.role, hashed)).immediate();
  }

  setRole(actor: UserProfile, userId: string, role: UserRole): void {
    this.assertAdmin(actor);
    if (!isUserRole(role)) throw new FolioError('invalid_input', 'Unknown role.');
    this.db
      .transaction(() => {
        const row = this.requireRow(userId);
        if (row.role === 'admin' && role !== 'admin') this.assertAnotherActiveAdmin(userId);
        this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId);
        this.audit.append(actor.id, { kind: 'user-change', userId, change: 'role', role });
      })
      .immediate();
  }

  setDisabled(actor: UserProfile, userId: string, disabled: boolean): void {
    this.assertAdmin(actor);
    this.db
      .transaction(() => {
        const row = this.requireRow(userId);
        if (disabled && row.role === 'admin') this.assertAnotherActiveAdmin(userId);
        this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? new Date(this.now()).toISOString() : null, userId);
        this.audit.append(actor.id, { kind: 'user-change', userId, change: disabled ? 'disabled' : 'enabled' });
      })
      .immediate();
  }

  /**
   * A person changes their own passphrase, and only with the current one: whoever holds a signed-in
   * session (or the API token behind it) must not take the profile over. A wrong current
   * passphrase counts as a failed unlock of that profile, so it is slowed and recorded the same way.
   */
  async changeOwnPassphrase(actor: UserProfile, currentPassphrase: string, nextPassphrase: string): Promise<void> {
    const row = this.requireRow(actor.id);
    if (row.disabled_at) throw new FolioError('forbidden', 'This profile is disabled. Ask an admin.');
    const wait = remainingWaitMs(row.failed_attempts, row.last_failed_at, this.now());
    if (wait > 0) throw new FolioError('unauthorized', `Too many attempts. Try again in ${Math.ceil(wait / 1000)} seconds.`);
    if (!(await this.check(row, currentPassphrase))) {
      this.recordFailure(row);
      throw new FolioError('unauthorized', 'The current passphrase is wrong. Nothing was changed.');
    }
    const hashed = await this.hash(nextPassphrase);
    this.failures.end(actor.id);
    this.db
      .transaction(() => {
        this.storeHash(actor.id, hashed);
        this.db.prepare('UPDATE users SET failed_attempts = 0, last_failed_at = NULL WHERE id = ?').run(actor.id);
        this.audit.append(actor.id, { kind: 'user-change', userId: actor.id, change: 'passphrase' });
      })
      .immediate();
  }

  /**
   * An admin sets someone else's passphrase (they forgot it): its own action in the trail, so a
   * reset is never mistaken for the person's own change. An admin's own passphrase is changed
   * with the current one, like anyone's.
   */
  async resetPassphrase(actor: UserProfile, userId: string, passphrase: string): Promise<void> {
    this.assertAdmin(actor);
    if (actor.id === userId) throw new FolioError('invalid_input', 'Change your own passphrase with your current one, not by a reset.');
    const hashed = await this.hash(passphrase);
    this.db
      .transaction(() => {
        this.assertAdmin(actor);
        this.requireRow(userId);
        this.storeHash(userId, hashed);
        this.db.prepare('UPDATE users SET failed_attempts = 0, last_failed_at = NULL WHERE id = ?').run(userId);
        this.audit.append(actor.id, { kind: 'user-change', userId, change: 'passphrase-reset' });
      })
      .immediate();
  }

  /**
   * Checks a name and passphrase. After each failure the next attempt must wait longer; an
   * attempt inside the wait is refused without running scrypt. Unknown names cost the same
   * scrypt as known ones and get the same answer, so the lock screen does not reveal who exists.
   */
  async unlock(name: string, passphrase: string): Promise<UnlockAttempt> {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name.trim()) as UserRow | undefined;
    const throttleKey = row?.id ?? '';
    const wait = row
      ? remainingWaitMs(row.failed_attempts, row.last_failed_at, this.now())
      : this.unknownNames.waitMs();
    if (wait > 0) {
      // Refused unheard, but still an attempt on this profile: the trail counts every one.
      this.failures.record({ profileId: row?.id ?? null, consecutiveFailures: row?.failed_attempts ?? 0 });
      return { ok: false, reason: 'throttled', retryAfterMs: wait };
    }
    if (this.inFlight.has(throttleKey)) return { ok: false, reason: 'throttled', retryAfterMs: FIRST_DELAY_MS };
    this.inFlight.add(throttleKey);
    try {
      const matches = await this.check(row, passphrase);
      if (!row || !matches) return this.recordFailure(row);
      this.failures.end(row.id);
      this.db
        .transaction(() => {
          this.db.prepare('UPDATE users SET failed_attempts = 0, last_failed_at = NULL WHERE id = ?').run(row.id);
          if (!row.disabled_at) this.audit.append(row.id, { kind: 'unlock', method: 'passphrase' });
        })
        .immediate();
      if (row.disabled_at) {
        this.failures.record({ profileId: row.id, consecutiveFailures: 0 });
        return { ok: false, reason: 'disabled', retryAfterMs: 0 };
      }
      await this.upgradeHashIfWeak(row, passphrase);
      return { ok: true, user: toProfile(row) };
    } finally {
      this.inFlight.delete(throttleKey);
    }
  }

  private recordFailure(row: UserRow | undefined): UnlockAttempt {
    if (!row) {
      const retryAfterMs = this.unknownNames.recordFailure();
      this.failures.record({ profileId: null, consecutiveFailures: 0 });
      return { ok: false, reason: 'wrong-credentials', retryAfterMs };
    }
    const failures = row.failed_attempts + 1;
    this.db.prepare('UPDATE users SET failed_attempts = ?, last_failed_at = ? WHERE id = ?').run(failures, this.now(), row.id);
    this.failures.record({ profileId: row.id, consecutiveFailures: failures });
    return { ok: false, reason: 'wrong-credentials', retryAfterMs: unlockDelayMs(failures) };
  }

  private async check(row: UserRow | undefined, passphrase: string): Promise<boolean> {
    const params = row ? { N: row.scrypt_n, r: row.scrypt_r, p: row.scrypt_p } : this.scrypt;
    const salt = row?.passphrase_salt ?? randomBytes(16);
    const derived = await scryptKey(passphrase, salt, params, HASH_BYTES);
    return row !== undefined && derived.length === row.passphrase_hash.length && timingSafeEqual(derived, row.passphrase_hash);
  }

  /** Parameters recorded per user let the default cost rise without locking anyone out. */
  private async upgradeHashIfWeak(row: UserRow, passphrase: string): Promise<void> {
    const { N, r, p } = this.scrypt;
    if (row.scrypt_n >= N && row.scrypt_r >= r && row.scrypt_p >= p) return;
    this.storeHash(row.id, await this.hash(passphrase));
  }

  private async hash(passphrase: string): Promise<HashedPassphrase> {
    if (passphrase.normalize('NFKC').length < MIN_USER_PASSPHRASE_LENGTH) {
      throw new FolioError('invalid_input', `A passphrase needs at least ${MIN_USER_PASSPHRASE_LENGTH} characters.`);
    }
    const salt = randomBytes(16);
    return { hash: await scryptKey(passphrase, salt, this.scrypt, HASH_BYTES), salt, params: this.scrypt };
  }

  private storeHash(userId: string, hashed: HashedPassphrase): void {
    this.db
      .prepare('UPDATE users SET passphrase_hash = ?, passphrase_salt = ?, scrypt_n = ?, scrypt_r = ?, scrypt_p = ? WHERE id = ?')
      .run(hashed.hash, hashed.salt, hashed.params.N, hashed.params.r, hashed.params.p, userId);
  }

  private insert(actorId: string | null, rawName: string, role: UserRole, hashed: HashedPassphrase): UserProfile {
    const name = rawName.trim();
    if (name.length === 0 || name.length > 100) throw new FolioError('invalid_input', 'A profile name needs 1 to 100 characters.');
    if (this.db.prepare('SELECT 1 FROM users WHERE name = ?').get(name)) {
      throw new FolioError('conflict', 'A profile with this name already exists.');
    }
    const id = randomUUID();
    const createdAt = new Date(this.now()).toISOString();
    this.db
      .prepare(
        `INSERT INTO users (id, name, role, passphrase_hash, passphrase_salt, scrypt_n, scrypt_r, scrypt_p, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, name, role, hashed.hash, hashed.salt, hashed.params.N, hashed.params.r, hashed.params.p, createdAt);
    // The first admin creates itself: the actor is the new profile.
    this.audit.append(actorId ?? id, { kind: 'user-change', userId: id, change: 'created', role });
    return { id, name, role, createdAt, disabled: false };
  }

  private assertAdmin(actor: UserProfile): void {
    const current = this.row(actor.id);
    // Checked against the database, not the caller's copy: a demoted admin's session object
    // must not keep its powers.
    if (!current || current.disabled_at) throw new FolioError('forbidden', 'Only an admin can manage users.');
    assertRoleMay(current.role as UserRole, 'manage-users');
  }

  private assertAnotherActiveAdmin(userId: string): void {
    const others = this.db
      .prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != ?")
      .get(userId) as { n: number };
    if (others.n === 0) throw new FolioError('conflict', 'The last admin cannot be removed or demoted.');
  }

  private row(userId: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
  }

  private requireRow(userId: string): UserRow {
    const row = this.row(userId);
    if (!row) throw new FolioError('not_found', 'No such profile.');
    return row;
  }
}

interface HashedPassphrase {
  hash: Buffer;
  salt: Buffer;
  params: ScryptParams;
}

function toProfile(row: UserRow): UserProfile {
  return {
    id: row.id,
    name: row.name,
    role: isUserRole(row.role) ? row.role : 'reviewer',
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
  };
}
