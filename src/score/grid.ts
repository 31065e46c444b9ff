import { convexHullOf, distanceToRing, inConvexRing } from '../geo/hull.js';
import { localG, type Neighbours } from './getis-ord.js';
import { fdrAdjust, twoSidedP } from '../stats/normal.js';

/**
 * sfhotspot's automatic cell size: about 50 cells on the shorter side of the bounding box,
 * rounded down to a multiple of 100 m; for areas under 5 km across (where that gives 0) rounded down
 * to a multiple of 10 m, and at least 10 m. Always whole metres.
 */
export function autoCellSizeM(widthM: number, heightM: number): number {
  const side = Math.min(widthM, heightM) / 50;
  const hundreds = Math.floor(side / 100) * 100;
  return hundreds > 0 ? hundreds : Math.max(10, Math.floor(side / 10) * 10);
}

export interface GiStarGrid {
  cellSizeM: number;
  originX: number;
  originY: number;
  cols: number;
  rows: number;
  /** Row-major cell -> position in the kept-cell arrays, or -1 outside the hull. */
  keptIndex: Int32Array;
  counts: Float64Array;
  z: Float64Array;
  p: Float64Array;
  /** Benjamini-Hochberg adjusted p over all kept cells. */
  q: Float64Array;
  fdr: number;
}

export interface GiStarOptions {
  /** Cell size in metres; default sfhotspot's automatic size. */
  cellSizeM?: number;
  /** False discovery rate for "significant" (default 0.05). */
  fdr?: number;
  /** Smallest cell, metres (default 10, the automatic size's floor). */
  minCellSizeM?: number;
}

/**
 * Counts points on a square grid over their convex hull (buffered by half a cell, as sfhotspot)
 * and computes Gi* per cell with queen neighbours plus self (distance cell*sqrt(2)), binary
 * weights, two-sided normal p-values and an FDR correction across cells.
 */
export function giStarGrid(x: Float64Array, y: Float64Array, opts: GiStarOptions = {}): GiStarGrid | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity,
    located = 0;
  for (let i = 0; i < x.length; i++) {
    const px = x[i]!,
      py = y[i]!;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    located++;
    minX = Math.min(minX, px);
    maxX = Math.max(maxX, px);
    minY = Math.min(minY, py);
    maxY = Math.max(maxY, py);
  }
  if (located < 3) return null;
  // (typed arrays counted first, not lists grown by push: a list per cell and one of every point were garbage)
  const valid = new Int32Array(located);
  for (let i = 0, k = 0; i < x.length; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) valid[k++] = i;
  const cell = Math.max(opts.cellSizeM ?? autoCellSizeM(maxX - minX, maxY - minY), opts.minCellSizeM ?? 10);
  const originX = minX - cell / 2,
    originY = minY - cell / 2;
  const cols = Math.floor((maxX - originX) / cell) + 1,
    rows = Math.floor((maxY - originY) / cell) + 1;
  const hull = convexHullOf(x, y, valid);
  const keptIndex = new Int32Array(cols * rows).fill(-1);
  let kept = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cx = originX + (c + 0.5) * cell,
        cy = originY + (r + 0.5) * cell;
      const inside = hull.length >= 3 ? inConvexRing(hull, cx, cy) : false;
      if (inside || distanceToRing(hull, cx, cy) <= (cell / 2) * Math.SQRT2) keptIndex[r * cols + c] = kept++;
    }
  }
  const counts = new Float64Array(kept);
  for (let q = 0; q < valid.length; q++) {
    const i = valid[q]!;
    const k = keptIndex[Math.floor((y[i]! - originY) / cell) * cols + Math.floor((x[i]! - originX) / cell)]!;
    if (k >= 0) counts[k]! += 1;
  }
  const z = localG(counts, queenNeighbours(keptIndex, cols, rows, kept), true);
  const p = z.map((v) => (Number.isNaN(v) ? Number.NaN : twoSidedP(v)));
  return { cellSizeM: cell, originX, originY, cols, rows, keptIndex, counts, z, p, q: fdrAdjust(p), fdr: opts.fdr ?? 0.05 };
}

/**
 * Each kept cell's kept queen neighbours and itself (row by row from the one below-left), as
 * compressed rows (see toNeighbours): counted in a first pass, filled in a second.
 */
function queenNeighbours(keptIndex: Int32Array, cols: number, rows: number, kept: number): Neighbours {
  const offsets = new Int32Array(kept + 1);
  let index = new Int32Array(0);
  for (const filling of [false, true]) {
    if (filling) {
      for (let k = 0; k < kept; k++) offsets[k + 1]! += offsets[k]!;
      index = new Int32Array(offsets[kept]!);
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = keptIndex[r * cols + c]!;
        if (k < 0) continue;
        let m = 0;
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr,
              cc = c + dc;
            if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
            const j = keptIndex[rr * cols + cc]!;
            if (j < 0) continue;
            if (filling) index[offsets[k]! + m] = j;
            m++;
          }
        }
        if (!filling) offsets[k + 1] = m;
      }
    }
  }
  return { offsets, index };
}

/** Position of the kept cell holding (x, y), or -1. */
export function cellAt(grid: GiStarGrid, x: number, y: number): number {
  const c = Math.floor((x - grid.originX) / grid.cellSizeM),
    r = Math.floor((y - grid.originY) / grid.cellSizeM);
  if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows) return -1;
  return grid.keptIndex[r * grid.cols + c]!;
}

/** A hot cell: z above 0 and FDR-adjusted p at or below the rate. */
export function isHotCell(grid: GiStarGrid, k: number): boolean {
  return grid.z[k]! > 0 && grid.q[k]! <= grid.fdr;
}
