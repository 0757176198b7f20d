/**
 * npm run bench:ui — the review workstation's speed as a reviewer feels it, in Debian's Chromium
 * through browser mode: focus-to-field-visible (F8 until the field's box is on screen), next
 * document (approve → the next one's page drawn), page switch on a 100-page PDF (PageDown → the
 * new page drawn), and frames per second while zooming and panning a page of 1,000+ word boxes.
 * `--write` records the figures in BENCHMARKS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { ensureBuilt } from '../support/build';
import { startBrowserMode } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { multiPageClaim } from '../support/claim-pages';
import { bornDigitalPdf, longPdf } from '../fixtures/scans/pdf-builders';
import { PRESCRIPTION_WITH_BAD_NPI } from '../support/pages';
import { makeTempDir } from '../support/temp-dir';
import { machineLine, recordBenchmarkSection } from './record';

const NEXT_DOCUMENTS = 12;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}
const ms = (value: number): string => `${Math.round(value)} ms`;

/** A scan of ~1,200 words in small print, so the page carries a thousand word boxes. */
async function densePage(): Promise<Buffer> {
  const vocabulary = 'take one tablet daily with food patient reports mild pain since last visit continue current dose review labs in two weeks'.split(' ');
  const lines = Array.from({ length: 66 }, (_, line) => Array.from({ length: 18 }, (_, word) => vocabulary[(line * 7 + word * 3) % vocabulary.length]).join(' '));
  const body = lines.map((line, index) => `<text x="90" y="${120 + index * 46}">${line}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2550" height="3300"><rect width="100%" height="100%" fill="#fff"/><g font-family="DejaVu Sans" font-size="26" fill="#000">${body}</g></svg>`;
  return sharp(Buffer.from(svg)).greyscale().withDensity(300).png().toBuffer();
}

/**
 * Milliseconds from `trigger` until `done` holds, checked once per frame in the page. The page's
 * code goes as text: tsx would wrap named functions in a helper the page does not have.
 */
async function timeInPage(page: Page, trigger: string, done: string): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const start = performance.now();
    ${trigger};
    const poll = () => {
      if (${done}) resolve(performance.now() - start);
      else if (performance.now() - start > 30000) reject(new Error('timed out'));
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })`) as Promise<number>;
}

const KEY = (key: string, extra = ''): string => `(document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: '${key}', bubbles: true, cancelable: true ${extra} }))`;
const PAGE_SHOWN = (index: number): string =>
  `(() => { const img = document.querySelector('.page-layer img'); return !!img && img.src.includes('/${index}') && img.complete && img.naturalWidth > 0; })()`;

async function openDocument(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: /^All/ }).click();
  await page.locator('.queue-item', { hasText: name }).first().click();
  await page.waitForFunction((title) => document.querySelector('.review-title')?.textContent === title, name);
}

const temp = makeTempDir('folio-bench-ui-');
ensureBuilt();
const files: Array<[string, Buffer]> = [
  ['long.pdf', await longPdf(100)],
  ['dense.png', await densePage()],
  ['claim.tif', await multiPageClaim()],
];
for (let index = 0; index <= NEXT_DOCUMENTS; index++) {
  files.push([`rx-${String(index).padStart(2, '0')}.pdf`, await bornDigitalPdf([{ seed: index, lines: PRESCRIPTION_WITH_BAD_NPI }])]);
}
for (const [name, bytes] of files) fs.writeFileSync(path.join(temp.dir, name), bytes);

const server = await startBrowserMode(path.join(temp.dir, 'data'));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.launchUrl);
  const setup = page.getByRole('form', { name: 'Set up Folio' });
  await setup.getByLabel('Your name').fill('Bench Reviewer');
  await setup.getByLabel('Passphrase (at least 8 characters)').fill('bench passphrase');
  await setup.getByLabel('Passphrase again').fill('bench passphrase');
  const vault = setup.getByLabel(/Vault passphrase/);
  if (await vault.count()) await vault.fill('bench vault passphrase');
  await setup.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByLabel('I have written it down').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#import-files').setInputFiles(files.map(([name]) => path.join(temp.dir, name)));
  await page.getByRole('tab', { name: /^All/ }).click();
  await page.waitForFunction((count) => document.querySelectorAll('.queue-item').length >= count && ![...document.querySelectorAll('.queue-item')].some((item) => /Reading|Queued/.test(item.textContent ?? '')), files.length, { timeout: 600_000 });

  // Page switch on the 100-page PDF.
  await openDocument(page, 'long.pdf');
  await page.locator('.review-title').focus();
  await page.waitForFunction(PAGE_SHOWN(0));
  const pageSwitch: number[] = [];
  for (let index = 1; index < 100; index++) pageSwitch.push(await timeInPage(page, KEY('PageDown'), PAGE_SHOWN(index)));

  // Focus to field visible on the claim: F8 from field to field.
  await openDocument(page, 'claim.tif');
  await page.locator('.review-title').focus();
  const focusVisible: number[] = [];
  for (let step = 0; step < 40; step++) {
    const before = await page.evaluate(() => document.activeElement?.id ?? '');
    const visible = `(() => { const id = document.activeElement?.id ?? ''; if (!id.startsWith('field-') || id === ${JSON.stringify(before)}) return false;
      const rect = document.querySelector('rect[data-field-box="' + CSS.escape(id.slice(6)) + '"]'); if (!rect) return true;
      const box = rect.getBoundingClientRect(); const frame = document.querySelector('.page-viewport').getBoundingClientRect();
      return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom; })()`;
    focusVisible.push(await timeInPage(page, KEY('F8'), visible));
  }

  // Frames per second while zooming and panning the dense page (Text tab: every word box drawn by confidence).
  await openDocument(page, 'dense.png');
  await page.getByRole('tab', { name: 'Text' }).click();
  const boxes = await page.locator('rect[data-word-box]').count();
  // Alternate a zoom in/out at the pointer with a pan, as a reviewer's wheel does.
  const motion = (await page.evaluate(`new Promise((resolve) => {
    const viewport = document.querySelector('.page-viewport');
    const start = performance.now();
    let last = start, frames = 0, worst = 0;
    const frame = (now) => {
      frames += 1;
      worst = Math.max(worst, now - last);
      last = now;
      const t = (now - start) / 1000;
      const zoom = Math.floor(t * 4) % 2 === 0;
      viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: zoom ? (Math.floor(t * 2) % 2 ? 40 : -40) : 30, deltaX: zoom ? 0 : 20, ctrlKey: zoom, clientX: 500, clientY: 400, bubbles: true, cancelable: true }));
      if (now - start < 4000) requestAnimationFrame(frame);
      else resolve({ frames, seconds: (now - start) / 1000, worst });
    };
    requestAnimationFrame(frame);
  })`)) as { frames: number; seconds: number; worst: number };
  const fps = motion.frames / motion.seconds;

  // Next document: approve (the question answered, with a reason for the invalid NPI) → the next prescription's page drawn.
  await openDocument(page, 'rx-00.pdf');
  const nextDocument: number[] = [];
  for (let step = 0; step < NEXT_DOCUMENTS; step++) {
    const title = await page.locator('.review-title').textContent();
    await page.locator('.review-title').focus();
    const changed = `(() => { const title = document.querySelector('.review-title')?.textContent; const img = document.querySelector('.page-layer img');
      return !!title && title !== ${JSON.stringify(title)} && !!img && img.complete && img.naturalWidth > 0; })()`;
    const flagged = Number(/\((\d+)\)/.exec((await page.getByRole('button', { name: /^Next to check/ }).textContent()) ?? '')?.[1] ?? 0);
    if (flagged === 0) {
      nextDocument.push(await timeInPage(page, KEY('Enter', ', ctrlKey: true'), changed));
      continue;
    }
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: 'Approve anyway' }).waitFor();
    // The NPI's check digit fails: approving it as it is takes a reason.
    const reason = page.locator('.override-reason input');
    if (await reason.count()) await reason.fill('approved for the benchmark');
    nextDocument.push(await timeInPage(page, `document.querySelector('.approve-question button')?.click()`, changed));
  }

  const report = [
    '## Review workstation (`npm run bench:ui`)',
    '',
    machineLine(),
    'Browser mode in Debian Chromium (headless, software rendering), 1366×768; each figure is measured in the page from the key (or click) to the frame where the result is drawn, checked once per frame.',
    '',
    '| measure | samples | p95 | target |',
    '|---|---|---|---|',
    `| focus to field visible (F8 on a two-page claim, box scrolled/zoomed on screen) | ${focusVisible.length} | ${ms(p95(focusVisible))} | — |`,
    `| next document (approve → next document's page drawn) | ${nextDocument.length} | ${ms(p95(nextDocument))} | — |`,
    `| page switch on a 100-page PDF (PageDown → new page drawn) | ${pageSwitch.length} | ${ms(p95(pageSwitch))} | — |`,
    '',
    `Zooming (Ctrl+wheel) and panning (wheel) a page with ${boxes} word boxes for ${motion.seconds.toFixed(1)} s: **${fps.toFixed(1)} fps** (target ≥ 50), longest frame ${ms(motion.worst)}. The image and every box move as one CSS-transformed layer; React does not re-render on a pan.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  if (process.argv.includes('--write')) await recordBenchmarkSection('bench-ui', report);
} finally {
  await browser.close();
  await server.stop();
  temp.remove();
}
