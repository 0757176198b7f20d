import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoneType } from '../../app/templates/template';
import { intakeForm, intakeValue, INTAKE_PAGE, renderIntakeForm } from '../fixtures/documents/intake-form';
import { PROJECT_ROOT, ensureBuilt } from '../support/build';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';

/**
 * An admin teaches Folio the clinic's own intake form in the designer, in Debian's Chromium
 * over browser mode: a blank copy as the sample, the printed text proposed, three zones dragged
 * out, named and typed, saved, tried on a filled copy, shared as JSON and brought back, and the
 * filled copy read with it after "Read page again". Every wait is for something on the screen.
 */

/** A picture of the designer with its zones drawn, kept beside the review view's in .cache/. */
const SCREENSHOT = path.join(PROJECT_ROOT, '.cache', 'screenshot-designer.png');
const ADMIN = { name: 'Dana Admin', passphrase: 'clinic forms all day' };
const VAULT_PASSPHRASE = 'vault passphrase for the designer e2e';
const ZONES: ReadonlyArray<{ field: string; type: ZoneType; required: boolean }> = [
  { field: 'patient.name', type: 'name', required: true },
  { field: 'patient.dob', type: 'date', required: false },
  { field: 'insurance.memberNumber', type: 'code', required: false },
];

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

/** Drags a rectangle over `box` (page pixels) on the drawing layer, checking it shows while dragging. */
async function drawZone(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  const layer = await page.getByTestId('zone-canvas').boundingBox();
  if (!layer) throw new Error('the drawing layer is not on screen');
  const scale = layer.width / INTAKE_PAGE.width;
  const at = (x: number, y: number): [number, number] => [layer.x + x * scale, layer.y + y * scale];
  await page.mouse.move(...at(box.x, box.y));
  await page.mouse.down();
  await page.mouse.move(...at(box.x + box.width / 2, box.y + box.height / 2), { steps: 4 });
  await page.getByTestId('zone-drawing').waitFor();
  await page.mouse.move(...at(box.x + box.width, box.y + box.height), { steps: 4 });
  await page.mouse.up();
  expect(await page.getByTestId('zone-drawing').count()).toBe(0);
}

