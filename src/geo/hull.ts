/** A ring of [x, y] vertices, counter-clockwise, not closed (first vertex not repeated). */
export type Ring = Array<[number, number]>;

/** > 0 when (px, py) lies left of the line from (ox, oy) to (ax, ay) (the cross product's z). */
const turn = (ox: number, oy: number, ax: number, ay: number, px: number, py: number) => (ax - ox) * (py - oy) - (ay - oy) * (px - ox);

const cross = (o: [number, number], a: [number, number], b: [number, number]) => turn(o[0], o[1], a[0], a[1], b[0], b[1]);

/**
 * Convex hull (Andrew's monotone chain), O(n log n), of the points `idx` of the coordinate
 * arrays, without copying them into tuples (a hull over a million points stays small).
 * Fewer than three distinct points give those points; collinear points are dropped.
 */
export function convexHullOf(xs: Float64Array, ys: Float64Array, idx: ArrayLike<number>): Ring {
  const order = outsideExtremes(xs, ys, idx).sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]!);
  const chain = (from: number, to: number, step: number): Ring => {
    const out: Ring = [];
    for (let k = from; k !== to; k += step) {
      const p: [number, number] = [xs[order[k]!]!, ys[order[k]!]!];
      const last = out[out.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) continue;
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    return out;
  };
  const lower = chain(0, order.length, 1);
  const upper = chain(order.length - 1, -1, -1);
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  return ring.length >= 3 ? ring : lower; // one or two distinct points, or all on one line: the end points
}

/** Points from this many on are thinned before sorting (below it, sorting them all is as quick). */
const THIN_FROM = 64;

/**
 * The points that can be on the hull (Akl-Toussaint): those not strictly inside the quadrilateral
 * of the points with the least and greatest x + y and x - y. A point strictly inside it is
 * strictly inside the hull, so the hull is the same, found from a fraction of the points.
 */
function outsideExtremes(xs: Float64Array, ys: Float64Array, idx: ArrayLike<number>): Int32Array {
  const all = Int32Array.from(idx);
  if (all.length < THIN_FROM) return all;
  // (each loop a function of its own: compiled while in the first loop, this function gave up in the
  // second one on every later call)
  return keptOutside(xs, ys, all, extremesOf(xs, ys, all));
}

/** The points with the least and greatest x + y and x - y, as indexes into xs and ys. */
function extremesOf(xs: Float64Array, ys: Float64Array, all: Int32Array): { sMin: number; sMax: number; dMin: number; dMax: number } {
  const first = all[0]!;
  let sMin = first,
    sMax = first,
    dMin = first,
    dMax = first,
    sLow = xs[first]! + ys[first]!,
    sHigh = sLow,
    dLow = xs[first]! - ys[first]!,
    dHigh = dLow;
  // Index loops and numbers only: a loop over a million points allocates nothing.
  for (let k = 0; k < all.length; k++) {
    const i = all[k]!;
    const s = xs[i]! + ys[i]!,
      d = xs[i]! - ys[i]!;
    if (s < sLow) {
      sMin = i;
      sLow = s;
    }
    if (s > sHigh) {
      sMax = i;
      sHigh = s;
    }
    if (d < dLow) {
      dMin = i;
      dLow = d;
    }
    if (d > dHigh) {
      dMax = i;
      dHigh = d;
    }
  }
  return { sMin, sMax, dMin, dMax };
}

/** The points of `all` not strictly inside the quadrilateral of the extremes, in `all`'s own array. */
function keptOutside(xs: Float64Array, ys: Float64Array, all: Int32Array, e: ReturnType<typeof extremesOf>): Int32Array {
  // Counter-clockwise: least x+y (bottom left), greatest x-y (bottom right), greatest x+y, least x-y.
  const ax = xs[e.sMin]!,
    ay = ys[e.sMin]!,
    bx = xs[e.dMax]!,
    by = ys[e.dMax]!,
    cx = xs[e.sMax]!,
    cy = ys[e.sMax]!,
    dx = xs[e.dMin]!,
    dy = ys[e.dMin]!;
  let n = 0;
  for (let k = 0; k < all.length; k++) {
    const i = all[k]!;
    const px = xs[i]!,
      py = ys[i]!;
    // (turn() written out: a helper's number result is an allocation per call, four per point)
    const inside =
      (bx - ax) * (py - ay) - (by - ay) * (px - ax) > 0 &&
      (cx - bx) * (py - by) - (cy - by) * (px - bx) > 0 &&
      (dx - cx) * (py - cy) - (dy - cy) * (px - cx) > 0 &&
      (ax - dx) * (py - dy) - (ay - dy) * (px - dx) > 0;
    if (!inside) all[n++] = i;
  }
  return all.subarray(0, n);
}

/** Convex hull of a list of points; see convexHullOf. */
export function convexHull(points: ReadonlyArray<readonly [number, number]>): Ring {
  const xs = Float64Array.from(points, (p) => p[0]),
    ys = Float64Array.from(points, (p) => p[1]);
  return convexHullOf(xs, ys, Int32Array.from(points.keys()));
}

/**
 * Whether a point lies inside or on a convex ring (counter-clockwise). (The turn is written out,
 * as in distanceToRing: the Gi* grid asks this for every cell and every edge, and a helper's
 * number result and a tuple per call were some 30 MB of garbage per screening.)
 */
export function inConvexRing(ring: Ring, x: number, y: number): boolean {
  if (ring.length < 3) return false;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!,
      b = ring[(i + 1) % ring.length]!;
    if ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) < 0) return false;
  }
  return true;
}

/** Distance from a point to the nearest edge of a ring (or vertex, for 1-2 points). */
export function distanceToRing(ring: Ring, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!,
      b = ring[(i + 1) % ring.length]!;
    const ax = a[0],
      ay = a[1];
    const dx = b[0] - ax,
      dy = b[1] - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/** Distance from a point to a convex hull: 0 inside or on it, else to its nearest edge (or vertex, for 1-2 points). */
export function distanceToHull(ring: Ring, x: number, y: number): number {
  return inConvexRing(ring, x, y) ? 0 : distanceToRing(ring, x, y);
}
