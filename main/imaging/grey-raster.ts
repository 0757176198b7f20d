/** An 8-bit, one-channel raster: the shape all pixel math in preprocessing works on. */
export interface GreyRaster {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Estimates the standard deviation of additive noise (Immerkær, 1996): a Laplacian-difference
 * kernel cancels smooth image structure, so what is left is mostly noise. Text edges add a
 * little, which is why only the quieter half of the sampled rows is counted.
 */
export function estimateNoiseSigma(raster: GreyRaster): number {
  const { data, width, height } = raster;
  if (width < 3 || height < 3) return 0;
  const rowStep = Math.max(1, Math.floor(height / 300));
  const rowSigmas: number[] = [];
  for (let y = 1; y < height - 1; y += rowStep) {
    let sum = 0;
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x;
      const value =
        data[at - width - 1]! - 2 * data[at - width]! + data[at - width + 1]! -
        2 * data[at - 1]! + 4 * data[at]! - 2 * data[at + 1]! +
        data[at + width - 1]! - 2 * data[at + width]! + data[at + width + 1]!;
      sum += Math.abs(value);
    }
    rowSigmas.push((Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2)));
  }
  rowSigmas.sort((a, b) => a - b);
  return rowSigmas[Math.floor(rowSigmas.length / 4)] ?? 0;
}

/**
 * Sauvola's adaptive threshold: each pixel is compared with the mean of its neighbourhood,
 * lowered where the neighbourhood has little contrast. Uneven lighting in a phone photo or a
 * grey fax background then no longer swallows faint strokes the way one global cut does.
 */
export function sauvolaBinarize(raster: GreyRaster, window: number, k = 0.3, range = 128): GreyRaster {
  const { data, width, height } = raster;
  const stride = width + 1;
  // Summed-area tables of values and squares make every window mean O(1).
  const sums = new Float64Array(stride * (height + 1));
  const squares = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    let rowSquares = 0;
    for (let x = 0; x < width; x++) {
      const value = data[y * width + x]!;
      rowSum += value;
      rowSquares += value * value;
      const at = (y + 1) * stride + x + 1;
      sums[at] = sums[at - stride]! + rowSum;
      squares[at] = squares[at - stride]! + rowSquares;
    }
  }
  const half = Math.max(1, Math.floor(window / 2));
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const top = Math.max(0, y - half);
    const bottom = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const left = Math.max(0, x - half);
      const right = Math.min(width, x + half + 1);
      const area = (bottom - top) * (right - left);
      const a = top * stride + left;
      const b = top * stride + right;
      const c = bottom * stride + left;
      const d = bottom * stride + right;
      const mean = (sums[d]! - sums[b]! - sums[c]! + sums[a]!) / area;
      const meanSquare = (squares[d]! - squares[b]! - squares[c]! + squares[a]!) / area;
      const deviation = Math.sqrt(Math.max(0, meanSquare - mean * mean));
      const threshold = mean * (1 + k * (deviation / range - 1));
      out[y * width + x] = data[y * width + x]! > threshold ? 255 : 0;
    }
  }
  return { data: out, width, height };
}

/**
 * Stretches contrast so the darkest and lightest percent of pixels reach black and white, as
 * sharp's `normalise()` does, in two passes over the bytes instead of sharp's much slower path
 * for raw input. A page that already spans the range (most scans) is returned untouched.
 */
const HISTOGRAM_STRIDE = 3;

export function stretchContrast(raster: GreyRaster, lowerPercent = 1, upperPercent = 99): GreyRaster {
  const { data } = raster;
  // Every third pixel is plenty to place the 1st and 99th percentiles of a page.
  const histogram = new Uint32Array(256);
  let sampled = 0;
  for (let i = 0; i < data.length; i += HISTOGRAM_STRIDE, sampled++) histogram[data[i]!]!++;
  const percentile = (percent: number): number => {
    const target = (sampled * percent) / 100;
    let seen = 0;
    for (let value = 0; value < 256; value++) {
      seen += histogram[value]!;
      if (seen >= target) return value;
    }
    return 255;
  };
  const low = percentile(lowerPercent);
  const high = percentile(upperPercent);
  if (high <= low || (low <= 2 && high >= 253)) return raster;
  const table = new Uint8Array(256);
  for (let value = 0; value < 256; value++) {
    table[value] = Math.max(0, Math.min(255, Math.round(((value - low) * 255) / (high - low))));
  }
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = table[data[i]!]!;
  return { data: out, width: raster.width, height: raster.height };
}

/**
 * Binary PGM (P5): the raster as it is, behind a one-line header. Both Tesseract builds read it
 * from a buffer, and unlike PNG it costs nothing to encode or decode.
 */
export function encodePgm(raster: GreyRaster): Buffer {
  const header = Buffer.from(`P5\n${raster.width} ${raster.height}\n255\n`, 'ascii');
  return Buffer.concat([header, raster.data.subarray(0, raster.width * raster.height)]);
}
