import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandwidthNrd, densitySurface, quarticDensity, selectKth } from '../../src/score/kde.js';
import { Random } from '../../tools/scenario/random.js';

const ref = JSON.parse(readFileSync('fixtures/kde/spatstat-quartic.json', 'utf8')) as {
  points: { x: number[]; y: number[] };
  bandwidth_m: number;
  cell_m: number;
  cols: number;
  rows: number;
  per_km2: number[];
};

describe('kernel density (quartic)', () => {
  it("matches spatstat's quartic kernel on a small case to 1e-6 (fixtures/kde)", () => {
    const got = quarticDensity(Float64Array.from(ref.points.x), Float64Array.from(ref.points.y), {
      originX: 0,
      originY: 0,
      cellSizeM: ref.cell_m,
      cols: ref.cols,
      rows: ref.rows,
      bandwidthM: ref.bandwidth_m,
    });
    expect(got).toHaveLength(ref.per_km2.length);
    ref.per_km2.forEach((v, k) => expect(Math.abs(got[k]! - v)).toBeLessThan(1e-6));
    // By hand: the point (25, 25) alone at its own cell centre is 3 / (pi h^2) per m^2.
    const one = quarticDensity(Float64Array.of(25), Float64Array.of(25), {
      originX: 0,
      originY: 0,
      cellSizeM: 10,
      cols: 10,
      rows: 8,
      bandwidthM: 30,
    });
    expect(one[2 * 10 + 2]).toBeCloseTo((3 / (Math.PI * 900)) * 1e6, 9);
    expect(one[2 * 10 + 3]).toBeCloseTo((3 / (Math.PI * 900)) * 1e6 * (1 - 100 / 900) ** 2, 9); // 10 m away
    expect(one[2 * 10 + 5]).toBe(0); // 30 m away: the edge of the support
  });

  it('uses MASS bandwidth.nrd: 4 * 1.06 * min(sd, IQR / 1.34) * n^(-1/5)', () => {
    const tenValues = Float64Array.from({ length: 10 }, (_, i) => i + 1); // sd sqrt(55/6) < IQR 4.5 / 1.34
    expect(bandwidthNrd(tenValues)).toBeCloseTo(4 * 1.06 * Math.sqrt(55 / 6) * 10 ** -0.2, 12);
    const skewed = Float64Array.of(0, 0, 0, 1, 1, 1, 2, 2, 3, 100); // IQR (R's type 7) 2 - 0.25 = 1.75: 1.75 / 1.34 < sd
    expect(bandwidthNrd(skewed)).toBeCloseTo(4 * 1.06 * (1.75 / 1.34) * 10 ** -0.2, 12);
  });

  it('selects order statistics as sorting would, with ties, sorted and reversed input, and leaves the values partitioned', () => {
    const random = new Random(11);
    const inputs = [
      Float64Array.from({ length: 1001 }, () => Math.floor(random.next() * 7)), // few distinct values
      Float64Array.from({ length: 500 }, (_, i) => i), // sorted
      Float64Array.from({ length: 500 }, (_, i) => -i), // reversed
      Float64Array.from({ length: 300 }, () => random.next() * 1e6),
      Float64Array.of(5),
    ];
    for (const values of inputs) {
      const sorted = Float64Array.from(values).sort();
      for (const k of [0, 1, Math.floor(values.length / 4), Math.floor(values.length / 2), values.length - 1].filter(
        (k) => k < values.length,
      )) {
        const work = Float64Array.from(values);
        expect(selectKth(work, k)).toBe(sorted[k]);
        for (let i = 0; i < work.length; i++) expect(i < k ? work[i]! <= work[k]! : work[i]! >= work[k]!).toBe(true);
      }
    }
  });

  it('integrates to the number of reports over its grid', () => {
    const random = new Random(3);
    const n = 500;
    const x = Float64Array.from({ length: n }, () => 176000 + random.next() * 3000);
    const y = Float64Array.from({ length: n }, () => 317000 + random.next() * 2000);
    const d = densitySurface(x, y)!;
    expect(d.bandwidthM).toBeGreaterThanOrEqual(d.cellSizeM);
    const total = d.perKm2.reduce((s, v) => s + v, 0) * (d.cellSizeM / 1000) ** 2;
    expect(Math.abs(total - n) / n).toBeLessThan(0.03);
    expect(densitySurface(Float64Array.of(1, 2), Float64Array.of(1, 2))).toBeNull();
  });
});
