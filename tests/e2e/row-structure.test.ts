import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { ensureBuilt, PROJECT_ROOT } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { multiPageClaim } from '../support/claim-pages';
import { makeTempDir } from '../support/temp-dir';
import { completeFirstRun } from '../support/first-run';

const ADMIN = { name: 'Rhea Rows', passphrase: 'box twenty-one and box twenty-four' };
const CLAIM = 'claim.tif';
/** The README's pictures: `npm run docs:screenshot` points this at docs/. */
const shot = (name: string): string => path.join(PROJECT_ROOT, process.env.FOLIO_SCREENSHOT_DIR ?? '.cache', name);

describe('a coder adds a missed diagnosis and deletes a spurious service line (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-rows-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureBuilt();
    fs.writeFileSync(path.join(temp.dir, CLAIM), await multiPageClaim());
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.launchUrl);
    await completeFirstRun(page, ADMIN, 'vault passphrase for the rows e2e');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('opens the claim with its thumbnails, zooms in, and shows the snippet beside a focused field', async () => {
    await page.locator('#import-files').setInputFiles(path.join(temp.dir, CLAIM));
    await expect.poll(() => page.locator('.queue-item', { hasText: 'To review' }).count(), { timeout: 150_000 }).toBe(1);
    await page.locator('[data-field="claim.insuredId"]').waitFor();
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('button').count()).toBe(2);
    await page.locator('.page-side').screenshot({ path: shot('screenshot-thumbnails.png') });
    await page.keyboard.press('Alt+I');
    const zoom = async (): Promise<number> => Number((await page.locator('.zoom-figure').textContent())?.replace('%', ''));
    const fitted = await zoom();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(zoom).toBeGreaterThan(fitted * 1.5);
    await page.screenshot({ path: shot('screenshot-zoomed-review.png') });
    await page.keyboard.press('F8');
    const snippet = page.getByRole('img', { name: /Where it was read on page 1, magnified/ });
    await snippet.waitFor();
    await page.locator('.field.focused').screenshot({ path: shot('screenshot-field-snippet.png') });
  });

  it('adds a diagnosis, types its code, adds and deletes a service line, and finds both in History', async () => {
    const diagnoses = async (): Promise<number> => page.locator('[data-field^="claim.diagnosis#"]').count();
    const before = await diagnoses();
    const adding = page.getByRole('group', { name: 'Add what the reading missed' });
    await adding.getByRole('button', { name: 'Add a diagnosis' }).click();
    await expect.poll(diagnoses).toBe(before + 1);
    const added = page.locator('[data-field^="claim.diagnosis#"][data-status="missing"]').last();
    await added.locator('input').fill('E11.9');
    await added.locator('input').press('Enter');
    await expect.poll(() => page.locator('[data-field^="claim.diagnosis#"] input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toContain('E11.9');

    const lines = async (): Promise<number> => page.getByRole('button', { name: /^Delete service line \d+$/ }).count();
    const linesBefore = await lines();
    await adding.getByRole('button', { name: 'Add a service line' }).click();
    await expect.poll(lines).toBe(linesBefore + 1);
    await page.getByRole('button', { name: /^Delete service line \d+$/ }).last().click();
    await expect.poll(lines).toBe(linesBefore);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'Document history' });
    await history.locator('li[data-kind="field-add"]').first().waitFor();
    expect(await history.locator('li[data-kind="field-add"]').count()).toBe(2);
    expect(await history.locator('li[data-kind="field-remove"]').count()).toBe(1);
  });
});
