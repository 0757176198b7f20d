import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../main/hosts/http/server';
import type { Workstation } from '../../../main/services/workstation';
import { FolioHttpClient, rawRequest } from '../../support/api-client';
import { TEST_ADMIN, openTestWorkstation } from '../../support/workstation';

const REVIEWER = { name: 'Rae Reviewer', passphrase: 'coding all day' };

/**
 * Finding 2 of issue 13: the browser's session is its own short-lived bearer, rotated at unlock
 * and never a cookie (browsers send 127.0.0.1's cookies to every port); programs use named API
 * tokens an admin creates for a profile and scope, revokes, and Folio keeps hashed.
 */
describe('browser sessions and named API tokens on the HTTP host', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let host: HttpHost;
  let browser: FolioHttpClient;

  const asProgram = async (token: string, method: string, input: unknown = {}): Promise<{ status: number; code?: string }> => {
    const response = await rawRequest(host.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = JSON.parse(response.body.toString('utf8')) as { ok: boolean; error?: { code: string } };
    return { status: response.status, ...(body.error ? { code: body.error.code } : {}) };
  };

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    host = await startHttpHost({ workstation });
    browser = await FolioHttpClient.connect(host.launchUrl);
  });
  afterAll(async () => {
    await host.close();
    await cleanup();
  });

  it('rotates the browser session at unlock: the old bearer stops working, the new one works', async () => {
    const before = await rawRequest(host.port, { path: '/api/documents.list', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(before.status).toBe(401);
    await browser.call('session.lock');
    const bearer = (): string => (browser as unknown as { token: string }).token;
    const old = bearer();
    await browser.call('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase });
    expect(bearer()).not.toBe(old);
    expect((await asProgram(old, 'documents.list')).status).toBe(401);
    expect((await asProgram(bearer(), 'documents.list')).status).toBe(200);
  });

  it('an admin creates a read token for a profile: it reads as that profile, cannot write or manage, and only its hash is kept', async () => {
    await browser.openVault(TEST_ADMIN, '');
    const reviewer = await browser.call<{ id: string }>('users.create', { name: REVIEWER.name, role: 'reviewer', passphrase: REVIEWER.passphrase });
    const created = await browser.call<{ token: string; apiToken: { id: string; scope: string; userId: string } }>('tokens.create', { name: 'billing export', scope: 'read', userId: reviewer.id });
    expect(created.apiToken).toMatchObject({ scope: 'read', userId: reviewer.id });
    expect(created.token).toMatch(/^folio_pat_/);

    expect(await asProgram(created.token, 'documents.list')).toEqual({ status: 200 });
    expect(await asProgram(created.token, 'documents.import', { files: [{ name: 'a.png', dataBase64: 'AAAA' }] })).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await asProgram(created.token, 'tokens.list')).toMatchObject({ status: 403 });
    expect(await asProgram(created.token, 'session.lock')).toMatchObject({ status: 403 });
    // It acts with the reviewer's role, not the admin's who made it.
    expect(await asProgram(created.token, 'audit.recent')).toMatchObject({ status: 403, code: 'forbidden' });

    const stored = JSON.stringify(workstation.session.requireVault().db.prepare('SELECT * FROM api_tokens').all());
    expect(stored).not.toContain(created.token.split('_').at(-1));
    const listed = await browser.call<{ tokens: Array<{ name: string; lastUsedAt: string | null }> }>('tokens.list');
    expect(listed.tokens).toMatchObject([{ name: 'billing export', lastUsedAt: expect.any(String) as string }]);
  });

  it('a revoked token, a disabled profile and a locked workstation each stop a token', async () => {
    const write = await browser.call<{ token: string; apiToken: { id: string } }>('tokens.create', { name: 'scanner bridge', scope: 'write' });
    expect((await asProgram(write.token, 'settings.get')).status).toBe(200);
    await browser.call('session.lock');
    expect(await asProgram(write.token, 'settings.get')).toMatchObject({ status: 423, code: 'locked' });
    await browser.openVault(TEST_ADMIN, '');
    await browser.call('tokens.revoke', { tokenId: write.apiToken.id });
    expect(await asProgram(write.token, 'settings.get')).toMatchObject({ status: 401, code: 'unauthorized' });

    const users = await browser.call<{ users: Array<{ id: string; name: string }> }>('users.list');
    const reviewerId = users.users.find((user) => user.name === REVIEWER.name)?.id as string;
    const read = await browser.call<{ token: string }>('tokens.create', { name: 'dashboard', scope: 'read', userId: reviewerId });
    await browser.call('users.update', { userId: reviewerId, disabled: true });
    expect(await asProgram(read.token, 'documents.list')).toMatchObject({ status: 401, code: 'unauthorized' });
    const trail = await browser.call<{ entries: Array<{ kind: string; summary: string }> }>('audit.recent', { limit: 10 });
    expect(trail.entries.filter((entry) => entry.kind === 'api-token').map((entry) => entry.summary)).toContain('API token “scanner bridge” (write) revoked');
  });
});
