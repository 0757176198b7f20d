/**
 * Reads what Folio needs from a TIFF's image file directories without decoding a pixel: each
 * page's size, for the document caps before anything is decoded, and its resolution across and
 * down. sharp reports one density per file and only the horizontal one, but fax pages are often
 * 204×196 or 204×98 dpi: without the vertical resolution the page would show squashed.
 */
export interface TiffPageDirectory {
  /** Dots per inch across and down; null when the page does not say. */
  xDpi: number | null;
  yDpi: number | null;
  /** Pixels across and down as stored; null when the directory does not say. */
  width: number | null;
  height: number | null;
}

const TAG_IMAGE_WIDTH = 256;
const TAG_IMAGE_LENGTH = 257;
const TAG_X_RESOLUTION = 282;
const TAG_Y_RESOLUTION = 283;
const TAG_RESOLUTION_UNIT = 296;
const UNIT_CENTIMETRE = 3;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_RATIONAL = 5;

/**
 * The pages of the TIFF chain, in order, at most `limit` of them (a damaged chain can loop back
 * on itself, a hostile one can run to hundreds of thousands of links); stops quietly at the
 * first bad link.
 */
export function readTiffPages(bytes: Uint8Array, limit: number): TiffPageDirectory[] {
  if (bytes.length < 8) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const pages: TiffPageDirectory[] = [];
  const seen = new Set<number>();
  let offset = u32(4);
  while (offset !== 0 && pages.length < limit) {
    if (seen.has(offset) || offset + 2 > bytes.length) break;
    seen.add(offset);
    const count = u16(offset);
    const end = offset + 2 + count * 12;
    if (end + 4 > bytes.length) break;
    let x: number | null = null;
    let y: number | null = null;
    let width: number | null = null;
    let height: number | null = null;
    let unit = 2;
    for (let entry = offset + 2; entry < end; entry += 12) {
      const tag = u16(entry);
      const type = u16(entry + 2);
      if (tag === TAG_RESOLUTION_UNIT) unit = u16(entry + 8);
      if (tag === TAG_IMAGE_WIDTH || tag === TAG_IMAGE_LENGTH) {
        const value = type === TYPE_SHORT ? u16(entry + 8) : type === TYPE_LONG ? u32(entry + 8) : null;
        if (tag === TAG_IMAGE_WIDTH) width = value;
        else height = value;
      }
      if ((tag === TAG_X_RESOLUTION || tag === TAG_Y_RESOLUTION) && type === TYPE_RATIONAL) {
        const at = u32(entry + 8);
        if (at + 8 > bytes.length) continue;
        const denominator = u32(at + 4);
        const value = denominator === 0 ? null : u32(at) / denominator;
        if (tag === TAG_X_RESOLUTION) x = value;
        else y = value;
      }
    }
    const toDpi = (value: number | null): number | null => {
      if (value === null || !Number.isFinite(value) || value <= 0) return null;
      return unit === UNIT_CENTIMETRE ? value * 2.54 : value;
    };
    pages.push({ xDpi: toDpi(x), yDpi: toDpi(y), width, height });
    offset = u32(end);
  }
  return pages;
}
