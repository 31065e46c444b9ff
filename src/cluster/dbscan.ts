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
  lookup: Map<number, number>; // cell key -> k
  key: (cx: number, cy: number) => number;
  cx: Int32Array; // cell k -> column
  cy: Int32Array; // cell k -> row
}

function buildCells(x: Float64Array, y: Float64Array, side: number): CellIndex {
  const n = x.length;
  let minX = Infinity,
    minY = Infinity;
  for (let i = 0; i < n; i++)
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      minX = Math.min(minX, x[i]!);
      minY = Math.min(minY, y[i]!);
    }
  const stride = 1 << 22; // columns per row in the key; ample for any municipality (4 million cells wide)
  const key = (cx: number, cy: number) => cy * stride + cx;
  const keys = new Float64Array(n).fill(Number.NaN);
  const valid: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
    keys[i] = key(Math.floor((x[i]! - minX) / side), Math.floor((y[i]! - minY) / side));
    valid.push(i);
  }
  const order = Int32Array.from(valid).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const starts: number[] = [];
  const lookup = new Map<number, number>();
  const cellOf = new Int32Array(n).fill(-1);
  const cxs: number[] = [],
    cys: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (k === 0 || keys[i] !== keys[order[k - 1]!]) {
      lookup.set(keys[i]!, starts.length);
      starts.push(k);
      cys.push(Math.floor(keys[i]! / stride));
      cxs.push(keys[i]! - cys[cys.length - 1]! * stride);
    }
    cellOf[i] = starts.length - 1;
  }
  starts.push(order.length);
  return { order, start: Int32Array.from(starts), cellOf, lookup, key, cx: Int32Array.from(cxs), cy: Int32Array.from(cys) };
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
  const near = (i: number, j: number) => (x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2 <= eps2;
  const forNearCells = (k: number, visit: (d: number) => unknown) => {
    for (const [dx, dy] of NEAR_CELLS) {
      const d = g.lookup.get(g.key(g.cx[k]! + dx, g.cy[k]! + dy));
      if (d !== undefined && visit(d) === true) return;
    }
  };
  const core = markCore(g, cells, minPoints, near, forNearCells);
  const uf = new UnionFind(cells);
  const coreCell = new Uint8Array(cells);
  for (let k = 0; k < cells; k++)
    for (let p = g.start[k]!; p < g.start[k + 1]!; p++)
      if (core[g.order[p]!]) {
        coreCell[k] = 1;
        break;
      }
  for (let k = 0; k < cells; k++) {
    if (!coreCell[k]) continue;
    forNearCells(k, (d) => {
      if (d <= k || !coreCell[d] || uf.find(d) === uf.find(k)) return;
      if (anyCorePair(g, k, d, core, near)) uf.union(k, d);
    });
  }
  const labelOfRoot = new Int32Array(cells).fill(NOISE);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i]) continue;
    const root = uf.find(g.cellOf[i]!);
    if (labelOfRoot[root] === NOISE) labelOfRoot[root] = next++;
    labels[i] = labelOfRoot[root]!;
  }
  for (let i = 0; i < n; i++) {
    if (core[i] || g.cellOf[i]! < 0) continue;
    let best = -1,
      bestD = Infinity;
    forNearCells(g.cellOf[i]!, (d) => {
      if (!coreCell[d]) return;
      for (let p = g.start[d]!; p < g.start[d + 1]!; p++) {
        const j = g.order[p]!;
        if (!core[j]) continue;
        const dist = (x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2;
        if (dist <= eps2 && (dist < bestD || (dist === bestD && j < best))) {
          best = j;
          bestD = dist;
        }
      }
    });
    if (best >= 0) labels[i] = labels[best]!;
  }
  return labels;
}

/** Core points: a full cell is all core; elsewhere count neighbours, stopping at minPoints. */
function markCore(
  g: CellIndex,
  cells: number,
  minPoints: number,
  near: (i: number, j: number) => boolean,
  forNearCells: (k: number, visit: (d: number) => unknown) => void,
): Uint8Array {
  const core = new Uint8Array(g.cellOf.length);
  for (let k = 0; k < cells; k++) {
    const size = g.start[k + 1]! - g.start[k]!;
    for (let p = g.start[k]!; p < g.start[k + 1]!; p++) {
      const i = g.order[p]!;
      if (size >= minPoints) {
        core[i] = 1;
        continue;
      }
      let count = 0;
      forNearCells(k, (d) => {
        if (d === k) {
          count += size;
          return count >= minPoints;
        }
        for (let q = g.start[d]!; q < g.start[d + 1]! && count < minPoints; q++) if (near(i, g.order[q]!)) count++;
        return count >= minPoints;
      });
      if (count >= minPoints) core[i] = 1;
    }
  }
  return core;
}

function anyCorePair(g: CellIndex, a: number, b: number, core: Uint8Array, near: (i: number, j: number) => boolean): boolean {
  for (let p = g.start[a]!; p < g.start[a + 1]!; p++) {
    const i = g.order[p]!;
    if (!core[i]) continue;
    for (let q = g.start[b]!; q < g.start[b + 1]!; q++) {
      const j = g.order[q]!;
      if (core[j] && near(i, j)) return true;
    }
  }
  return false;
}
