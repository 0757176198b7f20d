import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { Workstation } from '../../../main/services/workstation';
import { TEST_ADMIN, openTestWorkstation } from '../../support/workstation';

const context = { host: 'http' as const };
const REVIEWER = { name: 'Rae Reviewer', passphrase: 'coding all day' };

/** Finding 6 of issue 13: holding a signed-in session is not enough to take a profile over. */
describe('a passphrase change through the API needs the current passphrase', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let reviewerId: string;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    const created = (await workstation.dispatch('users.create', { name: REVIEWER.name, role: 'reviewer', passphrase: REVIEWER.passphrase }, context)) as Result<{ id: string }>;
    reviewerId = created.ok ? created.value.id : '';
  });
  afterAll(async () => cleanup());

  it('users.update no longer takes a passphrase, and changing one without the current is refused', async () => {
    const admin = workstation.session.requireUser();
    expect(await workstation.dispatch('users.update', { userId: admin.id, passphrase: 'a takeover passphrase' }, context)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await signIn(REVIEWER);
    expect(await workstation.dispatch('users.changePassphrase', { currentPassphrase: 'not the right one', newPassphrase: 'a takeover passphrase' }, context)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    await workstation.dispatch('session.lock', {}, context);
    expect(await workstation.dispatch('session.unlock', { userName: REVIEWER.name, passphrase: 'a takeover passphrase' }, context)).toMatchObject({ ok: false });
  });

  it('an admin resets another profile as its own action, named in the trail; a reviewer cannot', async () => {
    await signIn(TEST_ADMIN);
    expect(await workstation.dispatch('users.resetPassphrase', { userId: reviewerId, passphrase: 'a fresh passphrase' }, context)).toMatchObject({ ok: true });
    const recent = (await workstation.dispatch('audit.recent', { limit: 1 }, context)) as Result<{ entries: Array<{ kind: string; actor: string | null; summary: string }> }>;
    expect(recent.ok && recent.value.entries[0]).toMatchObject({ kind: 'user-change', actor: TEST_ADMIN.name, summary: expect.stringMatching(/reset/i) });

    await signIn({ name: REVIEWER.name, passphrase: 'a fresh passphrase' });
    expect(await workstation.dispatch('users.resetPassphrase', { userId: reviewerId, passphrase: 'another passphrase' }, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await workstation.dispatch('users.changePassphrase', { currentPassphrase: 'a fresh passphrase', newPassphrase: 'my very own passphrase' }, context)).toMatchObject({ ok: true });
    await signIn({ name: REVIEWER.name, passphrase: 'my very own passphrase' });
  });

  async function signIn(person: { name: string; passphrase: string }): Promise<void> {
    await workstation.dispatch('session.lock', {}, context);
    expect(await workstation.dispatch('session.unlock', { userName: person.name, passphrase: person.passphrase }, context)).toMatchObject({ ok: true });
  }
});
