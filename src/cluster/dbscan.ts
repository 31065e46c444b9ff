import KDBush from 'kdbush';

/**
 * Defaults for street-level nuisance (research notes, section 12): a neighbourhood of about one
 * street segment, and a core that needs more reports than a single incident produces.
 */
export const DBSCAN_DEFAULTS = {
  /** Neighbourhood radius in metres (RD New). */
  epsM: 75,
  /** Reports within epsM, the point itself included, for a core point. */
  minPoints: 8,
} as const;

export const NOISE = -1;
const UNVISITED = -2;

/**
 * DBSCAN over projected points (metres) with a KD-tree: O(n log n) plus the neighbourhood sizes.
 * Returns a cluster label per point (0, 1, ...; -1 noise), numbered in order of first core point,
 * so the result is deterministic for a given input order. NaN coordinates are noise.
 */
export function dbscan(x: Float64Array, y: Float64Array, epsM: number = DBSCAN_DEFAULTS.epsM, minPoints: number = DBSCAN_DEFAULTS.minPoints): Int32Array {
  const n = x.length;
  if (y.length !== n) throw new Error(`dbscan: expected ${n} y values, got ${y.length}`);
  if (!(epsM > 0) || !(minPoints >= 1)) throw new Error(`dbscan: expected epsM > 0 and minPoints >= 1, got ${epsM}, ${minPoints}`);
  const labels = new Int32Array(n).fill(UNVISITED);
  const valid: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) valid.push(i); else labels[i] = NOISE;
  if (valid.length === 0) return labels;
  const index = new KDBush(valid.length, 64, Float64Array);
  for (const i of valid) index.add(x[i]!, y[i]!);
  index.finish();
  const found = new Int32Array(valid.length);
  const queue = new Int32Array(valid.length);
  let cluster = 0;
  const neighbours = (k: number) => index.withinInto(x[valid[k]!]!, y[valid[k]!]!, epsM, found);
  for (let k = 0; k < valid.length; k++) {
    if (labels[valid[k]!] !== UNVISITED) continue;
    let count = neighbours(k);
    if (count < minPoints) {
      labels[valid[k]!] = NOISE;
      continue;
    }
    labels[valid[k]!] = cluster;
    let head = 0, tail = 0;
    for (;;) {
      for (let j = 0; j < count; j++) {
        const m = found[j]!, id = valid[m]!;
        if (labels[id] === UNVISITED) {
          labels[id] = cluster;
          queue[tail++] = m;
        } else if (labels[id] === NOISE) labels[id] = cluster; // border point
      }
      let next = -1;
      while (head < tail) {
        const m = queue[head++]!;
        count = neighbours(m);
        if (count >= minPoints) { next = m; break; }
      }
      if (next < 0) break;
    }
    cluster++;
  }
  return labels;
}
