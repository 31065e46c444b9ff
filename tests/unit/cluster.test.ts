import { describe, expect, it } from 'vitest';
import { dbscan, NOISE } from '../../src/cluster/dbscan.js';
import { convexHull, convexHullOf, inConvexRing } from '../../src/geo/hull.js';
import { Random } from '../../tools/scenario/random.js';

const f64 = (a: number[]) => Float64Array.from(a);

describe('dbscan', () => {
  it('separates two dense groups from noise, border points included', () => {
    // group A: 5 points within 10 m; group B: 5 points 1 km away; one isolated point; one border point of A
    const x = f64([0, 5, 10, 5, 5, 1000, 1005, 1010, 1005, 1005, 5000, 18]);
    const y = f64([0, 0, 0, 5, -5, 0, 0, 0, 5, -5, 5000, 0]);
    const labels = dbscan(x, y, 10, 4);
    expect([...labels]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, NOISE, 0]);
  });

  it('gives the same labels on a grid too large to pack cell and point in one number', () => {
    // the groups above at 1/20 the size, one of them 20,000 km away: some 3 * 10^15 cells of 0.35 m,
    // times 12 points past 2^53, so the cells are sorted with a comparator instead
    const at = (v: number[], d: number) => v.map((c, i) => (i >= 5 && i < 10 ? d + c : c) / 20);
    const x = f64(at([0, 5, 10, 5, 5, 0, 5, 10, 5, 5, 5000, 18], 4e8));
    const y = f64(at([0, 0, 0, 5, -5, 0, 0, 0, 5, -5, 5000, 0], 4e8));
    expect([...dbscan(x, y, 0.5, 4)]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, NOISE, 0]);
  });

  it('matches a brute-force DBSCAN on random data', () => {
    let s = 42;
    const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const n = 800;
    const x = f64(Array.from({ length: n }, () => rnd() * 1000));
    const y = f64(Array.from({ length: n }, () => rnd() * 1000));
    const eps = 40,
      minPts = 5;
    const labels = dbscan(x, y, eps, minPts);
    const nb = (i: number) => [...x.keys()].filter((j) => Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!) <= eps);
    const core = [...x.keys()].map((i) => nb(i).length >= minPts);
    for (let i = 0; i < n; i++) {
      if (core[i]) {
        for (const j of nb(i)) if (core[j]) expect(labels[j]).toBe(labels[i]); // core neighbours share a cluster
        expect(labels[i]).not.toBe(NOISE);
      } else if (nb(i).some((j) => core[j])) expect(nb(i).some((j) => core[j] && labels[j] === labels[i])).toBe(true);
      else expect(labels[i]).toBe(NOISE);
    }
    // Core points share a label exactly when they are connected through core points (brute force).
    const component = new Int32Array(n).fill(-1);
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (!core[i] || component[i]! >= 0) continue;
      const stack = [i];
      component[i] = c;
      while (stack.length > 0) {
        for (const j of nb(stack.pop()!))
          if (core[j] && component[j]! < 0) {
            component[j] = c;
            stack.push(j);
          }
      }
      c++;
    }
    const pairs = new Set<string>();
    for (let i = 0; i < n; i++) if (core[i]) pairs.add(`${component[i]}:${labels[i]}`);
    expect(pairs.size).toBe(c);
    expect(new Set([...labels].filter((l) => l !== NOISE)).size).toBe(c);
  });

  it('treats NaN coordinates as noise and rejects bad parameters', () => {
    expect([...dbscan(f64([NaN, 0, 0]), f64([NaN, 0, 0]), 1, 2)]).toEqual([NOISE, 0, 0]);
    expect(() => dbscan(f64([0]), f64([0]), 0, 2)).toThrow(/expected epsM > 0/);
  });
});

describe('convexHull', () => {
  it('returns the outer ring counter-clockwise without interior or collinear points', () => {
    expect(
      convexHull([
        [0, 0],
        [2, 0],
        [1, 0],
        [2, 2],
        [0, 2],
        [1, 1],
      ]),
    ).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
    expect(
      convexHull([
        [1, 1],
        [1, 1],
      ]),
    ).toEqual([[1, 1]]);
    expect(
      convexHull([
        [0, 0],
        [1, 1],
        [2, 0],
      ]),
    ).toEqual([
      [0, 0],
      [2, 0],
      [1, 1],
    ]);
    expect(
      convexHull([
        [0, 0],
        [1, 1],
        [2, 2],
        [1, 1],
      ]),
    ).toEqual([
      [0, 0],
      [2, 2],
    ]);
    expect(
      inConvexRing(
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
        ],
        1,
        1,
      ),
    ).toBe(true);
    expect(
      inConvexRing(
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
        ],
        3,
        1,
      ),
    ).toBe(false);
  });
});

describe('convexHullOf thins the points before sorting', () => {
  it('finds the hull that sorting every point finds, on clustered, gridded and collinear points', () => {
    const random = new Random(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 50 + Math.floor(random.next() * 400);
      const grid = trial % 3 === 0,
        line = trial % 7 === 0;
      const pts: Array<[number, number]> = Array.from({ length: n }, () => {
        const x = grid ? Math.floor(random.next() * 10) : 176000 + random.next() * 300;
        return [x, line ? 2 * x : grid ? Math.floor(random.next() * 10) : 317000 + random.next() * 300];
      });
      const xs = Float64Array.from(pts, (p) => p[0]),
        ys = Float64Array.from(pts, (p) => p[1]);
      const members = Int32Array.from(pts.keys());
      expect(convexHullOf(xs, ys, members)).toEqual(hullBySortingAll(pts));
    }
  });
});

/** The monotone chain over every point: what convexHullOf gave before it thinned them. */
function hullBySortingAll(points: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const chain = (list: Array<[number, number]>) => {
    const out: Array<[number, number]> = [];
    for (const p of list) {
      const last = out[out.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) continue;
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    return out;
  };
  const lower = chain(sorted),
    upper = chain([...sorted].reverse());
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  return ring.length >= 3 ? ring : lower;
}
