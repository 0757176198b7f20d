/**
 * Reads the per-page resolution of a TIFF from its image file directories. sharp reports one
 * density per file and only the horizontal one, but fax pages are often 204×196 or 204×98 dpi:
 * without the vertical resolution the page would show squashed.
 */
export interface TiffPageResolution {
  /** Dots per inch across and down; null when the page does not say. */
  xDpi: number | null;
  yDpi: number | null;
}

const TAG_X_RESOLUTION = 282;
const TAG_Y_RESOLUTION = 283;
const TAG_RESOLUTION_UNIT = 296;
const UNIT_CENTIMETRE = 3;
const TYPE_RATIONAL = 5;
// A damaged chain can loop back on itself; no scan has this many pages.
const MAX_DIRECTORIES = 10_000;

/** Resolutions of every page in the TIFF chain, in order; stops quietly at the first bad link. */
export function readTiffResolutions(bytes: Uint8Array): TiffPageResolution[] {
  if (bytes.length < 8) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const pages: TiffPageResolution[] = [];
  const seen = new Set<number>();
  let offset = u32(4);
  while (offset !== 0 && pages.length < MAX_DIRECTORIES) {
    if (seen.has(offset) || offset + 2 > bytes.length) break;
    seen.add(offset);
    const count = u16(offset);
    const end = offset + 2 + count * 12;
    if (end + 4 > bytes.length) break;
    let x: number | null = null;
    let y: number | null = null;
    let unit = 2;
    for (let entry = offset + 2; entry < end; entry += 12) {
      const tag = u16(entry);
      const type = u16(entry + 2);
      if (tag === TAG_RESOLUTION_UNIT) unit = u16(entry + 8);
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
    pages.push({ xDpi: toDpi(x), yDpi: toDpi(y) });
    offset = u32(end);
  }
  return pages;
}
