import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultFile } from '../../main/services/workstation';
import { auditRowHash } from '../../main/vault/audit-log';
import { CLI, PROJECT_ROOT, ensureBuilt } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { openVaultFile, vaultKeyFor } from '../support/vault-files';

/**
 * An admin hands a program on this computer a read-only API token from Settings, in Debian's
 * Chromium over browser mode: the secret is shown once; the program (Node's fetch here) reads
 * the queue with it and is refused a write; the admin revokes it and the next call is refused.
 * Then the admin exports the audit trail signed, and the auditor's CLI verifies the file against
 * the fingerprint Settings shows; someone holding the vault key rewrites a row and recomputes
 * the chain, and Verify names the row. Every wait is for something on the screen.
 */

const ADMIN = { name: 'Avery Admin', passphrase: 'tokens for the bridge' };
const VAULT_PASSPHRASE = 'vault passphrase for the tokens e2e';

async function setUp(page: Page, launchUrl: string): Promise<void> {
  await page.goto(launchUrl);
  const setup = page.getByRole('form', { name: 'Set up Folio' });
  await setup.waitFor();
  await setup.getByLabel('Your name').fill(ADMIN.name);
  await setup.getByLabel('Passphrase (at least 8 characters)').fill(ADMIN.passphrase);
  await setup.getByLabel('Passphrase again').fill(ADMIN.passphrase);
  const vault = setup.getByLabel(/Vault passphrase/);
  if (await vault.count()) await vault.fill(VAULT_PASSPHRASE);
  await setup.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByLabel('I have written it down').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('No documents yet.').waitFor();
}

/** Back to the queue and into Settings again: the page is drawn afresh from the API. */
async function reopenSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back to documents' }).click();
  await page.getByText('No documents yet.').waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'API tokens' }).waitFor();
}

describe('an admin gives a program an API token and an auditor the signed trail (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-tokens-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let secret = '';

  /** One call as the program makes it: Node's fetch, the token as a bearer, no browser session. */
  async function programCall(method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } }> {
    const response = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } };
  }

  beforeAll(async () => {
    ensureBuilt();
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    origin = new URL(server.launchUrl).origin;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('creates a read token in Settings and shows its secret once', async () => {
    await setUp(page, server.launchUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    const tokens = page.getByRole('group', { name: 'API tokens' });
    await tokens.getByText('No API tokens yet.').waitFor();
    const form = tokens.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Token name').fill('Queue reader');
    await form.getByLabel('Scope').selectOption('read');
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByLabel('New API token secret');
    await shown.waitFor();
    secret = await shown.inputValue();
    expect(secret).toMatch(/^folio_pat_[0-9a-f]{16}_[\w-]{43}$/);
    await tokens.locator('tr[data-token-name="Queue reader"]').getByText('never').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await reopenSettings(page);
    expect(await page.content()).not.toContain(secret.slice(-20));
  });

  it('lets the program read the queue with it, refuses it a write, and shows when it was last used', async () => {
    const read = await programCall('documents.list', {});
    expect(read.status).toBe(200);
    expect(read.body.ok).toBe(true);
    const write = await programCall('settings.update', { idleLockMinutes: 30 });
    expect(write.status).toBe(403);
    expect(write.body.error?.code).toBe('forbidden');
    await reopenSettings(page);
    const row = page.locator('tr[data-token-name="Queue reader"]');
    await row.waitFor();
    expect(await row.locator('td').nth(3).textContent()).not.toBe('never');
  });

  it('revokes the token after asking, and the program’s next call is refused', async () => {
    const row = page.locator('tr[data-token-name="Queue reader"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Programs using it stop working.').waitFor();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText(/^revoked /).waitFor();
    const refused = await programCall('documents.list', {});
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('unauthorized');
  });

  it('turns the desktop app’s local API for programs on and off (browser mode serves tokens at its own address)', async () => {
    const local = page.getByRole('group', { name: 'Local API for programs' });
    await local.getByText('Off: the desktop app serves no API to programs.').waitFor();
    await local.getByLabel('Local API port').fill('47999');
    await local.getByRole('button', { name: 'Turn the local API on' }).click();
    await local.getByText('On for the desktop app at port 47999; browser mode serves token calls at its own address.').waitFor();
    await local.getByRole('button', { name: 'Turn the local API off' }).click();
    await local.getByText('Off: the desktop app serves no API to programs.').waitFor();
  });

  it('verifies the trail, saves a signed export, and the auditor’s CLI verifies it against the fingerprint shown', async () => {
    const audit = page.getByRole('group', { name: 'Audit trail' });
    await audit.getByRole('button', { name: 'Verify the audit trail' }).click();
    await audit.getByRole('status').filter({ hasText: /The audit trail is intact: \d+ rows verified/ }).waitFor();
    const file = path.join(temp.dir, 'folio audit.json');
    await audit.getByLabel('Audit export file').fill(file);
    await audit.getByRole('button', { name: 'Export the audit trail' }).click();
    await audit.getByRole('status', { name: 'Audit export written' }).waitFor();
    const fingerprint = (await page.getByTestId('audit-fingerprint').textContent()) ?? '';
    expect(fingerprint.length).toBeGreaterThan(8);
    expect(await audit.textContent()).toContain(`folio audit-verify ${file} --key ${fingerprint}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The token's creation and revocation are in what the auditor receives; its secret is not.
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('Queue reader');
    expect(text).toContain('tokenApiPort');
    expect(text).not.toContain(secret.slice(-20));

    const verified = spawnSync(process.execPath, [CLI, 'audit-verify', file, '--key', fingerprint], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`signed by key ${fingerprint}`);
    const wrongKey = spawnSync(process.execPath, [CLI, 'audit-verify', file, '--key', 'aaaa-bbbb'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(wrongKey.status).toBe(1);
  });

  it('names the rewritten row when someone with the vault key changes one and recomputes the chain', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const key = await vaultKeyFor(dataDir, VAULT_PASSPHRASE);
    const db = openVaultFile(vaultFile(dataDir), key);
    let rewritten = 0;
    try {
      db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
      rewritten = (db.prepare("SELECT seq FROM audit_events WHERE kind = 'api-token' ORDER BY seq LIMIT 1").get() as { seq: number }).seq;
      db.prepare("UPDATE audit_events SET details = replace(details, 'Queue reader', 'Harmless one') WHERE seq = ?").run(rewritten);
      type Row = { seq: number; at: string; actor_id: string | null; kind: string; document_id: string | null; details: string };
      const rows = db.prepare('SELECT seq, at, actor_id, kind, document_id, details FROM audit_events WHERE seq >= ? ORDER BY seq').all(rewritten) as Row[];
      let prev = (db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(rewritten - 1) as { hash: Buffer }).hash;
      for (const row of rows) {
        const hash = auditRowHash(prev, row);
        db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
        prev = hash;
      }
      db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(rows.at(-1)?.seq, prev);
    } finally {
      db.close();
      key.fill(0);
    }
    const audit = page.getByRole('group', { name: 'Audit trail' });
    await audit.getByRole('button', { name: 'Verify the audit trail' }).click();
    const broken = audit.getByRole('alert');
    await broken.filter({ hasText: `The audit trail is broken at row ${rewritten}` }).waitFor();
    expect(await broken.getAttribute('data-problem')).toBe('seal-broken');
    expect(await broken.textContent()).toContain('the trail was rewritten');
  });
});
