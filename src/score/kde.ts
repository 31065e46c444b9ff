import { autoCellSizeM } from './grid.js';
import type { DensityGrid } from '../model/density.js';

export type { DensityGrid };

/**
 * Kernel density of report points, as sfhotspot's `hotspot_kde` makes it: a quartic kernel on a
 * square grid. The kernel at distance d from a report, for a support radius h (metres), is
 * 3 / (pi h^2) * (1 - d^2 / h^2)^2 for d < h, else 0: spatstat's "quartic" kernel (its table: density
 * (3/pi)(1 - r^2)^2 on the unit disc, coordinate standard deviation 1/sqrt(8)) with sigma = h/sqrt(8).
 * Summed over the reports, the value is an intensity: reports per square metre (reported per km²).
 * No edge correction.
 */

/**
 * MASS `bandwidth.nrd` (the rule sfhotspot uses for its kernel radius): 4 * 1.06 * min(sd, IQR / 1.34)
 * * n^(-1/5), in the unit of the values. R's `quantile` type 7 for the IQR, `sd` with n - 1.
 * sfhotspot means to average the x and y bandwidths (its `mean(bx, by)` takes only bx, a slip of
 * R's `mean`); here the two are averaged.
 */
export function bandwidthNrd(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  // (index loops: for-of over a typed array ran cold here, an iterator result per value)
  let mean = 0;
  for (let k = 0; k < n; k++) mean += values[k]!;
  mean /= n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (values[k]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const work = Float64Array.from(values);
  const q = (p: number) => {
    const h = (n - 1) * p,
      lo = Math.floor(h);
    const at = selectKth(work, lo);
    return at + (h - lo) * (minFrom(work, lo + 1, at) - at);
  };
  const iqr = q(0.75) - q(0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  return 4 * 1.06 * spread * n ** -0.2;
}

/**
 * The k-th smallest value of `a` (0-based), found by Hoare's selection with a pseudo-random pivot
 * (linear time on average, whatever the order or the ties): the order statistic R's `quantile`
 * takes from the sorted values, without sorting a million of them. Reorders `a` so that no value
 * before index k is larger and none after it smaller.
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0,
    hi = a.length - 1,
    seed = 0x9e3779b9;
  while (lo < hi) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const pivot = a[lo + (seed % (hi - lo + 1))]!;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** The smallest of a[from..] (`none` when from is past the end). */
function minFrom(a: Float64Array, from: number, none: number): number {
  if (from >= a.length) return none;
  let m = a[from]!;
  for (let i = from + 1; i < a.length; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/** The density at the centres of a grid of `cols` x `rows` cells (origin at the lower left), reports per km². */
export function quarticDensity(x: Float64Array, y: Float64Array, grid: Omit<DensityGrid, 'perKm2'>): Float64Array {
  const { originX, originY, cellSizeM: c, cols, rows, bandwidthM: h } = grid;
  const out = new Float64Array(cols * rows);
  const norm = (3 / (Math.PI * h * h)) * 1e6; // per m² -> per km²
  const h2 = h * h;
  for (let i = 0; i < x.length; i++) {
    const px = x[i]!,
      py = y[i]!;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    // Cells whose centre can lie within h of the point.
    const c0 = Math.max(0, Math.ceil((px - h - originX) / c - 0.5)),
      c1 = Math.min(cols - 1, Math.floor((px + h - originX) / c - 0.5));
    const r0 = Math.max(0, Math.ceil((py - h - originY) / c - 0.5)),
      r1 = Math.min(rows - 1, Math.floor((py + h - originY) / c - 0.5));
    for (let r = r0; r <= r1; r++) {
      const dy = originY + (r + 0.5) * c - py;
      for (let k = c0; k <= c1; k++) {
        const dx = originX + (k + 0.5) * c - px;
        const d2 = dx * dx + dy * dy;
        if (d2 < h2) {
          const u = 1 - d2 / h2;
          out[r * cols + k]! += norm * u * u;
        }
      }
    }
  }
  return out;
}

/**
 * The density surface of the screened reports: cell size as the Gi* grid (sfhotspot's rule: about
 * 50 cells on the short side, see autoCellSizeM, unless the rules set one), kernel radius MASS
 * bandwidth.nrd averaged over x and y (at least one cell), over the reports' bounding box grown by
 * the radius. Null with fewer than 3 located reports.
 */
export function densitySurface(x: Float64Array, y: Float64Array, cellSizeM?: number): DensityGrid | null {
  let located = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) located++;
  if (located < 3) return null;
  const xs = new Float64Array(located),
    ys = new Float64Array(located);
  for (let i = 0, n = 0; i < x.length; i++)
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      xs[n] = x[i]!;
      ys[n++] = y[i]!;
    }
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    minX = Math.min(minX, xs[i]!);
    maxX = Math.max(maxX, xs[i]!);
    minY = Math.min(minY, ys[i]!);
    maxY = Math.max(maxY, ys[i]!);
  }
  const c = cellSizeM ?? autoCellSizeM(maxX - minX, maxY - minY);
  const bw = (bandwidthNrd(xs) + bandwidthNrd(ys)) / 2;
  const h = Math.max(c, Number.isFinite(bw) && bw > 0 ? bw : c);
  const originX = Math.floor((minX - h) / c) * c,
    originY = Math.floor((minY - h) / c) * c;
  const cols = Math.ceil((maxX + h - originX) / c),
    rows = Math.ceil((maxY + h - originY) / c);
  const grid = { originX, originY, cellSizeM: c, cols, rows, bandwidthM: h };
  return { ...grid, perKm2: quarticDensity(x, y, grid) };
}
