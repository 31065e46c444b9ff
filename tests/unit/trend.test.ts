import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mannKendall } from '../../src/stats/mann-kendall.js';
import { addAoristic } from '../../src/score/aoristic.js';
import { classifyTrend } from '../../src/history/trend.js';
import { wallTimeToUtc } from '../../src/util/time.js';

const vectors = JSON.parse(readFileSync('fixtures/reference/hotspot-test-vectors.json', 'utf8'));

describe('Mann-Kendall against pyMannKendall', () => {
  it('original_test on the 360-point series with NaNs (n = 353)', () => {
    const v = vectors.pymannkendall_original_test;
    const r = mannKendall(v.x_with_nulls.map((x: number | null) => (x === null ? Number.NaN : x)));
    expect(r.n).toBe(353);
    expect(r.s).toBe(v.expected.s);
    expect(r.varS).toBeCloseTo(v.expected.var_s, 6);
    expect(r.z).toBeCloseTo(v.expected.z, 9);
    expect(r.p).toBeCloseTo(v.expected.p, 9);
    expect(r.tau).toBeCloseTo(v.expected.Tau, 9);
  });
  it.each(Object.entries(vectors.mannkendall_small_derived.cases))('%s (ties included)', (series, e) => {
    const r = mannKendall(JSON.parse(series));
    const x = e as { s: number; var_s: number; z: number; p: number; tau: number };
    expect(r.s).toBe(x.s);
    expect(r.varS).toBeCloseTo(x.var_s, 9);
    expect(r.z).toBeCloseTo(x.z, 9);
    expect(r.p).toBeCloseTo(x.p, 9);
    expect(r.tau).toBeCloseTo(x.tau, 9);
  });
});

/** Ratcliffe's hour k (1..168, Sunday 00:00 = 1) to our Monday-first bin. */
const ourBin = (k: number) => (k - 1 - 24 + 168) % 168;
const ams = (y: number, mo: number, d: number, h: number, mi: number) => wallTimeToUtc(y, mo, d, h, mi, 0, 0, 'Europe/Amsterdam');

describe('aoristic allocation against Ratcliffe (derived vectors)', () => {
  const cases: Array<[string, number, number | undefined]> = [
    ['Tue 2022-10-18 10:30 -> 12:30', ams(2022, 10, 18, 10, 30), ams(2022, 10, 18, 12, 30)],
    ['Tue 10:00 -> 11:00', ams(2022, 10, 18, 10, 0), ams(2022, 10, 18, 11, 0)],
    ['Tue 10:59 -> 11:01', ams(2022, 10, 18, 10, 59), ams(2022, 10, 18, 11, 1)],
    ['Sat 2022-10-22 23:00 -> Sun 01:00', ams(2022, 10, 22, 23, 0), ams(2022, 10, 23, 1, 0)],
    ['Tue 10:00 -> 10:01', ams(2022, 10, 18, 10, 0), ams(2022, 10, 18, 10, 1)],
    ['Tue 10:15, no end', ams(2022, 10, 18, 10, 15), undefined],
    ['Tue 10:15 -> 09:00 (end<start)', ams(2022, 10, 18, 10, 15), ams(2022, 10, 18, 9, 0)],
  ];
  it.each(cases)('%s', (name, start, end) => {
    const bins = new Float64Array(168);
    addAoristic(bins, start, end);
    const expected = new Float64Array(168);
    for (const [k, w] of Object.entries(vectors.aoristic_ratcliffe_derived.cases[name] as Record<string, number>))
      expected[ourBin(Number(k))] = w;
    [...bins].forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 12));
  });
  it('spreads a week or more evenly; wraps Sunday into Monday', () => {
    const bins = new Float64Array(168);
    addAoristic(bins, ams(2022, 10, 18, 10, 0), ams(2022, 10, 26, 10, 0));
    expect(bins.every((w) => Math.abs(w - 1 / 168) < 1e-15)).toBe(true);
    const wrap = new Float64Array(168);
    addAoristic(wrap, ams(2022, 10, 23, 23, 30), ams(2022, 10, 24, 0, 30));
    expect([wrap[167], wrap[0]]).toEqual([0.5, 0.5]);
  });
});

describe('aoristic allocation across DST: real minutes, each in the local hour it falls in', () => {
  const nonZero = (bins: Float64Array) =>
    Object.fromEntries([...bins.entries()].filter(([, w]) => w > 0).map(([k, w]) => [k, Number(w.toFixed(12))]));
  const sunday = 6 * 24;
  it('spring: 01:30 CET to 03:30 CEST (one real hour) gives 01h and 03h half each; 02h does not exist', () => {
    const bins = new Float64Array(168);
    addAoristic(bins, Date.parse('2026-03-29T01:30:00+01:00'), Date.parse('2026-03-29T03:30:00+02:00'));
    expect(nonZero(bins)).toEqual({ [sunday + 1]: 0.5, [sunday + 3]: 0.5 });
  });
  it('autumn: 01:30 to 03:30 local (three real hours) gives 01h 1/6, 02h 2/3, 03h 1/6', () => {
    const bins = new Float64Array(168);
    addAoristic(bins, Date.parse('2026-10-25T01:30:00+02:00'), Date.parse('2026-10-25T03:30:00+01:00'));
    expect(nonZero(bins)).toEqual({
      [sunday + 1]: Number((1 / 6).toFixed(12)),
      [sunday + 2]: Number((2 / 3).toFixed(12)),
      [sunday + 3]: Number((1 / 6).toFixed(12)),
    });
  });
  it.each([
    ['spring', '2026-03-23T12:00:00+01:00', 24 * 7 - 1],
    ['autumn', '2026-10-19T12:00:00+02:00', 24 * 7 + 1],
  ])('a window across the %s switch spreads over real hours: weight sums to 1, local hours get what they hold', (_, from, realHours) => {
    const bins = new Float64Array(168);
    const start = Date.parse(from);
    addAoristic(bins, start, start + (realHours - 2) * 3_600_000);
    expect(bins.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const perRealHour = 1 / (realHours - 2);
    expect(bins[sunday + 2]).toBeCloseTo(realHours > 168 ? 2 * perRealHour : 0, 12); // 02h: twice in autumn, never in spring
    expect(bins[sunday + 3]).toBeCloseTo(perRealHour, 12);
  });
});

describe('trend decision table', () => {
  const cat = (series: number[]) => classifyTrend(series).category;
  it.each<[string, number[]]>([
    ['too-short', [3, 4, 5]],
    ['new', [0, 0, 0, 0, 0, 0, 0, 4]],
    ['consecutive', [0, 0, 0, 0, 0, 0, 3, 5, 4]],
    ['consecutive', [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 6, 8, 9, 8, 5, 4, 10]], // stray reports before the run are noise
    ['intensifying', [1, 1, 0, 2, 2, 3, 3, 4, 5, 5, 6, 8, 7, 9, 10, 12]],
    ['persistent', [3, 4, 3, 5, 2, 4, 3, 4, 5, 3, 4, 3, 2, 4, 3, 4]],
    ['diminishing', [12, 10, 9, 9, 7, 8, 6, 5, 4, 4, 3, 2, 2, 1, 0, 1]],
    ['historical', [4, 5, 3, 4, 5, 4, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['oscillating', [3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 2]],
    ['sporadic', [1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1]],
    ['no-pattern', [0, 0, 0, 0, 0, 0]],
  ])('%s', (expected, series) => {
    expect(cat(series)).toBe(expected);
  });
});
