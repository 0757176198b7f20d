import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/vault/audit-log';
import { openDatabase, type VaultDatabase } from '../../../main/vault/database';
import { DEFAULT_SCRYPT } from '../../../main/vault/key-wrap';
import { UserDirectory, type UserProfile } from '../../../main/vault/users';
import { TEST_SCRYPT, folioErrorOf, openTestVault, useTempDirs } from './vault-fixtures';

describe('local user profiles', () => {
  const tempDir = useTempDirs();
  let db: VaultDatabase;
  let file: string;
  let key: Buffer;
  let now: number;
  let users: UserDirectory;
  let audit: AuditLog;

  function directory(): UserDirectory {
    audit = new AuditLog(db);
    return new UserDirectory(db, { audit, scrypt: TEST_SCRYPT, now: () => now });
  }

  beforeEach(() => {
    ({ db, file, key } = openTestVault(tempDir()));
    now = Date.parse('2025-03-01T09:00:00Z');
    users = directory();
  });
  afterEach(() => db.close());

  it('first run creates the admin, once; the passphrase is stored only as an scrypt hash', async () => {
    expect(users.hasUsers()).toBe(false);
    const admin = await users.createFirstAdmin('  Ada Admin ', 'admin passphrase');
    expect(admin).toMatchObject({ name: 'Ada Admin', role: 'admin', disabled: false });
    expect(users.hasUsers()).toBe(true);
    expect((await folioErrorOf(() => users.createFirstAdmin('Mallory', 'another passphrase'))).code).toBe('conflict');

    const row = db.prepare('SELECT * FROM users').get() as Record<string, unknown>;
    expect([row.scrypt_n, row.scrypt_r, row.scrypt_p]).toEqual([TEST_SCRYPT.N, TEST_SCRYPT.r, TEST_SCRYPT.p]);
    expect(JSON.stringify(row)).not.toContain('admin passphrase');
    expect(audit.recent(1)[0]?.event).toEqual({ kind: 'user-change', userId: admin.id, change: 'created', role: 'admin' });
  });

  it('unlocks with the right passphrase; names are case-insensitive; short passphrases are refused', async () => {
    await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const attempt = await users.unlock('ada admin', 'admin passphrase');
    expect(attempt.ok).toBe(true);
    expect(audit.recent(1)[0]?.event).toEqual({ kind: 'unlock', method: 'passphrase' });
    expect((await folioErrorOf(() => users.createFirstAdmin('X', 'short'))).code).toBe('invalid_input');
  });

  it('after failed unlocks each further attempt waits longer, even across a restart, without sleeping', async () => {
    const admin = await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const attempt = await users.unlock('Ada Admin', `wrong ${i} passphrase`);
      expect(attempt).toMatchObject({ ok: false, reason: 'wrong-credentials' });
      if (!attempt.ok) waits.push(attempt.retryAfterMs);
      // Inside the wait, even the right passphrase is turned away.
      const early = await users.unlock('Ada Admin', 'admin passphrase');
      expect(early).toMatchObject({ ok: false, reason: 'throttled' });
      now += attempt.ok ? 0 : attempt.retryAfterMs;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);

    await users.unlock('Ada Admin', 'wrong again passphrase');
    users.closeFailureBursts();
    db.close();
    db = openDatabase({ file, key });
    users = directory();
    const afterRestart = await users.unlock('Ada Admin', 'admin passphrase');
    expect(afterRestart).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 16_000 });
    now += 16_000;
    expect((await users.unlock('Ada Admin', 'admin passphrase')).ok).toBe(true);
    // A success resets the count: the next mistake waits one second again.
    expect(await users.unlock('Ada Admin', 'one more wrong one')).toMatchObject({ retryAfterMs: 1_000 });
    const failures = audit.recent(20).flatMap((entry) => (entry.event.kind === 'unlock-failed' ? [entry.event] : []));
    // Every attempt is counted in the trail, naming the profile: five wrong passphrases and one
    // more after the reset, and the five refused unheard inside a wait (four early ones, one after
    // the restart). Bursts are compacted: fewer rows than attempts, the count in each.
    expect(failures.every((event) => event.attemptedUser === admin.id)).toBe(true);
    expect(failures.reduce((sum, event) => sum + (event.attempts ?? 1), 0)).toBe(11);
    expect(failures.length).toBe(4);
  });

  it('a burst of failed unlocks is one row with its count, and a name matching no profile is never stored', async () => {
    const admin = await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const before = audit.recent(1)[0]?.seq ?? 0;
    for (let i = 0; i < 150; i += 1) {
      await users.unlock('Ada Admin', `guess number ${i}`);
      await users.unlock('Jane Roe 1985-03-07', `guess number ${i}`);
      now += 100;
    }
    users.closeFailureBursts();
    const rows = audit.recent(50).filter((entry) => entry.seq > before);
    expect(rows.length).toBeLessThanOrEqual(4);
    const counted = (profile: string | null): number =>
      rows.reduce((sum, entry) => sum + (entry.event.kind === 'unlock-failed' && entry.event.attemptedUser === profile ? (entry.event.attempts ?? 1) : 0), 0);
    expect(counted(admin.id)).toBe(150);
    expect(counted(null)).toBe(150);
    const stored = JSON.stringify(db.prepare('SELECT details FROM audit_events').all());
    expect(stored).not.toContain('Jane Roe');
  });

  it('an unknown name gets the same answer as a wrong passphrase, and is throttled too', async () => {
    await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const first = await users.unlock('Nobody', 'whatever passphrase');
    expect(first).toEqual({ ok: false, reason: 'wrong-credentials', retryAfterMs: 1_000 });
    expect(await users.unlock('Nobody Else', 'whatever passphrase')).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('only an admin manages users; a demoted admin loses that at once; the last admin stays', async () => {
    const admin = await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const reviewer = await users.createUser(admin, { name: 'Rita Reviewer', role: 'reviewer', passphrase: 'reviewer passphrase' });
    expect((await folioErrorOf(() => users.createUser(reviewer, { name: 'Eve', role: 'admin', passphrase: 'sneaky passphrase' }))).code).toBe(
      'forbidden',
    );
    expect((await folioErrorOf(() => users.setRole(admin, admin.id, 'reviewer'))).code).toBe('conflict');
    expect((await folioErrorOf(() => users.setDisabled(admin, admin.id, true))).code).toBe('conflict');

    const second = await users.createUser(admin, { name: 'Bob Admin', role: 'admin', passphrase: 'second admin pass' });
    users.setRole(second, admin.id, 'supervisor');
    // `admin` still holds a profile object that says admin; the database says otherwise.
    expect((await folioErrorOf(() => users.setDisabled(admin, reviewer.id, true))).code).toBe('forbidden');
    expect(users.get(admin.id)?.role).toBe('supervisor');
    expect((await folioErrorOf(() => users.createUser(admin, { name: 'Rita Reviewer', role: 'reviewer', passphrase: 'x'.repeat(9) }))).code).toBe(
      'forbidden',
    );
    expect((await folioErrorOf(() => users.createUser(second, { name: 'rita reviewer', role: 'reviewer', passphrase: 'x'.repeat(9) }))).code).toBe(
      'conflict',
    );
    expect(users.list().map((user: UserProfile) => user.name)).toEqual(['Ada Admin', 'Bob Admin', 'Rita Reviewer']);
  });

  it('a disabled profile cannot unlock, even with the right passphrase; enabling restores it', async () => {
    const admin = await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const reviewer = await users.createUser(admin, { name: 'Rita', role: 'reviewer', passphrase: 'reviewer passphrase' });
    users.setDisabled(admin, reviewer.id, true);
    expect(await users.unlock('Rita', 'reviewer passphrase')).toEqual({ ok: false, reason: 'disabled', retryAfterMs: 0 });
    users.setDisabled(admin, reviewer.id, false);
    expect((await users.unlock('Rita', 'reviewer passphrase')).ok).toBe(true);
  });

  it('a person changes their own passphrase only with the current one; an admin reset of someone else is its own audited action', async () => {
    const admin = await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const reviewer = await users.createUser(admin, { name: 'Rita', role: 'reviewer', passphrase: 'reviewer passphrase' });
    // Whoever holds Rita's session but not her passphrase cannot take the profile over.
    expect((await folioErrorOf(() => users.changeOwnPassphrase(reviewer, 'a guessed passphrase', 'takeover passphrase'))).code).toBe('unauthorized');
    expect(await users.unlock('Rita', 'takeover passphrase')).toMatchObject({ ok: false });
    // The wrong guess is slowed like a failed unlock: even the right one waits.
    expect((await folioErrorOf(() => users.changeOwnPassphrase(reviewer, 'reviewer passphrase', 'my new passphrase'))).message).toMatch(/Try again/);
    now += 60_000;
    await users.changeOwnPassphrase(reviewer, 'reviewer passphrase', 'my new passphrase');
    expect((await users.unlock('Rita', 'my new passphrase')).ok).toBe(true);
    expect(audit.recent(3).map((entry) => entry.event)).toContainEqual({ kind: 'user-change', userId: reviewer.id, change: 'passphrase' });

    expect((await folioErrorOf(() => users.resetPassphrase(reviewer, admin.id, 'takeover passphrase'))).code).toBe('forbidden');
    expect((await folioErrorOf(() => users.resetPassphrase(admin, admin.id, 'no current needed?'))).code).toBe('invalid_input');
    await users.resetPassphrase(admin, reviewer.id, 'reset by admin');
    expect(audit.recent(1)[0]).toMatchObject({ actorId: admin.id, event: { kind: 'user-change', userId: reviewer.id, change: 'passphrase-reset' } });
    expect((await users.unlock('Rita', 'reset by admin')).ok).toBe(true);
  });

  it('re-hashes with stronger parameters on the next successful unlock when the default cost rises', async () => {
    await users.createFirstAdmin('Ada Admin', 'admin passphrase');
    const stronger = { ...TEST_SCRYPT, N: TEST_SCRYPT.N * 2 };
    expect(stronger.N).toBeLessThan(DEFAULT_SCRYPT.N);
    const upgraded = new UserDirectory(db, { audit, scrypt: stronger, now: () => now });
    expect((await upgraded.unlock('Ada Admin', 'admin passphrase')).ok).toBe(true);
    expect((db.prepare('SELECT scrypt_n FROM users').get() as { scrypt_n: number }).scrypt_n).toBe(stronger.N);
    expect((await upgraded.unlock('Ada Admin', 'admin passphrase')).ok).toBe(true);
  });
});
