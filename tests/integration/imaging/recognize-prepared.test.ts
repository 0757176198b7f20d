import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPageSource } from '../../../main/imaging/decode';
import { preparePageForOcr } from '../../../main/imaging/prepare';
import type { OcrWord } from '../../../main/ocr/engine';
import { recognizeDisplayedPage } from '../../../main/ocr/recognize-page';
import { TesseractCliEngine } from '../../../main/ocr/tesseract-cli';
import { degrade, type DamageStrength, type Degradation } from '../../fixtures/scans/degrade';
import { characterErrorRate } from '../../fixtures/scans/known-text';
import { renderTextPage, type RenderedPage } from '../../fixtures/scans/render-page';

const engine = new TesseractCliEngine();
let page: RenderedPage;

beforeAll(async () => {
  page = await renderTextPage(31, 5);
});

function text(words: OcrWord[]): string {
  const lines = new Map<number, string[]>();
  for (const word of words) lines.set(word.line, [...(lines.get(word.line) ?? []), word.text]);
  return [...lines.values()].map((line) => line.join(' ')).join('\n');
}

/** Share of a box's pixels, on the displayed page, that are ink. */
async function inkShare(display: Buffer, box: OcrWord['box']): Promise<number> {
  const region = await sharp(display)
    .extract({ left: Math.round(box.x), top: Math.round(box.y), width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) })
    .greyscale()
    .threshold(128)
    .raw()
    .toBuffer();
  return region.filter((value) => value === 0).length / region.length;
}

async function readScan(degradation: Degradation, seed: number, strength: DamageStrength = 'mild', onPage = page) {
  const scan = await degrade(onPage, degradation, seed, strength);
  const source = await openPageSource(scan.bytes);
  const displayed = await source.page(0);
  const result = await recognizeDisplayedPage(engine, { image: displayed.display, dpi: displayed.dpi });
  return { displayed, result, cer: characterErrorRate(onPage.text.lines.join('\n'), text(result.words)) };
}

describe('recognising a displayed page through preparation', () => {
  it.each<Degradation>(['rotate180', 'skew', 'rotate90', 'fax'])('reads a %s page and puts every box on its ink in the displayed image', async (degradation) => {
    const { displayed, result, cer } = await readScan(degradation, 3);
    expect(cer).toBeLessThan(0.03);
    for (const word of result.words.filter((candidate) => candidate.text.length >= 3)) {
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(displayed.width);
      expect(word.box.y + word.box.height).toBeLessThanOrEqual(displayed.height);
      expect(await inkShare(displayed.display, word.box)).toBeGreaterThan(0.05);
    }
  });

  // Field-strength damage, on pages where raw Tesseract loses a quarter to all of the text.
  it.each<[Degradation, number, number, number]>([
    ['jpeg30', 31, 3, 0.02],
    ['noise', 31, 2, 0.02],
    ['dpi150', 31, 5, 0.1],
    ['fax', 34, 2, 0.08],
    ['rotate90', 31, 2, 0.02],
  ])('reads a field-damaged %s scan of page %i (damage seed %i) with CER under %s', async (degradation, pageSeed, seed, maxCer) => {
    const { cer } = await readScan(degradation, seed, 'field', await renderTextPage(pageSeed, 5));
    expect(cer).toBeLessThan(maxCer);
  });

  it('changes nothing on a clean upright page but its contrast, whether stored grey or as colour', async () => {
    const prepared = await preparePageForOcr(page.png, 300);
    expect(prepared.steps).toMatchObject({ quarterTurn: 0, skewDegrees: 0, scale: 1, denoise: 'none', lightEvened: false, sharpened: false, specksRemoved: 0 });
    expect(prepared.transform.degrees).toBe(0);
    const decoded = await sharp(page.png).greyscale().raw().toBuffer();
    const handedOver = async (image: Buffer): Promise<Buffer> => {
      expect((await sharp(image).metadata()).channels).toBe(1);
      return sharp(image).greyscale().raw().toBuffer();
    };
    const handed = await handedOver(prepared.image);
    // Each grey level of the page became one level, in the same order: a stretch, nothing moved.
    const levelOf = new Map<number, number>();
    for (let i = 0; i < decoded.length; i++) {
      expect(levelOf.get(decoded[i]!) ?? handed[i]).toBe(handed[i]);
      levelOf.set(decoded[i]!, handed[i]!);
    }
    const levels = [...levelOf.entries()].sort(([a], [b]) => a - b).map(([, level]) => level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(levelOf.get(255)).toBe(255);
    const asGrey = await sharp(page.png).greyscale().toColourspace('b-w').png().toBuffer();
    expect((await handedOver((await preparePageForOcr(asGrey, 300)).image)).equals(handed)).toBe(true);
  });

  it('hands a clean grey page that already spans black to white to the engine in its own bytes', async () => {
    // A full page (over 1% ink) whose ink is already black: nothing to stretch, nothing to do.
    const full = await renderTextPage(35, 12);
    const blackInk = await sharp(full.png).greyscale().linear(255 / 238, (-17 * 255) / 238).toColourspace('b-w').png().toBuffer();
    const prepared = await preparePageForOcr(blackInk, 300);
    expect(prepared.steps.contrastStretched).toBe(false);
    expect(prepared.image).toBe(blackInk);
  });

  it('reads dark red ink on tinted paper from its brightness', async () => {
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="300"><rect width="100%" height="100%" fill="#f3ecd0"/>` +
        `<text x="60" y="120" font-family="DejaVu Sans" font-size="42" fill="#8b1010">Prior authorization requested 04/12/2025</text></svg>`,
    );
    const colour = await sharp(svg).flatten().withDensity(300).png().toBuffer();
    const result = await recognizeDisplayedPage(engine, { image: colour, dpi: 300 });
    expect(characterErrorRate('Prior authorization requested 04/12/2025', text(result.words))).toBeLessThan(0.05);
  });

  it('measures skew, noise, light, one-bit origin and resolution on damaged pages', async () => {
    const skew = await degrade(page, 'skew', 3);
    const applied = Number(/-?[\d.]+/.exec(skew.detail)![0]);
    expect((await preparePageForOcr(skew.bytes, 300)).steps.skewDegrees).toBeCloseTo(-applied, 0);
    expect((await preparePageForOcr((await degrade(page, 'noise', 3)).bytes, 300)).steps.denoise).toBe('smoothed');
    expect((await preparePageForOcr((await degrade(page, 'jpeg30', 3, 'field')).bytes, 300)).steps.lightEvened).toBe(true);
    const low = await preparePageForOcr((await degrade(page, 'dpi150', 3)).bytes, 150);
    expect(low.steps).toMatchObject({ scale: 2, sharpened: false, bilevel: false });
    expect(low.dpi).toBe(300);
    // Small print through soft optics never reaches dark ink: that one is sharpened.
    expect((await preparePageForOcr((await degrade(page, 'dpi150', 3, 'field')).bytes, 150)).steps.sharpened).toBe(true);
    const fax = await openPageSource((await degrade(page, 'fax', 3, 'field')).bytes);
    const faxPage = await fax.page(0);
    const faxSteps = (await preparePageForOcr(faxPage.display, faxPage.dpi)).steps;
    expect(faxSteps).toMatchObject({ bilevel: true, sharpened: false });
    expect(faxSteps.specksRemoved).toBeGreaterThan(0);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(recognizeDisplayedPage(engine, { image: page.png, dpi: 300 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
