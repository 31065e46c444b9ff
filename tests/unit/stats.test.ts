import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localG, toNeighbours } from '../../src/score/getis-ord.js';
import { fdrAdjust, normalCdf, normalSf, twoSidedP } from '../../src/stats/normal.js';
import { autoCellSizeM, cellAt, giStarGrid, isHotCell } from '../../src/score/grid.js';

const vectors = JSON.parse(readFileSync('fixtures/reference/hotspot-test-vectors.json', 'utf8'));

/** Distance-band neighbours 0 < d <= band (plus self for Gi*), like libpysal DistanceBand / spdep dnearneigh. */
function distanceBand(points: number[][], band: number, self: boolean) {
  return toNeighbours(
    points.map((p, i) =>
      points.flatMap((q, j) => {
        const d = Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!);
        return (i === j ? self : d > 0 && d <= band + 1e-9) ? [j] : [];
      }),
    ),
  );
}

const expectClose = (actual: ArrayLike<number>, expected: number[], tol = 1e-6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i]! - e)).toBeLessThan(tol));
};

describe('Getis-Ord local G against published values', () => {
  it('esda G_Local, 6 points, binary weights: Gi and Gi*', () => {
    const v = vectors.esda_glocal_6pt;
    const y = Float64Array.from(v.y);
    expectClose(localG(y, distanceBand(v.points, 15, false), false), v.expected.Gi_z_binary);
    expectClose(localG(y, distanceBand(v.points, 15, true), true), v.expected.Gistar_z_binary);
  });

  it('spdep localG on the Getis & Ord (1996) 16x16 grid, cell 120', () => {
    const v = vectors.spdep_getisord_16x16;
    const val = Float64Array.from(v.val);
    const xy = [...val.keys()].map((i) => [30 * (i % 16), 30 * Math.floor(i / 16)]);
    const cell = v.test_cell_1based - 1;
    for (const d of [30, 60, 90, 120, 150]) {
      expect(localG(val, distanceBand(xy, d, false), false)[cell]).toBeCloseTo(v.expected[`Gi_d${d}`], 6);
    }
    expect(localG(val, distanceBand(xy, 30, true), true)[cell]).toBeCloseTo(v.expected.Gistar_d30, 5);
    const full = typeof v.derived_full_vectors === 'string' ? null : v.derived_full_vectors;
    if (full) {
      expectClose(localG(val, distanceBand(xy, 30, false), false), full.Gi_d30);
      expectClose(localG(val, distanceBand(xy, 30, true), true), full.Gistar_d30);
    }
  });
});

describe('normal distribution and FDR', () => {
  it('matches known quantiles', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 12);
    expect(normalSf(3)).toBeCloseTo(0.0013498980316301, 14);
    expect(twoSidedP(-0.88545628)).toBeCloseTo(0.37591059, 7);
    expect(normalCdf(-40)).toBe(0);
  });
  it('Benjamini-Hochberg as R p.adjust(method = "BH")', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    expectClose(fdrAdjust(Float64Array.from([0.01, 0.04, 0.03, 0.005, 0.5])), [0.025, 0.05, 0.05, 0.025, 0.5], 1e-12);
  });
});

describe('grid Gi*', () => {
  it('uses sfhotspot automatic cell sizes', () => {
    expect(autoCellSizeM(20_000, 16_000)).toBe(300);
    expect(autoCellSizeM(4_000, 9_000)).toBe(80);
    expect(autoCellSizeM(2_849, 3_500)).toBe(50); // 56.98 m rounds down to 50, never shown unrounded (City of London)
    expect(autoCellSizeM(300, 900)).toBe(10);
  });
  it('finds the planted cluster as a significant hot cell and not the background', () => {
    const xs: number[] = [],
      ys: number[] = [];
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      xs.push(170_000 + rnd() * 6000);
      ys.push(310_000 + rnd() * 6000);
    }
    for (let i = 0; i < 120; i++) {
      xs.push(172_520 + rnd() * 40);
      ys.push(312_530 + rnd() * 40);
    }
    const grid = giStarGrid(Float64Array.from(xs), Float64Array.from(ys))!;
    expect(grid.cellSizeM).toBe(100);
    const hot = cellAt(grid, 172_540, 312_550);
    expect(isHotCell(grid, hot)).toBe(true);
    expect(isHotCell(grid, cellAt(grid, 174_000, 314_000))).toBe(false);
  });
});
