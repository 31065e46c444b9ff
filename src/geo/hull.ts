/** A ring of [x, y] vertices, counter-clockwise, not closed (first vertex not repeated). */
export type Ring = Array<[number, number]>;

const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/**
 * Convex hull (Andrew's monotone chain), O(n log n). Fewer than three distinct points give
 * those points; collinear points are dropped from the ring.
 */
export function convexHull(points: ReadonlyArray<readonly [number, number]>): Ring {
  const pts = [...points].map((p) => [p[0], p[1]] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0] || p[1] !== pts[i - 1]![1]);
  if (unique.length < 3) return unique;
  const lower: Ring = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Ring = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const p = unique[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
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