describe('an admin designs a template for the clinic’s intake form (browser mode in Debian Chromium)', () => {
  const temp = makeTempDir('folio-e2e-designer-');
  let server: BrowserModeProcess;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const files = { blank: '', filled: '' };

  beforeAll(async () => {
    ensureBuilt();
    const [blank, filled] = await Promise.all([renderIntakeForm(false), renderIntakeForm(true)]);
    files.blank = path.join(temp.dir, 'intake blank.png');
    files.filled = path.join(temp.dir, 'intake filled.png');
    fs.writeFileSync(files.blank, blank.png);
    fs.writeFileSync(files.filled, filled.png);
    server = await startBrowserMode(path.join(temp.dir, 'data'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('imports a blank and a filled copy of the form, and opens the designer from Settings', async () => {
    await setUp(page, server.launchUrl);
    await page.locator('#import-files').setInputFiles([files.blank, files.filled]);
    await expect.poll(() => page.locator('.queue-item', { hasText: 'To review' }).count(), { timeout: 120_000 }).toBe(2);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Open the form designer' }).click();
    await page.getByRole('region', { name: 'Form designer' }).waitFor();
    await page.locator('[data-template-id="cms1500-0212"]').waitFor();
  });

  it('proposes the form’s printed text from the blank sample page', async () => {
    await page.getByLabel('Sample page from').selectOption({ label: 'intake blank.png' });
    await page.locator('.designer img').waitFor();
    await page.getByLabel('Template name').fill('Sunrise intake');
    await expect.poll(() => page.getByTestId('template-id').textContent()).toBe('site.sunrise-intake');
    await page.getByRole('button', { name: 'Propose from the page' }).click();
    await page.getByRole('status').filter({ hasText: /Folio found \d+ runs of printed text/ }).waitFor();
    expect(await page.locator('rect.printed-box.anchor').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('rect.printed-box[data-printed="Patient name:"]').count()).toBe(1);
    // Each run can stop being an anchor, by keyboard as by mouse.
    const heading = page.getByRole('checkbox', { name: /Anchor: .?New Patient Intake Form/ });
    await heading.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => heading.isChecked()).toBe(false);
    expect(await page.locator('rect.printed-box[data-printed="New Patient Intake Form"]').getAttribute('class')).toBe('printed-box');
  });

  it('draws three zones by dragging, names them from Folio’s list or freely, and types them', async () => {
    const { boxes } = intakeForm(true);
    for (const zone of ZONES) {
      await drawZone(page, boxes[zone.field]!);
      // A new zone opens with its name field focused: the person types the name straight away.
      const name = page.getByLabel('Field name');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('list'))).toBe('known-field-names');
      await name.fill(zone.field);
      await page.getByLabel('Type', { exact: true }).selectOption(zone.type);
      if (zone.required) await page.getByRole('checkbox', { name: /Required/ }).check();
      await page.locator(`[data-zone="${zone.field}"]`).waitFor();
    }
    expect(await page.locator('[data-zone-item]').count()).toBe(3);
    await page.screenshot({ path: SCREENSHOT });
    // Folio's own names for the kind are offered; a free name ("insurance.memberNumber") is as good.
    expect(await page.locator('#known-field-names option[value="patient.dob"]').count()).toBe(1);

    // Keyboard only: a zone added by its position, named, then deleted again.
    await page.getByRole('button', { name: 'Add a zone by its position' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('zone-3-field');
    await page.keyboard.type('scratch');
    await page.getByRole('button', { name: 'Delete zone 4' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-zone-item]').count()).toBe(3);
  });

  it('labels every control of the designer, and the strict CSP has blocked nothing', async () => {
    const unlabelled = await page.locator('.designer input, .designer select, .designer textarea').evaluateAll((controls) =>
      controls
        .filter((control) => ((control as HTMLInputElement).labels?.length ?? 0) === 0 && !control.getAttribute('aria-label'))
        .map((control) => control.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('saves the template, says documents already read keep their fields, and lists it', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Sunrise intake”' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Saved' }).textContent()).toContain('Read page again');
    await page.locator('[data-template-id="site.sunrise-intake"]').waitFor();
  });

  it('tests it on the filled copy: the page matches and each zone gives its value', async () => {
    await page.getByLabel('Document to test on').selectOption({ label: 'intake filled.png' });
    await page.getByRole('button', { name: 'Test on a document' }).click();
    const result = page.getByTestId('trial-result');
    await result.waitFor();
    expect(await result.locator('li[data-registered="true"]').count()).toBe(1);
    for (const zone of ZONES) {
      await expect.poll(() => result.locator(`[data-trial-field="${zone.field}"] .trial-value`).textContent()).toBe(intakeValue(zone.field));
    }
  });

  it('exports it as JSON and imports it back, replacing the copy only when asked', async () => {
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const exported = page.getByLabel('Exported template JSON');
    await exported.waitFor();
    const json = await exported.inputValue();
    expect(JSON.parse(json)).toMatchObject({ format: 'folio-form-template', template: { id: 'site.sunrise-intake', zones: [{}, {}, {}] } });
    await page.getByLabel(/Template JSON to import/).fill('{"hello": "world"}');
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await page.getByRole('alert').filter({ hasText: 'This JSON is not a Folio form template' }).waitFor();
    await page.getByLabel(/Template JSON to import/).fill(json);
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await page.getByRole('alert').filter({ hasText: 'already has a form template with the same id' }).waitFor();
    await page.getByRole('button', { name: 'Replace the existing template' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported “Sunrise intake” (3 zones)' }).waitFor();
  });

  it('reads the filled copy box by box once its page is read again', async () => {
    await page.getByRole('button', { name: 'Back to documents' }).click();
    await page.locator('.queue-item', { hasText: 'intake filled.png' }).click();
    await expect.poll(() => page.locator('.review-title').textContent()).toBe('intake filled.png');
    await page.getByRole('button', { name: 'Read page again' }).click();
    await page.getByTestId('form-match').filter({ hasText: 'Sunrise intake' }).waitFor({ timeout: 120_000 });
    for (const zone of ZONES) {
      const input = page.locator(`#field-${zone.field.replace('.', '\\.')}`);
      await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe(intakeValue(zone.field));
    }
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Document history' }).locator('li[data-kind="re-ocr"]').waitFor();
  });
});
