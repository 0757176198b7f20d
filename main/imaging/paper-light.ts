import type { GreyRaster } from './grey-raster';
import { inkThreshold, type GreyLevels } from './page-survey';

/**
 * How bright the paper is across the page, on a coarse grid. A phone photo or a scan with the
 * lid open is bright at one spot and dim at the far corner; Tesseract's one global threshold
 * then turns the dim side black or the faint side white, and whole lines are lost.
 */
export interface PaperLight {
  /** Paper level per cell, row by row, smoothed. */
  levels: Float32Array;
  columns: number;
  rows: number;
  /** Cell side in pixels. */
  cell: number;
  /** Grey levels between dim and bright paper (5th to 95th percentile of the cells). */
  spread: number;
}

// About a twentieth of an inch: several cells fall between any two lines of text.
const CELLS_PER_INCH = 20;
// Paper is sought this far around each cell, so a cell inside a heading's stroke, a logo or a
// thin black rule still gets the paper level around it. Areas of solid ink wider than
// twice this count as dim paper, and are lightened with it.
const PAPER_SEARCH_INCHES = 0.2;
const SAMPLE_STEP = 3;
const COARSE_CELLS_PER_INCH = 5;
const COARSE_SAMPLE_STEP = 4;

/**
 * `coarse` looks at fifth-of-an-inch cells and every fourth pixel: a few hundred thousand
 * reads, enough to tell whether the light is even (the common case, which then costs about a
 * millisecond). Evening the light out needs the fine map.
 */
export function measurePaperLight(raster: GreyRaster, dpi: number, coarse = false): PaperLight {
  const { data, width, height } = raster;
  const cell = Math.max(6, Math.round(dpi / (coarse ? COARSE_CELLS_PER_INCH : CELLS_PER_INCH)));
  const sampleStep = coarse ? COARSE_SAMPLE_STEP : SAMPLE_STEP;
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  // The brightest pixel of a cell is its paper; a sparse grid of samples is enough to find it,
  // since paper shows between strokes everywhere but inside the heaviest type.
  const brightest = new Float32Array(columns * rows);
  for (let y = 0; y < height; y += sampleStep) {
    const cellRow = Math.floor(y / cell) * columns;
    const row = y * width;
    for (let column = 0; column < columns; column++) {
      let best = brightest[cellRow + column]!;
      const end = Math.min(width, (column + 1) * cell);
      for (let x = column * cell; x < end; x += sampleStep) {
        const value = data[row + x]!;
        if (value > best) best = value;
      }
      brightest[cellRow + column] = best;
    }
  }
  const radius = Math.max(1, Math.round((PAPER_SEARCH_INCHES * dpi) / cell));
  const levels = boxMean(slidingMax(brightest, columns, rows, radius), columns, rows, radius);
  const sorted = Float32Array.from(levels).sort();
  const spread = sorted[Math.floor(sorted.length * 0.95)]! - sorted[Math.floor(sorted.length * 0.05)]!;
  return { levels, columns, rows, cell, spread };
}

/** Divides every pixel by the paper level around it: paper becomes white, ink keeps its contrast. */
export function evenOutLight(raster: GreyRaster, light: PaperLight): GreyRaster {
  const { data, width, height } = raster;
  const { levels, columns, rows, cell } = light;
  // Cell centres are the sample points; pixels between them are interpolated bilinearly.
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const across = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const position = Math.min(columns - 1, Math.max(0, (x + 0.5) / cell - 0.5));
    left[x] = Math.floor(position);
    right[x] = Math.min(columns - 1, left[x]! + 1);
    across[x] = position - left[x]!;
  }
  const out = new Uint8Array(width * height);
  const paperRow = new Float32Array(columns);
  for (let y = 0; y < height; y++) {
    const position = Math.min(rows - 1, Math.max(0, (y + 0.5) / cell - 0.5));
    const top = Math.floor(position);
    const bottom = Math.min(rows - 1, top + 1);
    const down = position - top;
    for (let c = 0; c < columns; c++) paperRow[c] = levels[top * columns + c]! * (1 - down) + levels[bottom * columns + c]! * down;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const paper = paperRow[left[x]!]! * (1 - across[x]!) + paperRow[right[x]!]! * across[x]!;
      const value = (data[row + x]! * 255) / Math.max(1, paper);
      out[row + x] = value >= 255 ? 255 : value;
    }
  }
  return { data: out, width, height };
}

