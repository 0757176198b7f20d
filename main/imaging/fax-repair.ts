import type { GreyRaster } from './grey-raster';

/**
 * Repairs for pages that came through one bit (faxes, G4 TIFFs), where damage is black or
 * white pixels rather than grey: dust and line noise leave specks that Tesseract reads as
 * punctuation, and a scan line lost in transmission cuts a white stripe through a whole line
 * of text. Both work on the grey raster the decoder made and leave the rest of it untouched.
 */

const INK = 128;
// Sizes at the fax's 204 dpi, scaled to the page's resolution: a speck is at most a 2×2
// dot; a colon's dots, an i's dot or a full stop have another stroke within 6 pixels.
const SPECK_AREA_AT_204 = 4;
const SPECK_CLEARANCE_AT_204 = 6;

/** Paints out small dark blobs that have no other ink anywhere near them. Returns how many. */
export function removeSpecks(raster: GreyRaster, dpi: number): { raster: GreyRaster; removed: number } {
  const { data, width, height } = raster;
  const scale = dpi / 204;
  const maxArea = Math.max(1, Math.round(SPECK_AREA_AT_204 * scale * scale));
  const clearance = Math.max(2, Math.round(SPECK_CLEARANCE_AT_204 * scale));
  const out = new Uint8Array(data);
  const label = new Int32Array(width * height);
  let next = 0;
  let removed = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start]! >= INK || label[start] !== 0) continue;
    next++;
    // Flood fill (8-connected); a blob larger than a speck is still labelled to its end, so
    // none of its pixels starts another fill.
    const pending: number[] = [start];
    label[start] = next;
    let area = 0;
    let [x0, y0, x1, y1] = [width, height, 0, 0];
    while (pending.length > 0) {
      const at = pending.pop()!;
      area++;
      const x = at % width;
      const y = (at - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const neighbour = ny * width + nx;
          if (label[neighbour] === 0 && data[neighbour]! < INK) {
            label[neighbour] = next;
            pending.push(neighbour);
          }
        }
      }
    }
    if (area > maxArea || !isolated(data, label, width, height, next, [x0, y0, x1, y1], clearance)) continue;
    // The blob and its one-pixel fringe of resampling grey become paper.
    for (let y = Math.max(0, y0 - 1); y <= Math.min(height - 1, y1 + 1); y++) {
      for (let x = Math.max(0, x0 - 1); x <= Math.min(width - 1, x1 + 1); x++) out[y * width + x] = 255;
    }
    removed++;
  }
  return { raster: { data: out, width, height }, removed };
}

function isolated(
  data: Uint8Array,
  label: Int32Array,
  width: number,
  height: number,
  own: number,
  [x0, y0, x1, y1]: [number, number, number, number],
  clearance: number,
): boolean {
  for (let y = Math.max(0, y0 - clearance); y <= Math.min(height - 1, y1 + clearance); y++) {
    for (let x = Math.max(0, x0 - clearance); x <= Math.min(width - 1, x1 + clearance); x++) {
      const at = y * width + x;
      if (data[at]! < INK && label[at] !== own) return false;
    }
  }
  return true;
}

// A lost line is a row (or two, after resampling to square pixels) with under this share of
// the ink of the rows either side, inside text where both sides carry real ink.
const LOST_LINE_INK_SHARE = 0.15;
const MIN_INK_AROUND = 20;
const MAX_LOST_ROWS = 2;

/**
 * Fills scan lines lost in transmission: each pixel of a lost row becomes as dark as the
 * lighter of the pixels just above and below the gap, so a stroke crossing it is joined and
 * nothing is added where only one side has ink.
 */
export function repairLostScanLines(raster: GreyRaster): { raster: GreyRaster; repaired: number } {
  const { data, width, height } = raster;
  const ink = new Int32Array(height);
  for (let y = 0; y < height; y++) {
    let count = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) if (data[row + x]! < INK) count++;
    ink[y] = count;
  }
  let out: Uint8Array | null = null;
  let repaired = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let run = 1; run <= MAX_LOST_ROWS && y + run < height; run++) {
      const around = Math.min(ink[y - 1]!, ink[y + run]!);
      if (around < MIN_INK_AROUND) continue;
      let lost = true;
      for (let r = 0; r < run; r++) if (ink[y + r]! >= around * LOST_LINE_INK_SHARE) lost = false;
      if (!lost) continue;
      out ??= new Uint8Array(data);
      const above = (y - 1) * width;
      const below = (y + run) * width;
      for (let r = 0; r < run; r++) {
        const row = (y + r) * width;
        for (let x = 0; x < width; x++) out[row + x] = Math.min(data[row + x]!, Math.max(data[above + x]!, data[below + x]!));
      }
      repaired += run;
      y += run - 1;
      break;
    }
  }
  return { raster: out ? { data: out, width, height } : raster, repaired };
}
