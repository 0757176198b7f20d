import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../main/hosts/http/server';
import { configureLogging } from '../../../main/log/logger';
import { openWorkstation, type Workstation } from '../../../main/services/workstation';
import { NoSecretStore } from '../../../main/vault/secret-store';
import { rawRequest } from '../../support/api-client';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

// Every path a person types (backup file, restore file, export folder, watch folder) goes
// through one policy: absolute, resolved through symlinks, of the right kind, outside Folio's
// data folder and the system's kernel views. Through the real HTTP host, so the status a client
// sees is checked with the typed code, and nothing is written where it was refused.

interface Answer {
  status: number;
  ok: boolean;
  code?: string;
  message?: string;
}

async function call(host: HttpHost, method: string, input: unknown): Promise<Answer> {
  const response = await rawRequest(host.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${host.apiToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = JSON.parse(response.body.toString('utf8')) as { ok: boolean; error?: { code: string; message: string } };
  return { status: response.status, ok: body.ok, ...(body.error ? { code: body.error.code, message: body.error.message } : {}) };
}

/** Every file under a folder, relative to it. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('paths a person types, on a signed-in workstation', () => {
  const out = makeTempDir('folio-paths-out-');
  let dataDir: string;
  let workstation: Workstation;
  let host: HttpHost;
  let cleanup: () => Promise<void>;
  let approvedId: string;

  beforeAll(async () => {
    ({ workstation, dataDir, cleanup } = await openTestWorkstation());
    host = await startHttpHost({ workstation });
    const page = await renderLinesPage(['Patient: Path Example', 'Rx: Lisinopril 10 mg tablet']);
    const imported = await call(host, 'documents.import', { files: [{ name: 'rx.png', dataBase64: toBase64(page.png) }] });
    expect(imported.ok).toBe(true);
    await workstation.idle();
    const list = await workstation.dispatch('documents.list', {}, { host: 'cli' });
    approvedId = (list.ok ? (list.value as { documents: Array<{ id: string }> }).documents[0]?.id : undefined) as string;
    expect((await workstation.dispatch('documents.approve', { documentId: approvedId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' }, { host: 'cli' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host.close();
    await cleanup();
    out.remove();
  });

  it('vault.backup refuses odd destinations with a typed 4xx, and writes nothing anywhere', async () => {
    const cwdBefore = fs.readdirSync(process.cwd());
    const dataBefore = listing(dataDir);
    fs.writeFileSync(path.join(out.dir, 'taken.folio-backup'), 'someone else');
    const cases: Array<[string, number, string]> = [
      ['relative.folio-backup', 400, 'invalid_input'],
      [path.join(out.dir, 'nul\u0000byte.folio-backup'), 400, 'invalid_input'],
      [path.join(out.dir, 'line\nbreak.folio-backup'), 400, 'invalid_input'],
      [path.join(out.dir, `${'x'.repeat(300)}.folio-backup`), 400, 'invalid_input'],
      [out.dir, 400, 'invalid_input'],
      [`${out.dir}/`, 400, 'invalid_input'],
      [path.join(out.dir, '..'), 400, 'invalid_input'],
      [path.join(out.dir, 'taken.folio-backup'), 409, 'conflict'],
      [path.join(out.dir, 'missing', 'x.folio-backup'), 404, 'not_found'],
      ['/proc/x.folio-backup', 403, 'forbidden'],
      [path.join(dataDir, 'x.folio-backup'), 400, 'invalid_input'],
      [path.join(dataDir, 'vault', 'x.folio-backup'), 400, 'invalid_input'],
      [path.join(dataDir, 'logs', 'x.folio-backup'), 400, 'invalid_input'],
    ];
    for (const [destination, status, code] of cases) {
      const answer = await call(host, 'vault.backup', { destination });
      expect([JSON.stringify(destination), answer.status, answer.code]).toEqual([JSON.stringify(destination), status, code]);
      // The sentence never repeats what was typed: a path can name a patient.
      expect(answer.message).not.toContain(out.dir);
      expect(answer.message).not.toMatch(/relative|xxxx|break|proc/);
    }
    expect(fs.readdirSync(process.cwd())).toEqual(cwdBefore);
    expect(listing(out.dir)).toEqual(['taken.folio-backup']);
    const dataAfter = listing(dataDir).filter((name) => !name.startsWith('logs'));
    expect(dataAfter).toEqual(dataBefore.filter((name) => !name.startsWith('logs')));
    fs.rmSync(path.join(out.dir, 'taken.folio-backup'));
  });

  it('a backup is owner-only from its first byte: no copy of the database is ever readable by others, and none is left', async () => {
    const modes = new Map<string, number>();
    const watcher = fs.watch(out.dir, (_event, name) => {
      const mode = name ? fs.lstatSync(path.join(out.dir, name), { throwIfNoEntry: false })?.mode : undefined;
      if (name && mode !== undefined) modes.set(`${name}:${(mode & 0o777).toString(8)}`, mode & 0o777);
    });
    try {
      const answer = await call(host, 'vault.backup', { destination: path.join(out.dir, 'monday.folio-backup') });
      expect(answer).toMatchObject({ status: 200, ok: true });
    } finally {
      watcher.close();
    }
    const seen = [...modes.keys()];
    expect(seen.some((entry) => entry.includes('.snapshot'))).toBe(true);
    expect(seen.filter((entry) => !entry.endsWith(':600'))).toEqual([]);
    expect(listing(out.dir)).toEqual(['monday.folio-backup']);
    expect(fs.statSync(path.join(out.dir, 'monday.folio-backup')).mode & 0o777).toBe(0o600);
    fs.rmSync(path.join(out.dir, 'monday.folio-backup'));
  });

  it('takes a backup name as long as the disk allows (its working copies are named apart)', async () => {
    const name = `${'x'.repeat(255 - '.folio-backup'.length)}.folio-backup`;
    const answer = await call(host, 'vault.backup', { destination: path.join(out.dir, name) });
    expect([answer.status, answer.code]).toEqual([200, undefined]);
    expect(listing(out.dir)).toEqual([name]);
    fs.rmSync(path.join(out.dir, name));
  });

  it('documents.export refuses a kernel view with 403, not a 500, and writes nothing', async () => {
    for (const destination of ['/proc', '/proc/self', '/sys', '/dev']) {
      const answer = await call(host, 'documents.export', { documentIds: [approvedId], format: 'json', destination });
      expect([destination, answer.status, answer.code]).toEqual([destination, 403, 'forbidden']);
    }
    const relative = await call(host, 'documents.export', { documentIds: [approvedId], format: 'json', destination: 'exports' });
    expect([relative.status, relative.code]).toEqual([400, 'invalid_input']);
    const written = await call(host, 'documents.export', { documentIds: [approvedId], format: 'json', destination: out.dir });
    expect(written.status).toBe(200);
  });

  it('the watch folder may not be the data folder, the vault, a folder holding them, or a kernel view', async () => {
    const cases: Array<[string, number, string]> = [
      [dataDir, 400, 'invalid_input'],
      [path.join(dataDir, 'vault'), 400, 'invalid_input'],
      [path.dirname(dataDir), 400, 'invalid_input'],
      ['/', 400, 'invalid_input'],
      ['/proc', 403, 'forbidden'],
      ['scans', 400, 'invalid_input'],
    ];
    for (const [watchFolder, status, code] of cases) {
      const answer = await call(host, 'settings.update', { watchFolder });
      expect([watchFolder, answer.status, answer.code]).toEqual([watchFolder, status, code]);
    }
    const settings = await call(host, 'settings.get', {});
    expect(settings.ok).toBe(true);
    const current = await workstation.dispatch('settings.get', {}, { host: 'cli' });
    expect(current.ok && (current.value as { watchFolder: string | null }).watchFolder).toBeNull();
  });
});

describe('restoring on a computer without a vault', () => {
  const dataDir = makeTempDir('folio-paths-restore-');
  const elsewhere = makeTempDir('folio-paths-files-');
  let workstation: Workstation;
  let host: HttpHost;

  beforeAll(async () => {
    configureLogging({ dataDir: dataDir.dir, console: false });
    workstation = openWorkstation({ dataDir: dataDir.dir, secrets: new NoSecretStore(), workers: 1 });
    host = await startHttpHost({ workstation });
  });
  afterAll(async () => {
    await host.close();
    await workstation.close();
    dataDir.remove();
    elsewhere.remove();
  });

  it('a folder, a device, a kernel file or a relative path is a typed 4xx, and no vault appears', async () => {
    const cases: Array<[string, number, string]> = [
      [elsewhere.dir, 400, 'invalid_input'],
      ['/dev/zero', 403, 'forbidden'],
      ['/proc/self/environ', 403, 'forbidden'],
      ['backup.folio-backup', 400, 'invalid_input'],
      [path.join(elsewhere.dir, 'missing.folio-backup'), 404, 'not_found'],
    ];
    for (const [backupFile, status, code] of cases) {
      const answer = await call(host, 'vault.restore', { backupFile, recoveryCode: '0000-0000-0000-0000-0000-0000' });
      expect([backupFile, answer.status, answer.code]).toEqual([backupFile, status, code]);
    }
    expect(fs.existsSync(path.join(dataDir.dir, 'vault', 'folio.db'))).toBe(false);
  });
});

describe('a watch folder saved before the path policy', () => {
  const temp = makeTempDir('folio-paths-stored-');

  afterAll(() => temp.remove());

  it('is not watched when the vault next opens if it is the data folder, so nothing in it is imported', async () => {
    const first = await openTestWorkstation({ dataDir: temp.dir });
    // What an older Folio accepted and stored.
    first.workstation.session.requireVault().settings.set('watchFolder', temp.dir);
    await first.workstation.close();

    const reopened = await openTestWorkstation({ dataDir: temp.dir });
    try {
      const page = await renderLinesPage(['Patient: Stored Setting', 'MRN 5500021']);
      fs.writeFileSync(path.join(temp.dir, 'scan-0001.png'), page.png);
      // Two polls of the watch folder (3 s apart) would have taken it in.
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      await reopened.workstation.idle();
      const list = await reopened.workstation.dispatch('documents.list', { filter: 'all' }, { host: 'cli' });
      expect(list.ok && (list.value as { documents: unknown[] }).documents).toEqual([]);
    } finally {
      await reopened.workstation.close();
    }
  });
});
