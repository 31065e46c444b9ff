/** A ring of [x, y] vertices, counter-clockwise, not closed (first vertex not repeated). */
export type Ring = Array<[number, number]>;

const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/**
 * Convex hull (Andrew's monotone chain), O(n log n), of the points `idx` of the coordinate
 * arrays, without copying them into tuples (a hull over a million points stays small).
 * Fewer than three distinct points give those points; collinear points are dropped.
 */
export function convexHullOf(xs: Float64Array, ys: Float64Array, idx: ArrayLike<number>): Ring {
  const order = Int32Array.from(idx).sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]!);
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

/** Convex hull of a list of points; see convexHullOf. */
export function convexHull(points: ReadonlyArray<readonly [number, number]>): Ring {
  const xs = Float64Array.from(points, (p) => p[0]), ys = Float64Array.from(points, (p) => p[1]);
  return convexHullOf(xs, ys, Int32Array.from(points.keys()));
}

/** Whether a point lies inside or on a convex ring (counter-clockwise). */
export function inConvexRing(ring: Ring, x: number, y: number): boolean {
  if (ring.length < 3) return false;
  for (let i = 0; i < ring.length; i++) {
    if (cross(ring[i]!, ring[(i + 1) % ring.length]!, [x, y]) < 0) return false;
  }
  return true;
}

/** Distance from a point to the nearest edge of a ring (or vertex, for 1-2 points). */
export function distanceToRing(ring: Ring, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i]!, [bx, by] = ring[(i + 1) % ring.length]!;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}
