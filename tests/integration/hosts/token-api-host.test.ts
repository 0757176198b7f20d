import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../../app/contract/session';
import { startTokenApiHost } from '../../../main/hosts/http/token-api-host';
import type { Workstation } from '../../../main/services/workstation';
import { rawRequest } from '../../support/api-client';
import { makeTempDir } from '../../support/temp-dir';
import { TEST_ADMIN, TEST_VAULT_PASSPHRASE, openTestWorkstation } from '../../support/workstation';

const admin = { host: 'electron' as const };

/** A port nothing listens on now: the system's pick, let go again. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether anything accepts a connection on 127.0.0.1:`port`. */
function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Issue 13: named API tokens "available in the desktop app too". The workstation is opened as
 * the Electron host opens it (with `startTokenApiHost`), under plain Node: nothing listens until
 * an admin sets a port; then programs' token calls are served there, and nothing else is (no UI,
 * no launch link, no browser session, nothing a web page sends); turning it off or a taken port
 * are handled; each change is a row in the trail; after a restart it comes back with the vault.
 */
describe('the desktop app’s local API for programs with API tokens', () => {
  const temp = makeTempDir();
  const dataDir = temp.dir;
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let port: number;
  let token = '';

  const call = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const result = await workstation.dispatch(method, input, admin);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
    return result.value as T;
  };
  const asProgram = async (method: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<{ status: number; code?: string }> => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(input),
    });
    const body = JSON.parse(response.body.toString('utf8')) as { ok: boolean; error?: { code: string } };
    return { status: response.status, ...(body.error ? { code: body.error.code } : {}) };
  };

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir, tokenApiServer: startTokenApiHost }));
    port = await freePort();
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
  });

  it('is off by default: nothing listens', async () => {
    const settings = await call<Settings>('settings.get');
    expect(settings.tokenApiPort).toBeNull();
    expect(settings.tokenApiServing).toBeNull();
    expect(await accepting(port)).toBe(false);
  });

  it('serves programs’ token calls on the admin’s loopback port, with the token’s scope, once turned on (audited)', async () => {
    const settings = await call<Settings>('settings.update', { tokenApiPort: port });
    expect(settings).toMatchObject({ tokenApiPort: port, tokenApiServing: port });
    token = (await call<{ token: string }>('tokens.create', { name: 'EHR bridge', scope: 'read' })).token;
    expect(await asProgram('documents.list')).toEqual({ status: 200 });
    expect(await asProgram('settings.update', { idleLockMinutes: 30 })).toEqual({ status: 403, code: 'forbidden' });
    const trail = await call<{ entries: Array<{ kind: string; summary: string }> }>('audit.recent', { limit: 10 });
    expect(trail.entries.find((entry) => entry.kind === 'settings-change')?.summary).toBe(`Setting tokenApiPort: (none) → ${port}`);
  });

  it('serves nothing a browser could use: no UI, no launch link, no request from a web page, no bearer but a token', async () => {
    expect((await rawRequest(port, { path: '/' })).status).toBe(404);
    expect((await rawRequest(port, { path: '/index.html' })).status).toBe(404);
    expect((await rawRequest(port, { path: '/?token=anything' })).status).toBe(404);
    expect(await asProgram('documents.list', {}, { Origin: `http://127.0.0.1:${port}` })).toEqual({ status: 403, code: 'forbidden' });
    expect(await asProgram('documents.list', {}, { Authorization: 'Bearer not-a-token' })).toEqual({ status: 401, code: 'unauthorized' });
    expect(await asProgram('documents.list', {}, { Host: `folio.example:${port}` })).toEqual({ status: 421, code: 'forbidden' });
  });

  it('answers locked while nobody is signed in, like every method', async () => {
    await call('session.lock');
    expect(await asProgram('documents.list')).toEqual({ status: 423, code: 'locked' });
    await call('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase, vaultPassphrase: TEST_VAULT_PASSPHRASE });
    expect(await asProgram('documents.list')).toEqual({ status: 200 });
  });

  it('refuses a port another program holds and keeps serving the one it had', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve()));
    const taken = (squatter.address() as net.AddressInfo).port;
    try {
      const result = await workstation.dispatch('settings.update', { tokenApiPort: taken }, admin);
      expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await call<Settings>('settings.get')).toMatchObject({ tokenApiPort: port, tokenApiServing: port });
      expect(await asProgram('documents.list')).toEqual({ status: 200 });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('comes back with the vault after a restart, and stops when turned off', async () => {
    await cleanup();
    expect(await accepting(port)).toBe(false);
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir, tokenApiServer: startTokenApiHost }));
    await expect.poll(() => accepting(port)).toBe(true);
    expect(await asProgram('documents.list')).toEqual({ status: 200 });
    expect(await call<Settings>('settings.update', { tokenApiPort: null })).toMatchObject({ tokenApiPort: null, tokenApiServing: null });
    expect(await accepting(port)).toBe(false);
  });

  it('is not served by a host without it (browser mode serves tokens at its own address): the setting is kept for the desktop app', async () => {
    await cleanup();
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir }));
    expect(await call<Settings>('settings.update', { tokenApiPort: port })).toMatchObject({ tokenApiPort: port, tokenApiServing: null });
    expect(await accepting(port)).toBe(false);
  });
});
