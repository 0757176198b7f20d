import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { ensureBuilt } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../support/pages';
import { makeTempDir } from '../support/temp-dir';

/** Whether a box lies wholly within the window (a pixel of rounding allowed). */
function inside(box: { x: number; y: number; width: number; height: number } | null, viewport: { width: number; height: number }): boolean {
  return box !== null && box.width > 0 && box.height > 0 && box.x >= -1 && box.y >= -1 && box.x + box.width <= viewport.width + 1 && box.y + box.height <= viewport.height + 1;
}

const ADMIN = { name: 'Ada Access', passphrase: 'every screen for everyone' };
const PRESCRIPTION = 'prescription.png';

describe('every screen passes axe-core with no violations (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-axe-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;

  const expectClean = async (screen: string): Promise<void> => {
    expect.soft({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  };

  beforeAll(async () => {
    ensureBuilt();
    fs.writeFileSync(path.join(temp.dir, PRESCRIPTION), (await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI)).png);
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.launchUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('setup', async () => {
    const setup = page.getByRole('form', { name: 'Set up Folio' });
    await setup.waitFor();
    await expectClean('setup');
    await setup.getByLabel('Your name').fill(ADMIN.name);
    await setup.getByLabel('Passphrase (at least 8 characters)').fill(ADMIN.passphrase);
    await setup.getByLabel('Passphrase again').fill(ADMIN.passphrase);
    const vault = setup.getByLabel(/Vault passphrase/);
    if (await vault.count()) await vault.fill('vault passphrase for the axe e2e');
    await setup.getByRole('button', { name: 'Create the vault' }).click();
    await page.getByLabel('I have written it down').waitFor();
    await expectClean('recovery code');
    await page.getByLabel('I have written it down').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  });

  it('queue and review: fields, text and history', async () => {
    await page.locator('#import-files').setInputFiles(path.join(temp.dir, PRESCRIPTION));
    await expect.poll(() => page.locator('.queue-item', { hasText: 'To review' }).count(), { timeout: 120_000 }).toBe(1);
    await page.locator('[data-field="prescriber.npi"]').waitFor();
    await expectClean('queue and review');
    await page.getByRole('tab', { name: 'Text' }).click();
    await page.locator('input[data-word-id]').first().waitFor();
    await expectClean('text');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Document history' }).waitFor();
    await expectClean('history');
    await page.getByRole('tab', { name: /^Fields/ }).click();
  });

  it('keeps the page and Approve in view on a 1366×768 screen and at 200% zoom', async () => {
    // 200% zoom on a 1366×768 screen leaves 683×384 CSS pixels, each drawn twice as large.
    for (const [width, height, scale] of [[1366, 768, 1], [683, 384, 2]] as const) {
      await page.setViewportSize({ width, height });
      if (process.env.FOLIO_LAYOUT_SHOTS) await page.screenshot({ path: `${process.env.FOLIO_LAYOUT_SHOTS}/layout-${width}.png` });
      const viewport = { width, height };
      const approve = await page.locator('.review-toolbar').getByRole('button', { name: 'Approve', exact: true }).boundingBox();
      const pane = await page.locator('.page-viewport').boundingBox();
      expect.soft({ scale, approve: inside(approve, viewport), pane: inside(pane, viewport) }).toEqual({ scale, approve: true, pane: true });
      expect.soft({ scale, paneWidth: (pane?.width ?? 0) > 300 / scale }).toEqual({ scale, paneWidth: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('follows a dark OS theme, still clean, and keeps status by mark and word in forced colours', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [red = 255, green = 255, blue = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red + green + blue).toBeLessThan(150);
    await expectClean('review, dark');
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
    const npi = page.locator('[data-field="prescriber.npi"]');
    expect(await npi.locator('.field-status').innerText()).toMatch(/✗\s*Invalid/);
    // The invalid value's box on the page is still drawn: a line, not only a fill colours drop.
    const outline = await page.locator('.field-box.level-invalid').first().evaluate((box) => {
      const style = getComputedStyle(box);
      return { stroke: style.stroke, width: parseFloat(style.strokeWidth) };
    });
    expect(outline.stroke).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(3);
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  });

  it('approves', async () => {
    // Approved, with its badge in the toolbar and the queue.
    const npi = page.locator('[data-field="prescriber.npi"] input');
    await npi.fill('1234567893');
    await npi.press('Enter');
    await expect.poll(() => page.locator('[data-field="prescriber.npi"]').getAttribute('data-status')).toBe('confirmed');
    await page.locator('.review-title').focus();
    await page.keyboard.press('Control+Enter');
    const question = page.getByRole('alertdialog', { name: 'Confirm approval' });
    await expect.poll(async () => (await question.count()) > 0 || (await page.getByTestId('document-status').textContent()) === 'Approved').toBe(true);
    if (await question.count()) {
      await expectClean('approval question');
      await question.getByRole('button', { name: 'Approve anyway' }).click();
    }
    await page.getByRole('tab', { name: /^Approved \(/ }).click();
    await page.locator('.queue-item', { hasText: 'Approved' }).first().waitFor();
    await expectClean('approved');
  });

  it('settings and the form designer', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Open the form designer' }).waitFor();
    await expectClean('settings');
    await page.getByRole('button', { name: 'Open the form designer' }).click();
    await page.getByRole('region', { name: 'Form designer' }).waitFor();
    await expectClean('designer');
  });

  it('lock', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('form', { name: 'Unlock Folio' }).waitFor();
    await expectClean('lock');
  });
});
