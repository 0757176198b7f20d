import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPageSource } from '../../../main/imaging/decode';
import { preparePageForOcr } from '../../../main/imaging/prepare';
import type { OcrWord } from '../../../main/ocr/engine';
import { recognizeDisplayedPage } from '../../../main/ocr/recognize-page';
import { TesseractCliEngine } from '../../../main/ocr/tesseract-cli';
import { degrade, type Degradation } from '../../fixtures/scans/degrade';
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

describe('recognising a displayed page through preparation', () => {
  it.each<Degradation>(['rotate180', 'skew', 'rotate90', 'fax'])('reads a %s page and puts every box on its ink in the displayed image', async (degradation) => {
    const scan = await degrade(page, degradation, 3);
    const source = await openPageSource(scan.bytes);
    const displayed = await source.page(0);
    const result = await recognizeDisplayedPage(engine, { image: displayed.display, dpi: displayed.dpi });
    expect(characterErrorRate(page.text.lines.join('\n'), text(result.words))).toBeLessThan(0.03);
    for (const word of result.words.filter((candidate) => candidate.text.length >= 3)) {
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(displayed.width);
      expect(word.box.y + word.box.height).toBeLessThanOrEqual(displayed.height);
      expect(await inkShare(displayed.display, word.box)).toBeGreaterThan(0.05);
    }
  });

  it('leaves a clean upright page untouched apart from contrast', async () => {
    const prepared = await preparePageForOcr(page.png, 300);
    expect(prepared.steps).toMatchObject({ quarterTurn: 0, skewDegrees: 0, scale: 1, denoise: 'none', binarized: false });
    expect(prepared.transform.degrees).toBe(0);
  });

  it('measures skew, noise and resolution on damaged pages', async () => {
    const skewed = await preparePageForOcr((await degrade(page, 'skew', 3)).bytes, 300);
    const applied = Number(/-?[\d.]+/.exec((await degrade(page, 'skew', 3)).detail)![0]);
    expect(skewed.steps.skewDegrees).toBeCloseTo(-applied, 0);
    const noisy = await preparePageForOcr((await degrade(page, 'noise', 3)).bytes, 300);
    expect(noisy.steps.denoise).not.toBe('none');
    const low = await preparePageForOcr((await degrade(page, 'dpi150', 3)).bytes, 150);
    expect(low.steps.scale).toBe(2);
    expect(low.dpi).toBe(300);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(recognizeDisplayedPage(engine, { image: page.png, dpi: 300 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
