import { describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/pipeline/accuracy.js';
import { convexHull, distanceToHull } from '../../src/geo/hull.js';
import { CELL_EDGE_M, CELL_SIZE_M, cellKey } from '../../src/model/assessment.js';
import { Random } from '../../tools/scenario/random.js';

/** The cells of the hulls as first written: every cell of every hull's box measured, in order. */
function everyCellMeasured(hulls: ReadonlyArray<Array<[number, number]>>): number[] {
  const out = new Set<number>();
  for (const hull of hulls) {
    if (hull.length === 0) continue;
    const xs = hull.map((p) => p[0]),
      ys = hull.map((p) => p[1]);
    const [x0, x1] = [Math.floor((Math.min(...xs) - CELL_EDGE_M) / CELL_SIZE_M), Math.floor((Math.max(...xs) + CELL_EDGE_M) / CELL_SIZE_M)];
    const [y0, y1] = [Math.floor((Math.min(...ys) - CELL_EDGE_M) / CELL_SIZE_M), Math.floor((Math.max(...ys) + CELL_EDGE_M) / CELL_SIZE_M)];
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        if (distanceToHull(hull, (cx + 0.5) * CELL_SIZE_M, (cy + 0.5) * CELL_SIZE_M) <= CELL_EDGE_M) out.add(cellKey(cx, cy));
      }
    }
  }
  return [...out];
}

/** `n` hulls of 1-12 points round centres within `spreadM` of (176,000, 317,000), nested and overlapping. */
function hullsOf(rnd: Random, n: number, spreadM: number): Array<Array<[number, number]>> {
  return Array.from({ length: n }, () => {
    const cx = 176_000 + (rnd.next() - 0.5) * spreadM,
      cy = 317_000 + (rnd.next() - 0.5) * spreadM,
      r = rnd.next() < 0.1 ? 600 * rnd.next() : 60 * rnd.next();
    const points = Array.from(
      { length: 1 + Math.floor(rnd.next() * 12) },
      () => [cx + (rnd.next() - 0.5) * r, cy + (rnd.next() - 0.5) * r] as const,
    );
    return convexHull(points) as Array<[number, number]>;
  });
}

describe('cellsOf: the cells near a list’s places', () => {
  it('the same cells in the same order as measuring every cell of every box, over seeds, with nested and far-apart places', () => {
    for (const seed of [1, 2, 3, 4]) {
      const rnd = new Random(seed);
      const hulls = hullsOf(rnd, 300, 3000);
      hulls.push([], [[176_010.5, 317_020.25]]); // an empty hull and a single point
      expect([...cellsOf(hulls)]).toEqual(everyCellMeasured(hulls));
    }
    // places 300 km apart: more cells than the flags cover, so a set of keys keeps what was found
    const far = [
      ...hullsOf(new Random(9), 40, 2000),
      ...hullsOf(new Random(10), 40, 2000).map((h) => h.map(([x, y]) => [x + 300_000, y + 300_000] as [number, number])),
    ];
    expect([...cellsOf(far)]).toEqual(everyCellMeasured(far));
    expect(cellsOf([]).size).toBe(0);
  });
});
