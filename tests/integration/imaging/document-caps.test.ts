import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolioError } from '../../../app/contract/errors';
import { openPageSource } from '../../../main/imaging/decode';
import type { Workstation } from '../../../main/services/workstation';
import { longPdf } from '../../fixtures/scans/pdf-builders';
import { blankFaxPage, tiffRepeatingFirstPage } from '../../fixtures/scans/tiff-builders';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

/** What a person is told about a file, and how long Folio took to decide. */
async function verdict(bytes: Buffer): Promise<{ pageCount?: number; error?: string; ms: number }> {
  const started = performance.now();
  try {
    const source = await openPageSource(bytes);
    await source.close();
    return { pageCount: source.pageCount, ms: performance.now() - started };
  } catch (error) {
    return { error: error instanceof FolioError ? `${error.code}: ${error.message}` : 'untyped', ms: performance.now() - started };
  }
}

/** Letter at 300 dpi: 8.4 megapixels a page. */
const LETTER_300: [number, number] = [2550, 3300];

let letterPage: Buffer;

beforeAll(async () => {
  letterPage = await blankFaxPage(...LETTER_300);
});

describe('a file cannot ask for more work than a document is worth', () => {
  it('refuses a 2 MB TIFF of 12,000 pages at once, before decoding any of them', async () => {
    const hostile = tiffRepeatingFirstPage(letterPage, 12_000);
    expect(hostile.length).toBeLessThan(3 * 1024 * 1024);
    const result = await verdict(hostile);
    expect(result.error).toBe('too_large: The file has more than 2,000 pages. Split it into smaller files and import those.');
    // Refused from its directories alone, not after hours of decoding.
    expect(result.ms).toBeLessThan(5_000);
  });

  it('refuses a TIFF under the page cap whose pages add up to too many pixels', async () => {
    // 1,500 letter pages at 300 dpi: 12.6 gigapixels.
    const result = await verdict(tiffRepeatingFirstPage(letterPage, 1_500));
    expect(result.error).toMatch(/^too_large: The pages of this file add up to more than 10,000 megapixels.*Split it into smaller files/);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('still opens a long fax of ordinary pages', async () => {
    const fax = tiffRepeatingFirstPage(await blankFaxPage(1728, 2200), 400);
    const source = await openPageSource(fax);
    expect(source.pageCount).toBe(400);
    expect((await source.page(399)).width).toBe(1728);
  });

  it('holds PDFs to the same page cap', async () => {
    const result = await verdict(await longPdf(2_001));
    expect(result.error).toBe('too_large: The file has more than 2,000 pages. Split it into smaller files and import those.');
  });

  it('refuses a PDF of poster-sized pages by their pixels, without drawing one', async () => {
    // 300 pages of 200 × 200 inches: each would be drawn at the 40 MP raster limit, 12 gigapixels in all.
    const document = await PDFDocument.create();
    for (let index = 0; index < 300; index++) document.addPage([14_400, 14_400]);
    const result = await verdict(Buffer.from(await document.save()));
    expect(result.error).toMatch(/^too_large: The pages of this file add up to more than 10,000 megapixels/);
    expect(result.ms).toBeLessThan(10_000);
  });
});

describe('importing such a file', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('gives that file a typed too_large outcome that names nothing, queues nothing, and imports the rest', async () => {
    const name = 'Patient Jane Example fax.tif';
    const result = await workstation.dispatch(
      'documents.import',
      {
        files: [
          { name, dataBase64: toBase64(tiffRepeatingFirstPage(letterPage, 12_000)) },
          { name: 'one page.tif', dataBase64: toBase64(letterPage) },
        ],
      },
      { host: 'cli' },
    );
    expect(result.ok).toBe(true);
    const outcomes = result.ok ? (result.value as { outcomes: Array<{ ok: boolean; error?: { code: string; message: string } }> }).outcomes : [];
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(outcomes[0]?.error?.message).not.toMatch(/Jane|Example|fax\.tif/);
    expect(outcomes[1]?.ok).toBe(true);
    await workstation.idle();
    const list = await workstation.dispatch('documents.list', { filter: 'all' }, { host: 'cli' });
    expect(list.ok && (list.value as { documents: unknown[] }).documents).toHaveLength(1);
  });
});
