import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../support/pages';
import { makeTempDir } from '../support/temp-dir';
import { completeFirstRun } from '../support/first-run';

const ADMIN = { name: 'Quinn Queue', passphrase: 'a long day of refills' };
/** The same prescription with a good NPI: nothing on it needs a look. */
const CLEAN = PRESCRIPTION_WITH_BAD_NPI.map((line) => line.replace('1234567890', '1234567893'));
const FILES = ['clean one.png', 'clean two.png', 'bad npi.png'];

const focusedName = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.querySelector('.queue-name')?.textContent ?? document.activeElement?.tagName ?? '');

describe('the queue worked from the keyboard, and clean documents approved together (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-queue-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureBuilt();
    const clean = (await renderLinesPage(CLEAN)).png;
    fs.writeFileSync(path.join(temp.dir, FILES[0] as string), clean);
    fs.writeFileSync(path.join(temp.dir, FILES[1] as string), clean);
    fs.writeFileSync(path.join(temp.dir, FILES[2] as string), (await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI)).png);
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.launchUrl);
    await completeFirstRun(page, ADMIN, 'vault passphrase for the queue e2e');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('moves along the queue with Up, Down, Home and End, and ticks a document with x', async () => {
    await page.locator('#import-files').setInputFiles(FILES.map((name) => path.join(temp.dir, name)));
    await expect.poll(() => page.locator('.queue-item', { hasText: 'To review' }).count(), { timeout: 150_000 }).toBe(3);
    const names = await page.locator('.queue-item .queue-name').allTextContents();
    await page.locator('.queue-item').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe(names[1]);
    await page.keyboard.press('End');
    expect(await focusedName(page)).toBe(names[2]);
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toBe(names[0]);
    await page.keyboard.press('x');
    expect(await page.getByRole('checkbox', { name: `Select ${names[0]}` }).isChecked()).toBe(true);
    await page.keyboard.press('x');
    expect(await page.getByRole('checkbox', { name: `Select ${names[0]}` }).isChecked()).toBe(false);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.review-title').textContent()).toBe(names[1]);
  });

  it('selects the documents with nothing to check and approves them together, each in its History', async () => {
    const group = page.getByRole('group', { name: 'Approve several' });
    await group.getByRole('button', { name: 'Select all with nothing to check (2)' }).click();
    expect(await page.getByRole('checkbox', { name: 'Select bad npi.png' }).isChecked()).toBe(false);
    // The flagged one, ticked by hand, is left for review with the reason.
    await page.getByRole('checkbox', { name: 'Select bad npi.png' }).check();
    await group.getByRole('button', { name: 'Approve selected (3)' }).click();
    await expect.poll(() => page.locator('.notices').textContent()).toMatch(/Approved 2 documents\. 1 left for review: 1 field\(s\) still need a look/);
    await expect.poll(() => page.getByRole('tab', { name: /^Approved/ }).textContent()).toBe('Approved (2)');
    expect(await page.locator('.queue-item .queue-name').allTextContents()).toEqual(['bad npi.png']);
    await page.getByRole('tab', { name: /^Approved/ }).click();
    await page.locator('.queue-item', { hasText: 'clean one.png' }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Document history' }).locator('li[data-kind="approve"]').waitFor();
  });
});
