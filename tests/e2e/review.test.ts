import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, ensureBuilt } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../support/pages';
import { makeTempDir } from '../support/temp-dir';

/**
 * The README's picture. A test run keeps its copy in .cache/ (so `npm test` leaves the tree
 * clean); `npm run docs:screenshot` runs this test to write the one in docs/.
 */
const SCREENSHOT = path.join(PROJECT_ROOT, process.env.FOLIO_SCREENSHOT_DIR ?? '.cache', 'screenshot-review.png');
const ADMIN = { name: 'Rita Reviewer', passphrase: 'pharmacy night shift' };
const VAULT_PASSPHRASE = 'vault passphrase for e2e';

async function unlock(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Unlock Folio' });
  await form.waitFor();
  await form.getByLabel('Name').fill(ADMIN.name);
  await form.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
  const vault = form.getByLabel('Vault passphrase');
  if (await vault.count()) await vault.fill(VAULT_PASSPHRASE);
  await form.getByRole('button', { name: 'Unlock' }).click();
}

const PRESCRIPTION = PRESCRIPTION_WITH_BAD_NPI;

/** The queue opens on the work still to do; an approved document is under its own filter. */
async function showApproved(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Approved \(\d+\)$/ }).click();
}

describe('a reviewer imports a scan, corrects a word and approves it (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;
  let rendered: { png: Buffer; width: number; height: number };
  let scanFile: string;

  beforeAll(async () => {
    ensureBuilt();
    rendered = await renderLinesPage(PRESCRIPTION);
    scanFile = path.join(temp.dir, 'prescription scan.png');
    fs.writeFileSync(scanFile, rendered.png);
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('opens from the one-time link with a strict CSP, sets up the vault and shows the recovery code once', async () => {
    const response = await page.goto(server.launchUrl);
    expect(response?.ok()).toBe(true);
    expect(page.url()).not.toContain('token=');
    const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");

    const setup = page.getByRole('form', { name: 'Set up Folio' });
    await setup.waitFor();
    await setup.getByLabel('Your name').fill(ADMIN.name);
    await setup.getByLabel('Passphrase (at least 8 characters)').fill(ADMIN.passphrase);
    await setup.getByLabel('Passphrase again').fill(ADMIN.passphrase);
    // Only where no keychain answers (a run outside the test keyring) is a vault passphrase asked for.
    const vault = setup.getByLabel(/Vault passphrase/);
    if (await vault.count()) await vault.fill(VAULT_PASSPHRASE);
    await setup.getByRole('button', { name: 'Create the vault' }).click();

    const code = await page.getByTestId('recovery-code').textContent();
    expect(code?.replace(/[^A-Z0-9]/gi, '').length).toBeGreaterThanOrEqual(20);
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('No documents yet.').waitFor();
    await page.reload();
    await page.getByText('No documents yet.').waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(0);
  });

  it('imports the page and shows its fields, classified as a prescription, over the image', async () => {
    await page.locator('#import-files').setInputFiles(scanFile);
    await page.getByText('prescription scan.png: imported.').waitFor();
    await page.getByText('To review').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-field="prescriber.npi"]').waitFor();
    expect(await page.locator('.fields-kind select').inputValue()).toBe('prescription');
    expect(await page.locator('rect[data-field-box]').count()).toBeGreaterThan(8);
    const image = page.locator('.page-image img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(rendered.width);
  });

  it('flags the NPI whose check digit fails, and accepts the correction', async () => {
    const npi = page.locator('[data-field="prescriber.npi"]');
    await expect.poll(() => npi.getAttribute('data-status')).toBe('invalid');
    expect(await npi.locator('.finding-error').count()).toBeGreaterThan(0);
    expect(await page.locator('rect[data-field-box="prescriber.npi"]').getAttribute('class')).toContain('level-invalid');
    // Fields read cleanly stay quiet: the DEA number passed its check.
    await expect.poll(() => page.locator('[data-field="prescriber.dea"]').getAttribute('data-status')).toBe('confident');
    await page.screenshot({ path: SCREENSHOT });

    // F8 takes the reviewer's eyes and cursor to the one flagged field.
    await page.keyboard.press('F8');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-prescriber.npi');
    const input = npi.locator('input');
    await input.fill('1234567893');
    // Enter saves the value as the reviewer's own confirmation and moves on to the next field to check.
    await input.press('Enter');
    await expect.poll(() => npi.getAttribute('data-status')).toBe('confirmed');
    await expect.poll(() => npi.textContent()).toContain('corrected');
  });

  it('saves an edited word as the reviewer types, approves, and finds both after a reload', async () => {
    await page.getByRole('tab', { name: 'Text' }).click();
    expect(await page.locator('rect[data-word-box]').count()).toBeGreaterThan(40);
    const words = await page.locator('input[data-word-id]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(words.slice(0, 3)).toEqual(['Jane', 'Q.', 'Smith,']);
    const firstWord = page.locator('input[data-word-id]').first();
    const wordId = await firstWord.getAttribute('data-word-id');
    await firstWord.fill('Patient-corrected');
    await firstWord.press('Tab');
    const box = page.locator(`rect[data-word-box="${wordId}"]`);
    await expect.poll(() => box.getAttribute('class')).toContain('level-edited');
    // The corrected word is the page's first: its box must sit on the image's first text line, top left.
    const sheet = await page.locator('.page-image img').boundingBox();
    const drawn = await box.boundingBox();
    expect(sheet && drawn).toBeTruthy();
    if (sheet && drawn) {
      expect(drawn.y - sheet.y).toBeLessThan(sheet.height * 0.25);
      expect(drawn.x - sheet.x).toBeLessThan(sheet.width * 0.25);
      expect(drawn.y + drawn.height).toBeLessThanOrEqual(sheet.y + sheet.height);
    }
    // Ctrl+Enter approves, but not from inside a word being typed in (its save comes first).
    const approvals: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/documents.approve')) approvals.push(request.url());
    });
    await firstWord.focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('.review-title').click();
    expect(approvals).toEqual([]);
    await page.keyboard.press('Control+Enter');
    // The phone numbers the page does not print are optional: shown as not printed, never asked about.
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Approved');
    expect(await page.getByRole('alertdialog', { name: 'Confirm approval' }).count()).toBe(0);
    expect(approvals.length).toBe(1);
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'Document history' });
    await history.locator('li[data-kind="approve"]').waitFor();
    // Signed off, it leaves the work still to do.
    await page.getByRole('tab', { name: 'To do (0)' }).waitFor();
    await page.getByRole('tab', { name: 'Approved (1)' }).waitFor();
    expect(await history.innerText()).toContain('prescriber.npi: 1234567890 → 1234567893');
    expect(await history.locator('li[data-kind="import"]').innerText()).toContain(ADMIN.name);

    await page.reload();
    await showApproved(page);
    await page.locator('.queue-item').first().click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Approved');
    await expect.poll(() => page.locator('#field-prescriber\\.npi').inputValue()).toBe('1234567893');
    await page.getByRole('tab', { name: 'Text' }).click();
    await expect.poll(() => page.locator(`input[data-word-id="${wordId}"]`).inputValue()).toBe('Patient-corrected');
    expect(await page.locator(`input[data-word-id="${wordId}"]`).getAttribute('readonly')).not.toBeNull();
  });

  it('locks on request: the lock screen shows no document, and the API answers locked', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('form', { name: 'Unlock Folio' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('prescription scan');
    expect(text).not.toContain('1234567893');
    expect(await page.locator('.page-image img').count()).toBe(0);
    // The tab's session is in its sessionStorage, never a cookie another local port would be sent.
    const api = await page.evaluate(async () => {
      const stored = JSON.parse(sessionStorage.getItem(`folio-session:${location.port}`) ?? '{}') as { token?: string };
      const response = await fetch('./api/documents.list', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${stored.token}` }, body: '{}' });
      return { status: response.status, cookies: document.cookie, body: (await response.json()) as { error?: { code: string } } };
    });
    expect(api).toMatchObject({ status: 423, cookies: '', body: { error: { code: 'locked' } } });
    const imageIds = await page.evaluate(() => document.querySelectorAll('img').length);
    expect(imageIds).toBe(0);
    await unlock(page);
    await showApproved(page);
    await page.locator('.queue-item').first().waitFor();
  });

  it('still has the edit and the approval after the workstation restarts', async () => {
    await server.stop();
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    await page.goto(server.launchUrl);
    await unlock(page);
    await showApproved(page);
    await page.locator('.queue-item').first().click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Approved');
    await page.getByRole('tab', { name: 'Text' }).click();
    const values = await page.locator('input[data-word-id]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(values).toContain('Patient-corrected');
  });

  it('exports the approved document as FHIR R4 into a folder the reviewer names, with the corrected NPI in it', async () => {
    const folder = path.join(temp.dir, 'exports');
    fs.mkdirSync(folder);
    await page.getByRole('button', { name: 'Export approved (1 new)' }).click();
    const form = page.getByRole('form', { name: 'Export approved documents' });
    // Folio's own data folder is refused, in words, and nothing is written there.
    await form.getByLabel('Export folder').fill(path.join(temp.dir, 'data'));
    await form.getByRole('button', { name: 'Export 1' }).click();
    await page.getByText(/cannot go inside Folio's own data folder/).waitFor();
    await form.getByLabel('Export folder').fill(folder);
    await form.getByRole('button', { name: 'Export 1' }).click();
    await page.getByText(/Exported 1 document as FHIR R4 bundle/).waitFor();
    const [file] = fs.readdirSync(folder);
    expect(file).toMatch(/^folio-export-.*\.fhir\.json$/);
    const bundle = JSON.parse(fs.readFileSync(path.join(folder, file as string), 'utf8')) as { entry: Array<{ resource: { resourceType: string } }> };
    const practitioner = bundle.entry.find((entry) => entry.resource.resourceType === 'Practitioner');
    expect(JSON.stringify(practitioner)).toContain('1234567893');
    expect(await page.getByRole('form', { name: 'Export approved documents' }).count()).toBe(0);
    // Exported since its approval: the queue says so, and the next export would not pick it up again by default.
    await page.getByRole('button', { name: 'Export approved (1, all exported)' }).waitFor();
    await page.locator('.queue-item', { hasText: 'exported' }).first().waitFor();
  });

  it('finds the document by a word on its page, and lets the admin add a reviewer and verify the audit trail', async () => {
    await page.getByLabel('Search documents').fill('atorvastat');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByText('prescription scan.png').first().waitFor();

    await page.getByRole('button', { name: 'Settings' }).click();
    const add = page.getByRole('form', { name: 'Add a person' });
    await add.getByPlaceholder('Name').fill('Omar Pharmacist');
    await add.getByPlaceholder(/First passphrase/).fill('refill counter');
    await add.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Omar Pharmacist' }).waitFor();
    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    await page.getByText(/The audit trail is intact: \d+ rows verified/).waitFor();
    // The whole trail, newest first: the person just added, then the export and the approval further down.
    await page.getByRole('button', { name: 'Show recent activity' }).click();
    const activity = page.getByRole('list', { name: 'Recent activity' });
    await activity.locator('li[data-kind="user-change"]').first().waitFor();
    const kinds = await activity.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds[0]).toBe('user-change');
    expect(kinds).toEqual(expect.arrayContaining(['export', 'approve', 'unlock', 'lock']));
  });

  it('says so plainly when a stored page image is damaged, and still shows what was read from it', async () => {
    // Disk damage: one bit flipped in every sealed file of the vault (the original and the page image).
    const blobs = path.join(temp.dir, 'data', 'vault', 'blobs');
    for (const name of fs.readdirSync(blobs)) {
      const file = path.join(blobs, name);
      const bytes = fs.readFileSync(file);
      bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 0x01;
      fs.writeFileSync(file, bytes);
    }
    await page.reload();
    await showApproved(page);
    await page.locator('.queue-item').first().click();
    await page.getByRole('alert').filter({ hasText: 'could not be shown' }).waitFor();
    await expect.poll(() => page.locator('#field-prescriber\\.npi').inputValue()).toBe('1234567893');
    const image = await page.evaluate(async () => (await fetch(document.querySelector<HTMLImageElement>('.page-image img')?.src ?? '')).status);
    expect(image).toBe(500);
  });

  it('rejects an unusable scan with a reason and moves straight on to the next one waiting', async () => {
    const names = ['wrong patient.png', 'next in line.png'];
    for (const name of names) fs.copyFileSync(scanFile, path.join(temp.dir, name));
    await page.locator('#import-files').setInputFiles(names.map((name) => path.join(temp.dir, name)));
    await page.getByRole('tab', { name: 'To do (2)' }).click();
    const waiting = page.locator('.queue-item', { hasText: 'To review' });
    await expect.poll(() => waiting.count(), { timeout: 60_000 }).toBe(2);
    await page.locator('.queue-item', { hasText: names[0] }).click();
    await expect.poll(() => page.locator('.review-title').textContent()).toBe(names[0]);
    await page.getByRole('button', { name: 'Reject…' }).click();
    await page.getByLabel('Reason for rejecting').fill('scan of the wrong patient');
    await page.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect.poll(() => page.locator('.review-title').textContent()).toBe(names[1]);
    await page.getByRole('tab', { name: 'Rejected (1)' }).click();
    await page.locator('.queue-item', { hasText: names[0] }).click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Rejected');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Document history' }).locator('li[data-kind="reject"]').filter({ hasText: 'scan of the wrong patient' }).waitFor();
  });
});
