/**
 * Plane transforms between a template's reference space and a page's pixels: a 3×3 matrix in
 * row-major order, applied to (x, y, 1) with the perspective divide. Similarity and affine
 * transforms are homographies whose last row is (0, 0, 1).
 */
export type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

export interface Point {
  x: number;
  y: number;
}

export interface PointPair {
  from: Point;
  to: Point;
}

export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function applyTransform(m: Matrix3, p: Point): Point {
  const w = m[6] * p.x + m[7] * p.y + m[8];
  return { x: (m[0] * p.x + m[1] * p.y + m[2]) / w, y: (m[3] * p.x + m[4] * p.y + m[5]) / w };
}

export function invertTransform(m: Matrix3): Matrix3 | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) return null;
  const inv = [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
  return inv as unknown as Matrix3;
}

/** The upright rectangle around a rectangle carried through `m` (a page tilts and warps it). */
export function mapRect(m: Matrix3, r: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number } {
  const corners = [
    { x: r.x, y: r.y },
    { x: r.x + r.width, y: r.y },
    { x: r.x, y: r.y + r.height },
    { x: r.x + r.width, y: r.y + r.height },
  ].map((p) => applyTransform(m, p));
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Scale of the transform near a point: how many target units one reference unit becomes. */
export function localScale(m: Matrix3, p: Point): number {
  const o = applyTransform(m, p);
  const dx = applyTransform(m, { x: p.x + 1, y: p.y });
  const dy = applyTransform(m, { x: p.x, y: p.y + 1 });
  return Math.sqrt(Math.abs((dx.x - o.x) * (dy.y - o.y) - (dx.y - o.y) * (dy.x - o.x)));
}

/** Rotation + uniform scale + translation through two pairs; null when the points coincide. */
export function similarityFromTwo(p: PointPair, q: PointPair): Matrix3 | null {
  const fx = q.from.x - p.from.x;
  const fy = q.from.y - p.from.y;
  const tx = q.to.x - p.to.x;
  const ty = q.to.y - p.to.y;
  const norm = fx * fx + fy * fy;
  if (norm < 1e-9) return null;
  // to = s·R·from + t, with s·R = [[a, −b], [b, a]].
  const a = (fx * tx + fy * ty) / norm;
  const b = (fx * ty - fy * tx) / norm;
  return [a, -b, p.to.x - a * p.from.x + b * p.from.y, b, a, p.to.y - b * p.from.x - a * p.from.y, 0, 0, 1];
}

/** Solves A·x = b by Gaussian elimination with partial pivoting; null when singular. */
export function solveLinear(matrix: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const a = matrix.map((row, r) => [...row, rhs[r] ?? 0]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const top = a[col]!;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = a[r]!;
      const factor = row[col]! / top[col]!;
      if (factor === 0) continue;
      for (let k = col; k <= n; k += 1) row[k] = row[k]! - factor * top[k]!;
    }
  }
  return a.map((row, r) => row[n]! / row[r]!);
}

/** Least squares over rows of (coefficients, target): normal equations, solved directly. */
function leastSquares(rows: ReadonlyArray<readonly [number[], number]>, unknowns: number): number[] | null {
  const ata = Array.from({ length: unknowns }, () => new Array<number>(unknowns).fill(0));
  const atb = new Array<number>(unknowns).fill(0);
  for (const [coefficients, target] of rows) {
    for (let i = 0; i < unknowns; i += 1) {
      atb[i]! += coefficients[i]! * target;
      for (let j = 0; j < unknowns; j += 1) ata[i]![j]! += coefficients[i]! * coefficients[j]!;
    }
  }
  return solveLinear(ata, atb);
}

/**
 * Points are centred and scaled before fitting so the normal equations stay well conditioned
 * with page coordinates in the thousands.
 */
function normaliser(points: readonly Point[]): { forward: Matrix3; inverse: Matrix3 } {
  const n = Math.max(points.length, 1);
  const cx = points.reduce((s, p) => s + p.x, 0) / n;
  const cy = points.reduce((s, p) => s + p.y, 0) / n;
  const spread = points.reduce((s, p) => s + Math.hypot(p.x - cx, p.y - cy), 0) / n || 1;
  const k = Math.SQRT2 / spread;
  return { forward: [k, 0, -k * cx, 0, k, -k * cy, 0, 0, 1], inverse: [1 / k, 0, cx, 0, 1 / k, cy, 0, 0, 1] };
}

export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const r = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) for (let k = 0; k < 3; k += 1) r[i * 3 + j]! += a[i * 3 + k]! * b[k * 3 + j]!;
  return r as unknown as Matrix3;
}

function fitNormalised(pairs: readonly PointPair[], fit: (pairs: readonly PointPair[]) => Matrix3 | null): Matrix3 | null {
  const from = normaliser(pairs.map((p) => p.from));
  const to = normaliser(pairs.map((p) => p.to));
  const normalised = pairs.map((p) => ({ from: applyTransform(from.forward, p.from), to: applyTransform(to.forward, p.to) }));
  const m = fit(normalised);
  return m ? multiply(to.inverse, multiply(m, from.forward)) : null;
}

/** Six-parameter affine fit (printers and flatbeds: shift, scale per axis, shear, rotation); needs 3 pairs. */
export function fitAffine(pairs: readonly PointPair[]): Matrix3 | null {
  if (pairs.length < 3) return null;
  return fitNormalised(pairs, (ps) => {
    const xs = leastSquares(ps.map((p) => [[p.from.x, p.from.y, 1], p.to.x] as const), 3);
    const ys = leastSquares(ps.map((p) => [[p.from.x, p.from.y, 1], p.to.y] as const), 3);
    if (!xs || !ys) return null;
    return [xs[0]!, xs[1]!, xs[2]!, ys[0]!, ys[1]!, ys[2]!, 0, 0, 1];
  });
}

/** Eight-parameter homography (a phone photo's perspective); needs 4 pairs, wants many more. */
export function fitHomography(pairs: readonly PointPair[]): Matrix3 | null {
  if (pairs.length < 4) return null;
  return fitNormalised(pairs, (ps) => {
    const rows: Array<readonly [number[], number]> = [];
    for (const { from, to } of ps) {
      rows.push([[from.x, from.y, 1, 0, 0, 0, -from.x * to.x, -from.y * to.x], to.x]);
      rows.push([[0, 0, 0, from.x, from.y, 1, -from.x * to.y, -from.y * to.y], to.y]);
    }
    const h = leastSquares(rows, 8);
    return h ? [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1] : null;
  });
}

/** Root mean square distance between each pair's target and its mapped source. */
export function rmsResidual(m: Matrix3, pairs: readonly PointPair[]): number {
  if (pairs.length === 0) return Infinity;
  const sum = pairs.reduce((s, p) => {
    const q = applyTransform(m, p.from);
    return s + (q.x - p.to.x) ** 2 + (q.y - p.to.y) ** 2;
  }, 0);
  return Math.sqrt(sum / pairs.length);
}
