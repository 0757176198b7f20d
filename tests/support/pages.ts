import sharp from 'sharp';
import { renderTextPage, type RenderedPage } from '../fixtures/scans/render-page';

export { renderTextPage, type RenderedPage };

/** Words of a known page, as a reader would split them (for recall checks). */
export function knownWords(page: RenderedPage): string[] {
  return page.text.lines.flatMap((line) => line.split(/\s+/).filter(Boolean));
}

/** A PNG cut short halfway, as a failed download or copy leaves it. */
export function truncated(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

/** A tiny, valid PNG that claims more pixels than Folio accepts (a decompression bomb's header). */
export async function oversizedPng(): Promise<Buffer> {
  return sharp({ create: { width: 12_000, height: 8_000, channels: 1, background: 255 } } as never)
    .png({ compressionLevel: 9 })
    .toBuffer();
}
