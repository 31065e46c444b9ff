import { CellIds } from '../util/cell-ids.js';

/**
 * Defaults for street-level nuisance (research notes, section 12): a neighbourhood of about one
 * street segment, and a core that needs more reports than a single incident produces.
 */
export const DBSCAN_DEFAULTS = {
  /** Neighbourhood radius in metres (RD New). */
  epsM: 60,
  /** Reports within epsM, the point itself included, for a core point. */
  minPoints: 8,
} as const;

export const NOISE = -1;

/** Offsets of the cells that can hold a point within eps of a point in cell (0, 0), cell side eps/sqrt(2). */
const NEAR_CELLS: Array<[number, number]> = [];
for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) if (Math.abs(dx) + Math.abs(dy) < 4) NEAR_CELLS.push([dx, dy]);

/** Points bucketed into square cells, sorted by cell: the spatial index. */
interface CellIndex {
  order: Int32Array; // point indexes sorted by cell
  start: Int32Array; // cell k holds order[start[k] .. start[k + 1])
  cellOf: Int32Array; // point -> cell k (-1 for invalid points)
  table: CellIds; // (column, row) -> k
  cx: Int32Array; // cell k -> column
  cy: Int32Array; // cell k -> row
}

function buildCells(x: Float64Array, y: Float64Array, side: number): CellIndex {
  const n = x.length;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity,
    valid = 0;
  for (let i = 0; i < n; i++)
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      minX = Math.min(minX, x[i]!);
      minY = Math.min(minY, y[i]!);
      maxX = Math.max(maxX, x[i]!);
      maxY = Math.max(maxY, y[i]!);
      valid++;
    }
  const cols = valid === 0 ? 1 : Math.floor((maxX - minX) / side) + 1;
  // Each valid point's cell (row * cols + column) and the point in one number: sorted by the
  // runtime's own numeric sort, the points come in cell order and, within a cell, in input order (a
  // comparator in JavaScript took three times as long). Exact while below 2^53; a larger grid (a
  // country at street level, some 2^25 cells, with 2^24 points is 2^49) takes the comparator.
  const cellAndPoint = new Float64Array(valid);
  const rows = valid === 0 ? 1 : Math.floor((maxY - minY) / side) + 1;
  const packs = cols * rows * n < 2 ** 53;
  for (let i = 0, k = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
    const cell = Math.floor((y[i]! - minY) / side) * cols + Math.floor((x[i]! - minX) / side);
    cellAndPoint[k++] = packs ? cell * n + i : cell;
  }
  const order = new Int32Array(valid);
  if (packs) {
    cellAndPoint.sort();
    for (let k = 0; k < valid; k++) order[k] = cellAndPoint[k]! % n;
    for (let k = 0; k < valid; k++) cellAndPoint[k] = Math.floor(cellAndPoint[k]! / n);
  } else {
    for (let i = 0, k = 0; i < n; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) order[k++] = i;
    const cellOfPoint = new Float64Array(n);
    for (let k = 0; k < valid; k++) cellOfPoint[order[k]!] = cellAndPoint[k]!;
    order.sort((a, b) => cellOfPoint[a]! - cellOfPoint[b]! || a - b);
    for (let k = 0; k < valid; k++) cellAndPoint[k] = cellOfPoint[order[k]!]!;
  }
  // (cellAndPoint now holds the cell of each point in order)
  const starts: number[] = [];
  const cellOf = new Int32Array(n).fill(-1);
  const cxs: number[] = [],
    cys: number[] = [];
  for (let k = 0; k < valid; k++) {
    const cell = cellAndPoint[k]!;
    if (k === 0 || cell !== cellAndPoint[k - 1]) {
      starts.push(k);
      cys.push(Math.floor(cell / cols));
      cxs.push(cell % cols);
    }
    cellOf[order[k]!] = starts.length - 1;
  }
  starts.push(valid);
  const cx = Int32Array.from(cxs),
    cy = Int32Array.from(cys);
  const table = new CellIds(cx.length);
  for (let k = 0; k < cx.length; k++) table.id(cx[k]!, cy[k]!); // (ids in order: cell k is id k)
  return { order, start: Int32Array.from(starts), cellOf, table, cx, cy };
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(a: number): number {
    while (this.parent[a] !== a) {
      this.parent[a] = this.parent[this.parent[a]!]!;
      a = this.parent[a]!;
    }
    return a;
  }
  union(a: number, b: number): void {
    const ra = this.find(a),
      rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * DBSCAN over projected points (metres), grid-based (Gunawan 2013): points are bucketed in cells
 * of side eps/sqrt(2), so a cell with minPoints points is all core without any distance test, and
 * only the 21 nearby cells are ever searched. Linear in the number of points for a fixed density.
 *
 * Same result as classic DBSCAN for core points and noise; a border point (within eps of core
 * points of two clusters) joins the cluster of its nearest core point. Labels (0, 1, ...; -1 noise)
 * are numbered in order of each cluster's first core point in the input, so they are deterministic.
 * NaN coordinates are noise.
 */
export function dbscan(
  x: Float64Array,
  y: Float64Array,
  epsM: number = DBSCAN_DEFAULTS.epsM,
  minPoints: number = DBSCAN_DEFAULTS.minPoints,
): Int32Array {
  const n = x.length;
  if (y.length !== n) throw new Error(`dbscan: expected ${n} y values, got ${y.length}`);
  if (!(epsM > 0) || !(minPoints >= 1)) throw new Error(`dbscan: expected epsM > 0 and minPoints >= 1, got ${epsM}, ${minPoints}`);
  const labels = new Int32Array(n).fill(NOISE);
  const g = buildCells(x, y, epsM / Math.SQRT2);
  const cells = g.start.length - 1;
  if (cells <= 0) return labels;
  const eps2 = epsM * epsM;
  const core = markCore(g, cells, minPoints, x, y, eps2);
  const uf = new UnionFind(cells);
  const coreCell = new Uint8Array(cells);
  for (let k = 0; k < cells; k++)
    for (let p = g.start[k]!; p < g.start[k + 1]!; p++)
      if (core[g.order[p]!]) {
        coreCell[k] = 1;
        break;
      }
  const near = new Int32Array(NEAR_CELLS.length);
  for (let k = 0; k < cells; k++) {
    if (!coreCell[k]) continue;
    for (let c = 0, m = nearCellsOf(g, k, near); c < m; c++) {
      const d = near[c]!;
      if (d <= k || !coreCell[d] || uf.find(d) === uf.find(k)) continue;
      if (anyCorePair(g, k, d, core, x, y, eps2)) uf.union(k, d);
    }
  }
  const labelOfRoot = new Int32Array(cells).fill(NOISE);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i]) continue;
    const root = uf.find(g.cellOf[i]!);
    if (labelOfRoot[root] === NOISE) labelOfRoot[root] = next++;
    labels[i] = labelOfRoot[root]!;
  }
  // Border points join their nearest core point's cluster, cell by cell (the near cells found once a cell).
  for (let k = 0; k < cells; k++) {
    let m = -1;
    for (let p = g.start[k]!; p < g.start[k + 1]!; p++) {
      const i = g.order[p]!;
      if (core[i]) continue;
      if (m < 0) m = nearCellsOf(g, k, near);
      const best = nearestCore(g, i, near, m, coreCell, core, x, y, eps2);
      if (best >= 0) labels[i] = labels[best]!;
    }
  }
  return labels;
}

