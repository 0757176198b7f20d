import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, ensureBuilt } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { renderTextPage, type RenderedPage } from '../support/pages';
import { makeTempDir } from '../support/temp-dir';

const SCREENSHOT = path.join(PROJECT_ROOT, 'docs', 'screenshot-review.png');

describe('a reviewer imports a scan, corrects a word and approves it (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;
  let rendered: RenderedPage;
  let scanFile: string;

  beforeAll(async () => {
    ensureBuilt();
    rendered = await renderTextPage(11, 10);
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

  it('opens from the one-time link with a strict CSP and an empty queue', async () => {
    const response = await page.goto(server.launchUrl);
    expect(response?.ok()).toBe(true);
    expect(page.url()).not.toContain('token=');
    const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    await expect(page.getByText('No documents yet.').isVisible()).resolves.toBe(true);
  });

  it('imports the page and shows word boxes over the image, coloured by confidence', async () => {
    await page.locator('#import-files').setInputFiles(scanFile);
    await page.getByText('prescription scan.png: imported.').waitFor();
    await page.getByText('To review').first().waitFor({ timeout: 60_000 });
    const boxes = page.locator('rect[data-word-box]');
    await boxes.first().waitFor();
    expect(await boxes.count()).toBeGreaterThan(20);
    const image = page.locator('.page-image img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(rendered.width);
    const texts = await page.locator('input[data-word-id]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(texts).toContain(rendered.text.lines[0]?.split(/\s+/)[0]);
  });

  it('saves an edited word as the reviewer types, approves, and finds both after a reload', async () => {
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
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Approved');
    await page.screenshot({ path: SCREENSHOT });

    await page.reload();
    await page.locator('.queue-item').first().click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Approved');
    await expect.poll(() => page.locator(`input[data-word-id="${wordId}"]`).inputValue()).toBe('Patient-corrected');
    expect(await page.locator(`input[data-word-id="${wordId}"]`).getAttribute('readonly')).not.toBeNull();
  });

  it('still has the edit and the approval after the workstation restarts', async () => {
    await server.stop();
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    await page.goto(server.launchUrl);
    await page.locator('.queue-item').first().click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Approved');
    const values = await page.locator('input[data-word-id]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(values).toContain('Patient-corrected');
  });
});
