import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolioError } from '../../../app/contract/errors';
import { openPageSource } from '../../../main/imaging/decode';
import { HOSTILE_FILE_NAMES, standaloneBadInputs, truncated } from '../../fixtures/scans/bad-inputs';
import { degrade } from '../../fixtures/scans/degrade';
import { bornDigitalPdf, damageXref, longPdf } from '../../fixtures/scans/pdf-builders';
import { renderTextPage, type RenderedPage } from '../../fixtures/scans/render-page';
import { corruptTiffPage, multiPageTiff } from '../../fixtures/scans/tiff-builders';

/** What a person would be told about a file: its pages, or one typed reason. */
async function outcome(bytes: Buffer): Promise<{ pages: Array<string | number>; error?: string }> {
  try {
    const source = await openPageSource(bytes);
    const pages: Array<string | number> = [];
    for (let index = 0; index < Math.min(source.pageCount, 5); index++) {
      try {
        pages.push((await source.page(index)).width);
      } catch (error) {
        pages.push(error instanceof FolioError ? error.code : 'untyped');
      }
    }
    await source.close();
    return { pages };
  } catch (error) {
    return { pages: [], error: error instanceof FolioError ? `${error.code}: ${error.message}` : 'untyped' };
  }
}

let page: RenderedPage;
let badInputs: Awaited<ReturnType<typeof standaloneBadInputs>>;
let corpusDir: string;

beforeAll(async () => {
  page = await renderTextPage(21, 6);
  badInputs = await standaloneBadInputs();
  corpusDir = await mkdtemp(path.join(tmpdir(), 'folio-bad-inputs-'));
});

afterAll(async () => {
  await rm(corpusDir, { recursive: true, force: true });
});

describe('files Folio cannot read get one typed reason that says what to do', () => {
  it.each([
    ['zero-byte file', /^empty_file: .*empty/],
    ['text file named .pdf', /^unsupported_format: .*contains text/],
    ['HEIC photo', /^unsupported_format: .*HEIC.*JPEG or PNG/],
    ['password-protected PDF', /^unsupported_format: .*password-protected.*without protection/],
    ['PDF that is noise after its header', /^corrupt_file: .*damaged/],
    ['decompression bomb PNG', /^too_large: .*80 megapixels/],
  ])('%s', async (name, expected) => {
    const input = badInputs.find((candidate) => candidate.case === name)!;
    const result = await outcome(input.bytes);
    expect(result.error).toMatch(expected);
    // The message never echoes what the file contained.
    expect(result.error).not.toMatch(/Patient list/);
  });

  it.each(['png', 'jpeg30', 'tiff'] as const)('a truncated %s fails as damaged', async (kind) => {
    const bytes = kind === 'tiff' ? await multiPageTiff([page.png, page.png, page.png]) : kind === 'png' ? page.png : (await degrade(page, 'jpeg30', 1)).bytes;
    const result = await outcome(truncated(bytes));
    const codes = result.error ? [result.error.split(':')[0]] : result.pages;
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code === 'corrupt_file')).toBe(true);
  });
});

describe('damage confined to part of a file stays confined', () => {
  it('a TIFF whose page 3 is corrupt still gives pages 1, 2 and 4', async () => {
    const tiff = await multiPageTiff([page.png, page.png, page.png, page.png]);
    const result = await outcome(corruptTiffPage(tiff, 2));
    expect(result.error).toBeUndefined();
    expect(result.pages).toEqual([page.width, page.width, 'corrupt_file', page.width]);
  });

  it('says which page is damaged', async () => {
    const source = await openPageSource(corruptTiffPage(await multiPageTiff([page.png, page.png, page.png]), 2));
    await expect(source.page(2)).rejects.toThrow(/Page 3 .*damaged.*other pages/);
  });

  it('a PDF with a damaged cross-reference table is rebuilt from its objects', async () => {
    const result = await outcome(damageXref(await bornDigitalPdf([page.text, page.text])));
    expect(result.error).toBeUndefined();
    expect(result.pages).toEqual([1700, 1700]);
  });
});

describe('long documents', () => {
  it('opens a 1,000-page PDF without rendering its pages, and renders any one on demand', async () => {
    const pdf = await longPdf(1000);
    const before = process.memoryUsage().rss;
    const source = await openPageSource(pdf);
    expect(source.pageCount).toBe(1000);
    const last = await source.page(999);
    expect(last.textLayer?.map((word) => word.text).join(' ')).toBe('Page 1000 of the referral packet');
    // Opening parses the page tree only: far less than even a few rendered pages.
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    await source.close();
    await expect(source.page(0)).rejects.toThrow();
  });
});

describe('file names never matter', () => {
  it('decodes files saved under hostile names, from their bytes alone', async () => {
    for (const [index, name] of HOSTILE_FILE_NAMES.entries()) {
      // Names longer than the file system allows are shortened, as a download would.
      const safe = Buffer.from(name.replaceAll('/', '_')).subarray(0, 200).toString('utf8').replace(/\uFFFD+$/, '');
      await writeFile(path.join(corpusDir, `${index}-${safe}`), index % 2 === 0 ? page.png : await bornDigitalPdf([page.text]));
    }
    const names = await readdir(corpusDir);
    expect(names).toHaveLength(HOSTILE_FILE_NAMES.length);
    for (const name of names) {
      const result = await outcome(await readFile(path.join(corpusDir, name)));
      expect(result.error).toBeUndefined();
      expect(result.pages).toHaveLength(1);
    }
  });
});
