import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { Workstation } from '../../../main/services/workstation';
import { TEST_ADMIN, openTestWorkstation } from '../../support/workstation';

const context = { host: 'http' as const };
const SECOND_ADMIN = { name: 'Bea Admin', passphrase: 'second admin here' };

/**
 * Finding 7 of issue 13: every call reads the caller's role and state as they are now. An
 * admin who is demoted or disabled loses the admin's rights with the next call, not when the
 * vault next locks.
 */
describe('every call re-reads the caller’s current role and state', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let secondId: string;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    const created = (await workstation.dispatch('users.create', { name: SECOND_ADMIN.name, role: 'admin', passphrase: SECOND_ADMIN.passphrase }, context)) as Result<{ id: string }>;
    secondId = created.ok ? created.value.id : '';
  });
  afterAll(async () => cleanup());

  it('a demoted admin cannot change settings, back up or read the trail from the next call on', async () => {
    const me = workstation.session.requireUser();
    expect(await workstation.dispatch('users.update', { userId: me.id, role: 'reviewer' }, context)).toMatchObject({ ok: true });
    expect(await workstation.dispatch('settings.update', { idleLockMinutes: 480 }, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await workstation.dispatch('audit.recent', {}, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await workstation.dispatch('vault.backup', { destination: '/tmp/never-written.folio' }, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await workstation.dispatch('session.status', {}, context)).toMatchObject({ ok: true, value: { user: { role: 'reviewer' } } });
  });

  it('a disabled profile is signed out at its next call, and the trail says why', async () => {
    await workstation.dispatch('session.lock', {}, context);
    expect(await workstation.dispatch('session.unlock', { userName: SECOND_ADMIN.name, passphrase: SECOND_ADMIN.passphrase }, context)).toMatchObject({ ok: true });
    // The second admin disables themselves while another admin (restored below) could not: the first was demoted.
    const meFirst = (await workstation.dispatch('users.list', {}, context)) as Result<{ users: Array<{ id: string; name: string }> }>;
    const firstId = meFirst.ok ? (meFirst.value.users.find((user) => user.name === TEST_ADMIN.name)?.id ?? '') : '';
    expect(await workstation.dispatch('users.update', { userId: firstId, role: 'admin' }, context)).toMatchObject({ ok: true });
    expect(await workstation.dispatch('users.update', { userId: secondId, disabled: true }, context)).toMatchObject({ ok: true });
    expect(await workstation.dispatch('settings.get', {}, context)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await workstation.dispatch('session.status', {}, context)).toMatchObject({ ok: true, value: { state: 'locked', user: null } });

    expect(await workstation.dispatch('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase }, context)).toMatchObject({ ok: true });
    const trail = (await workstation.dispatch('audit.recent', { limit: 3 }, context)) as Result<{ entries: Array<{ kind: string; actor: string | null; summary: string }> }>;
    expect(trail.ok && trail.value.entries.map((entry) => `${entry.kind}:${entry.actor}:${entry.summary}`)).toContain(`lock:${SECOND_ADMIN.name}:Locked (profile-disabled)`);
  });
});