/**
 * Stretches contrast so the darkest and lightest percent of pixels reach black and white, in
 * place (the raster is the caller's own working copy). Tesseract's recogniser reads faint or
 * soft print better for it, and clean pages read the same; a page that already spans black
 * to white is left as it is. Returns the levels as they are after the stretch.
 */
export function stretchContrast(raster: GreyRaster, levels: GreyLevels): GreyLevels | null {
  const { darkest: low, lightest: high } = levels;
  if (high <= low || (low <= 2 && high >= 253)) return null;
  const table = new Uint8Array(256);
  for (let value = 0; value < 256; value++) table[value] = Math.max(0, Math.min(255, Math.round(((value - low) * 255) / (high - low))));
  mapInPlace(raster.data, table);
  const [ink, paper] = [table[levels.ink]!, table[levels.paper]!];
  // Everything darker than the darkest percent is now black, so the cut between ink and
  // paper is taken afresh rather than mapped (a mapped cut can land on black itself).
  return { ink, paper, darkest: 0, lightest: 255, inkBelow: inkThreshold(ink, paper) };
}

/**
 * Applies a lookup table to every byte. Most of a page is white paper, which a stretch leaves
 * white: four such pixels are one 32-bit word of all ones, skipped at a quarter of the cost.
 */
function mapInPlace(data: Uint8Array, table: Uint8Array): void {
  let from = 0;
  if (table[255] === 255 && data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === WHITE_WORD) continue;
      const at = w << 2;
      data[at] = table[data[at]!]!;
      data[at + 1] = table[data[at + 1]!]!;
      data[at + 2] = table[data[at + 2]!]!;
      data[at + 3] = table[data[at + 3]!]!;
    }
    from = words.length << 2;
  }
  for (let i = from; i < data.length; i++) data[i] = table[data[i]!]!;
}

const WHITE_WORD = 0xffffffff;

/** Maximum over a (2r+1)² window, as two one-dimensional passes. */
function slidingMax(grid: Float32Array, columns: number, rows: number, radius: number): Float32Array {
  const across = new Float32Array(grid.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      let best = 0;
      for (let dx = Math.max(0, x - radius); dx <= Math.min(columns - 1, x + radius); dx++) best = Math.max(best, grid[y * columns + dx]!);
      across[y * columns + x] = best;
    }
  }
  const out = new Float32Array(grid.length);
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < rows; y++) {
      let best = 0;
      for (let dy = Math.max(0, y - radius); dy <= Math.min(rows - 1, y + radius); dy++) best = Math.max(best, across[dy * columns + x]!);
      out[y * columns + x] = best;
    }
  }
  return out;
}

/** Mean over a (2r+1)² window (clipped at the edges), as two one-dimensional passes. */
function boxMean(grid: Float32Array, columns: number, rows: number, radius: number): Float32Array {
  const across = new Float32Array(grid.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      let sum = 0;
      const from = Math.max(0, x - radius);
      const to = Math.min(columns - 1, x + radius);
      for (let dx = from; dx <= to; dx++) sum += grid[y * columns + dx]!;
      across[y * columns + x] = sum / (to - from + 1);
    }
  }
  const out = new Float32Array(grid.length);
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < rows; y++) {
      let sum = 0;
      const from = Math.max(0, y - radius);
      const to = Math.min(rows - 1, y + radius);
      for (let dy = from; dy <= to; dy++) sum += across[dy * columns + x]!;
      out[y * columns + x] = sum / (to - from + 1);
    }
  }
  return out;
}