/** The core point nearest point `i` within eps (the lowest index among equals), in the `m` cells `near`; -1 for none. */
function nearestCore(
  g: CellIndex,
  i: number,
  near: Int32Array,
  m: number,
  coreCell: Uint8Array,
  core: Uint8Array,
  x: Float64Array,
  y: Float64Array,
  eps2: number,
): number {
  let best = -1,
    bestD = Infinity;
  for (let c = 0; c < m; c++) {
    const d = near[c]!;
    if (!coreCell[d]) continue;
    for (let p = g.start[d]!; p < g.start[d + 1]!; p++) {
      const j = g.order[p]!;
      if (!core[j]) continue;
      const dist = (x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2;
      if (dist <= eps2 && (dist < bestD || (dist === bestD && j < best))) {
        best = j;
        bestD = dist;
      }
    }
  }
  return best;
}

/** The cells near cell `k` that hold points (itself included), into `out`; how many. */
function nearCellsOf(g: CellIndex, k: number, out: Int32Array): number {
  let m = 0;
  for (let c = 0; c < NEAR_CELLS.length; c++) {
    const d = g.table.find(g.cx[k]! + NEAR_CELLS[c]![0], g.cy[k]! + NEAR_CELLS[c]![1]);
    if (d >= 0) out[m++] = d;
  }
  return m;
}

/**
 * Core points: a full cell is all core; elsewhere count neighbours, stopping at minPoints. (Loops
 * rather than callbacks: the optimising compiler runs without inlining, see src/cli/start.ts.)
 */
function markCore(g: CellIndex, cells: number, minPoints: number, x: Float64Array, y: Float64Array, eps2: number): Uint8Array {
  const core = new Uint8Array(g.cellOf.length);
  const near = new Int32Array(NEAR_CELLS.length);
  for (let k = 0; k < cells; k++) {
    const size = g.start[k + 1]! - g.start[k]!;
    const m = size >= minPoints ? 0 : nearCellsOf(g, k, near);
    for (let p = g.start[k]!; p < g.start[k + 1]!; p++) {
      const i = g.order[p]!;
      if (size >= minPoints) {
        core[i] = 1;
        continue;
      }
      // (its own cell's points are all within eps: the cell's diagonal is eps)
      let count = size;
      for (let c = 0; c < m && count < minPoints; c++) {
        const d = near[c]!;
        if (d === k) continue;
        for (let q = g.start[d]!; q < g.start[d + 1]! && count < minPoints; q++) {
          const j = g.order[q]!;
          if ((x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2 <= eps2) count++;
        }
      }
      if (count >= minPoints) core[i] = 1;
    }
  }
  return core;
}

function anyCorePair(g: CellIndex, a: number, b: number, core: Uint8Array, x: Float64Array, y: Float64Array, eps2: number): boolean {
  for (let p = g.start[a]!; p < g.start[a + 1]!; p++) {
    const i = g.order[p]!;
    if (!core[i]) continue;
    for (let q = g.start[b]!; q < g.start[b + 1]!; q++) {
      const j = g.order[q]!;
      if (core[j] && (x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2 <= eps2) return true;
    }
  }
  return false;
}
