import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPageSource } from '../../../main/imaging/decode';
import { sidewaysPhotoJpeg } from '../../fixtures/scans/bad-inputs';
import { degrade, faxTiff } from '../../fixtures/scans/degrade';
import { bornDigitalPdf, scannedPdf } from '../../fixtures/scans/pdf-builders';
import { renderTextPage, type RenderedPage } from '../../fixtures/scans/render-page';
import { multiPageTiff } from '../../fixtures/scans/tiff-builders';

let pages: RenderedPage[];

beforeAll(async () => {
  pages = await Promise.all([11, 12, 13].map((seed) => renderTextPage(seed, 6)));
});

async function onlyPage(bytes: Buffer) {
  const source = await openPageSource(bytes);
  expect(source.pageCount).toBe(1);
  return { source, page: await source.page(0) };
}

describe('image formats', () => {
  it('reads PNG, JPEG and WebP pages at their stated resolution', async () => {
    const page = pages[0]!;
    const jpeg = (await degrade(page, 'jpeg30', 1)).bytes;
    const webp = await sharp(page.png).webp({ quality: 80 }).withDensity(300).toBuffer();
    for (const [format, bytes] of [['png', page.png], ['jpeg', jpeg], ['webp', webp]] as const) {
      const { source, page: decoded } = await onlyPage(bytes);
      expect(source.format).toBe(format);
      expect([decoded.width, decoded.height]).toEqual([page.width, page.height]);
      const meta = await sharp(decoded.display).metadata();
      expect(meta.format).toBe('png');
      expect(decoded.textLayer).toBeUndefined();
    }
  });

  it('keeps a grey scan one channel and a colour photo colour', async () => {
    const grey = await sharp(pages[0]!.png).greyscale().toColourspace('b-w').withDensity(300).png().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const { page: greyPage } = await onlyPage(grey);
    expect((await sharp(greyPage.display).metadata()).channels).toBe(1);
    const colour = await sharp(pages[0]!.png).tint('#203080').withDensity(300).jpeg().toBuffer();
    const { page: colourPage } = await onlyPage(colour);
    expect((await sharp(colourPage.display).metadata()).channels).toBe(3);
  });

  it('turns a phone photo upright from its EXIF orientation', async () => {
    const page = pages[0]!;
    const { page: decoded } = await onlyPage(await sidewaysPhotoJpeg(page.png));
    expect([decoded.width, decoded.height]).toEqual([page.width, page.height]);
  });

  it('estimates the resolution when a photo claims a screen 72 dpi', async () => {
    const photo = await sharp(pages[0]!.png).resize({ width: 3300 }).withDensity(72).jpeg().toBuffer();
    const { page } = await onlyPage(photo);
    expect(page.dpi).toBe(300);
  });

  it('reads every page of a multi-page TIFF, one at a time', async () => {
    const source = await openPageSource(await multiPageTiff(pages.map((page) => page.png)));
    expect(source.format).toBe('tiff');
    expect(source.pageCount).toBe(3);
    for (let index = 0; index < 3; index++) {
      const page = await source.page(index);
      expect(page.index).toBe(index);
      expect(page.dpi).toBe(300);
    }
  });

  it('restores the proportions of a 204×196 dpi G4 fax', async () => {
    const fax = await faxTiff(pages.map((page) => page.png), pages[0]!.width);
    const source = await openPageSource(fax);
    expect(source.pageCount).toBe(3);
    const page = await source.page(1);
    const original = pages[0]!;
    // The fax stores 204 dots across and 196 down per inch; shown with square pixels at 204 dpi.
    expect(page.dpi).toBe(204);
    expect(page.width).toBe(Math.round((original.width * 204) / 300));
    expect(page.height / page.width).toBeCloseTo(original.height / original.width, 2);
  });
});

describe('PDF', () => {
  it('uses the text layer of a born-digital page, with boxes on the displayed raster', async () => {
    const pdf = await bornDigitalPdf(pages.map((page) => page.text));
    const source = await openPageSource(pdf);
    expect(source.format).toBe('pdf');
    expect(source.pageCount).toBe(3);
    const page = await source.page(0);
    const words = page.textLayer ?? [];
    expect(words.map((word) => word.text).join(' ')).toBe(pages[0]!.text.lines.join(' ').replace(/\s+/g, ' '));
    expect(words.every((word) => word.confidence === 100)).toBe(true);
    // Letter at 200 dpi; first line 72 pt from the top and 54 pt from the left.
    expect([page.width, page.height, page.dpi]).toEqual([1700, 2200, 200]);
    const first = words[0]!.box;
    expect(first.x).toBeCloseTo((54 * 200) / 72, 0);
    expect(first.y + first.height).toBeGreaterThan((72 * 200) / 72);
    expect(first.y).toBeLessThan((72 * 200) / 72);
    expect(new Set(words.map((word) => word.line)).size).toBe(pages[0]!.text.lines.length);
    // The box covers dark pixels in the rendered page: it sits on the text the person sees.
    const ink = await sharp(page.display)
      .extract({ left: Math.round(first.x), top: Math.round(first.y), width: Math.round(first.width), height: Math.round(first.height) })
      .greyscale()
      .stats();
    expect(ink.channels[0]!.min).toBeLessThan(80);
    await source.close();
  });

  it('rasterises a scanned page at 300 dpi and leaves it to OCR', async () => {
    const page = pages[2]!;
    const pdf = await scannedPdf([{ png: page.png, width: page.width, height: page.height, dpi: 300 }]);
    const { source, page: decoded } = await onlyPage(pdf);
    expect(decoded.textLayer).toBeUndefined();
    expect(decoded.dpi).toBe(300);
    expect([decoded.width, decoded.height]).toEqual([page.width, page.height]);
    await source.close();
  });
});
