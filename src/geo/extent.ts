/** A bounding box; Infinity and -Infinity when it holds no point. */
export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * The bounding box of points, by a loop: Math.min(...xs) throws a RangeError above about 100,000
 * arguments, fewer than the cells of a big city or the hull vertices of a busy area.
 */
export function extentOf(points: Iterable<readonly [number, number]>): Extent {
  const e = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    e.minX = Math.min(e.minX, x);
    e.minY = Math.min(e.minY, y);
    e.maxX = Math.max(e.maxX, x);
    e.maxY = Math.max(e.maxY, y);
  }
  return e;
}
