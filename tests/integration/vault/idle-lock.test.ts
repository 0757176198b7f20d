import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { SessionStatus } from '../../../app/contract/session';
import type { DocumentDetail } from '../../../app/model/document';
import { startHttpHost, type HttpHost } from '../../../main/hosts/http/server';
import type { Workstation } from '../../../main/services/workstation';
import { rawRequest } from '../../support/api-client';
import { ManualLockClock } from '../../support/manual-clock';
import { renderLinesPage } from '../../support/pages';
import { openTestWorkstation, TEST_ADMIN, toBase64 } from '../../support/workstation';

// The automatic logoff of HIPAA §164.312(a)(2)(iii): after the idle time every host sees the
// lock, nothing with PHI comes back, and only the person's passphrase reopens the session. The
// lock's clock is injected, so ten idle minutes pass in no time and nothing sleeps.
const context = { host: 'cli' as const };
const MINUTE = 60_000;

describe('idle lock (real vault, real HTTP host, injected clock)', () => {
  const clock = new ManualLockClock();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let host: HttpHost;
  let documentId: string;
  const sessionEvents: string[] = [];

  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const result = (await workstation.dispatch(method, input, context)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
    return result.value;
  };
  const errorCodeOf = async (method: string, input: unknown = {}): Promise<string | null> => {
    const result = await workstation.dispatch(method, input, context);
    return result.ok ? null : result.error.code;
  };
  const state = async (): Promise<SessionStatus['state']> => (await call<SessionStatus>('session.status')).state;
  const api = (path: string, body?: string) =>
    rawRequest(host.port, {
      method: body === undefined ? 'GET' : 'POST',
      path,
      headers: { Authorization: `Bearer ${host.apiToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body }),
    });
  const unlock = (passphrase = TEST_ADMIN.passphrase) =>
    workstation.dispatch('session.unlock', { userName: TEST_ADMIN.name, passphrase }, context);

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ lockClock: clock }));
    workstation.events.on('session.changed', (payload) => sessionEvents.push(payload.state));
    host = await startHttpHost({ workstation });
    const page = await renderLinesPage(['Patient: Idle Example', 'MRN 1000001-ID']);
    const imported = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', {
      files: [{ name: 'idle.png', dataBase64: toBase64(page.png) }],
    });
    documentId = imported.outcomes[0]?.documentId as string;
    await workstation.idle();
  });
  afterAll(async () => {
    await host?.close();
    await cleanup?.();
  });

  it('stays open while the person is active, and locks once the idle time has passed', async () => {
    expect(await call<SessionStatus>('session.status')).toMatchObject({ state: 'unlocked', idleLockMinutes: 10 });
    // Activity moves the deadline: nine minutes, a call, nine more minutes is still open.
    clock.advance(9 * MINUTE);
    await call('documents.list');
    clock.advance(9 * MINUTE);
    expect(await state()).toBe('unlocked');
    expect(workstation.pageImage(documentId, 0)).not.toBeNull();

    sessionEvents.length = 0;
    clock.advance(1 * MINUTE + 1_000);
    expect(await state()).toBe('locked');
    expect(sessionEvents).toEqual(['locked']);
  });

  it('answers every call with PHI `locked`, and gives no page image', async () => {
    for (const [method, input] of [
      ['documents.list', {}],
      ['documents.get', { documentId }],
      ['documents.history', { documentId }],
      ['search.query', { text: 'Example' }],
      ['words.update', { documentId, wordId: `${documentId}:0:0`, text: 'x' }],
      ['settings.get', {}],
      ['audit.verify', {}],
    ] as const) {
      expect(await errorCodeOf(method, input), method).toBe('locked');
    }
    expect(() => workstation.pageImage(documentId, 0)).toThrow(/locked/);
    // A call while locked is not activity: it must not reopen anything.
    clock.advance(30 * MINUTE);
    expect(await state()).toBe('locked');
  });

  it('locks the HTTP host too: 423 locked for the API and for page images, and no image bytes', async () => {
    const list = await api('/api/documents.list', '{}');
    expect(list.status).toBe(423);
    expect(JSON.parse(list.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'locked' } });
    const image = await api(`/pages/${documentId}/0`);
    expect(image.status).toBe(423);
    expect(image.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(image.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('refuses a wrong passphrase and stays locked; the right one reopens the session', async () => {
    const wrong = await unlock('not the passphrase');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await state()).toBe('locked');
    // A failure starts the unlock backoff (real time, by design): wait it out, as a person would.
    const { retryAfterMs } = await call<SessionStatus>('session.status');
    expect(retryAfterMs).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs + 50));

    sessionEvents.length = 0;
    const right = await unlock();
    expect(right).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(sessionEvents).toEqual(['unlocked']);
    expect(workstation.pageImage(documentId, 0)).not.toBeNull();
    const detail = await call<DocumentDetail>('documents.get', { documentId });
    expect(detail.pages[0]?.status).toBe('done');
    expect((await api(`/pages/${documentId}/0`)).status).toBe(200);
  });

  it('wrote an audit row for the idle lock, by the person whose session it closed', async () => {
    const admin = workstation.session.requireUser();
    const locks = workstation.session
      .requireVault()
      .audit.recent(200)
      .filter((entry) => entry.event.kind === 'lock');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actorId: admin.id, event: { kind: 'lock', cause: 'idle' } });
    expect(await call('audit.verify')).toMatchObject({ ok: true });
  });

  it('takes an idle time down to one minute, refuses less, and keeps it in the vault', async () => {
    expect(await call('settings.update', { idleLockMinutes: 1 })).toMatchObject({ idleLockMinutes: 1 });
    for (const idleLockMinutes of [0, -5, 0.5]) {
      expect(await errorCodeOf('settings.update', { idleLockMinutes }), String(idleLockMinutes)).toBe('invalid_input');
    }
    expect(await call('settings.get')).toMatchObject({ idleLockMinutes: 1 });

    clock.advance(59_000);
    expect(await state()).toBe('unlocked');
    clock.advance(2_000);
    expect(await state()).toBe('locked');
    expect((await api('/api/settings.get', '{}')).status).toBe(423);

    expect(await unlock()).toMatchObject({ ok: true, value: { state: 'unlocked', idleLockMinutes: 1 } });
    const causes = workstation.session
      .requireVault()
      .audit.recent(200)
      .flatMap((entry) => (entry.event.kind === 'lock' ? [entry.event.cause] : []));
    expect(causes).toEqual(['idle', 'idle']);
  });

  it('after a manual lock the same holds, and the page image is gone at once', async () => {
    expect(await call<SessionStatus>('session.lock')).toMatchObject({ state: 'locked', user: null });
    expect(() => workstation.pageImage(documentId, 0)).toThrow(/locked/);
    expect((await api(`/pages/${documentId}/0`)).status).toBe(423);
    expect(await unlock()).toMatchObject({ ok: true });
    // Leaves the setting as a fresh vault has it, so later checks read the default again.
    await call('settings.update', { idleLockMinutes: 10 });
    expect(await call<SessionStatus>('session.status')).toMatchObject({ state: 'unlocked', idleLockMinutes: 10 });
  });
});
