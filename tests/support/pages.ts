import sharp from 'sharp';
import { renderTextPage, type RenderedPage } from '../fixtures/scans/render-page';

export { renderTextPage, type RenderedPage };

/**
 * A prescription with known values. The NPI's check digit is wrong (1234567893 would pass), the
 * DEA number is valid for a prescriber named Smith, and no phone number is printed.
 */
export const PRESCRIPTION_WITH_BAD_NPI = [
  'Jane Q. Smith, MD',
  '123 Main Street',
  'Springfield, IL 62701',
  'NPI: 1234567890   DEA: AS1234563',
  'Patient: John Doe   DOB: 03/07/1985',
  'Address: 45 Oak Ave, Springfield, IL 62702',
  'Date: 11/20/2026',
  'Rx: Atorvastatin 20 mg tablet',
  'Sig: Take 1 tablet by mouth once daily',
  'Qty: thirty (30)   Refills: 3',
];

/** A letter-size page at 300 dpi with exactly these lines, in DejaVu Sans 11 pt. */
export async function renderLinesPage(lines: string[]): Promise<{ png: Buffer; width: number; height: number }> {
  const width = 2550;
  const height = 3300;
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = lines.map((line, index) => `<text x="150" y="${220 + index * 80}" xml:space="preserve">${escape(line)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g font-family="DejaVu Sans" font-size="46" fill="#000">${body}</g></svg>`;
  const png = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().withDensity(300).png().toBuffer();
  return { png, width, height };
}

/** Words of a known page, as a reader would split them (for recall checks). */
export function knownWords(page: RenderedPage): string[] {
  return page.text.lines.flatMap((line) => line.split(/\s+/).filter(Boolean));
}

/** A PNG cut short halfway, as a failed download or copy leaves it. */
export function truncated(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

/**
 * A decompression bomb: a small PNG whose header claims 50,000 × 50,000 pixels (2.5 gigapixels).
 * Made from a real 1×1 PNG with its IHDR size rewritten and its checksum fixed.
 */
export async function oversizedPng(): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  // Signature (8) + length (4) + "IHDR" (4), then width and height, then the chunk's CRC after 13 data bytes.
  png.writeUInt32BE(50_000, 16);
  png.writeUInt32BE(50_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
