import { describe, expect, it } from 'vitest';
import {
  binomialTest,
  clopperPearson,
  rateRatio,
  ratioOfRatios,
  weightedDisplacementDifference,
  weightedDisplacementQuotient,
  wddWithCityControl,
} from '../../src/stats/effect.js';
import { gini, jaccard, listAccuracy, lorenzCurve, placesShareFor, repeatRates, wilson } from '../../src/stats/accuracy.js';

describe('effect measures', () => {
  it('WDD: the published worked example (Wheeler & Ratcliffe 2018; ptools tests)', () => {
    const r = weightedDisplacementDifference({ t0: 207, t1: 110, c0: 308, c1: 318, d0: 178, d1: 157, cd0: 150, cd1: 140 });
    expect(r.wdd).toBe(-118);
    expect(r.se).toBeCloseTo(Math.sqrt(1568), 12);
    expect(r.z).toBeCloseTo(-2.98, 2);
    expect(Math.round(r.lo)).toBe(-196);
    expect(Math.round(r.hi)).toBe(-40);
  });

  it('WDD with the city as control: the city change scaled to each area (hand-computed)', () => {
    // city 1000 -> 800 (-20 %): expected t 50 -> 40 and d 100 -> 80; observed t 20, d 90
    const r = wddWithCityControl({ t0: 50, t1: 20, d0: 100, d1: 90, c0: 1000, c1: 800 });
    expect(r.wdd).toBeCloseTo(-30 + 10 - 10 + 20, 12); // (20-50) - 50(-0.2) + (90-100) - 100(-0.2) = -10
    expect(r.se).toBeCloseTo(Math.sqrt(50 + 20 + 100 + 90 + 0.15 ** 2 * 1800), 12);
    // a place that follows the city exactly has WDD 0
    expect(wddWithCityControl({ t0: 50, t1: 40, d0: 100, d1: 80, c0: 1000, c1: 800 }).wdd).toBeCloseTo(0, 12);
  });

  it('WDQ: hand-computed; undefined when the treated area did not improve', () => {
    // success 110/318 - 207/308 = -0.326166; displacement 157/140 - 178/150 = -0.065238; WDQ = 0.200015
    const k = { t0: 207, t1: 110, c0: 308, c1: 318, d0: 178, d1: 157, cd0: 150, cd1: 140 };
    const q = weightedDisplacementQuotient(k)!;
    expect(q.success).toBeCloseTo(110 / 318 - 207 / 308, 12);
    expect(q.displacement).toBeCloseTo(157 / 140 - 178 / 150, 12);
    expect(q.wdq).toBeCloseTo(0.200015, 5);
    expect(weightedDisplacementQuotient({ ...k, t1: 300 })).toBeUndefined();
  });

  it('binomial test: R binom.test values (7 of 20 at 0.5: 0.2632; 11 of 34: 0.05761), and the edges', () => {
    expect(binomialTest(7, 20, 0.5)).toBeCloseTo(0.26317596435546875, 12);
    expect(binomialTest(11, 34, 0.5)).toBeCloseTo(0.05761267291381955, 12);
    expect(binomialTest(0, 5, 0.5)).toBeCloseTo(0.0625, 12);
    expect(binomialTest(3, 40, 26 / 56)).toBeCloseTo(1.7283871500027497e-7, 15);
    expect(binomialTest(0, 0, 0.5)).toBe(1);
  });

  it('rate ratio: 30 reports in 26 weeks before, 12 in 26 after: 0.40 with the exact interval of R poisson.test (0.187-0.805)', () => {
    const r = rateRatio(12, 26, 30, 26);
    expect(r.ratio).toBeCloseTo(0.4, 12);
    expect(r.lo).toBeCloseTo(0.18650910683417898, 6);
    expect(r.hi).toBeCloseTo(0.8045290900361232, 6);
    expect(r.p).toBeCloseTo(binomialTest(12, 42, 0.5), 15);
    // a place that fell silent: 35 reports in 26 weeks, none in 5: a finite upper limit below 1
    const silent = rateRatio(0, 5, 35, 26);
    expect(silent.ratio).toBe(0);
    expect(silent.lo).toBe(0);
    expect(silent.hi).toBeCloseTo(0.5779860136466304, 6);
    // unequal windows: the rate per week counts
    expect(rateRatio(10, 10, 26, 26).ratio).toBeCloseTo(1, 12);
    // many reports: the log-normal interval
    const big = rateRatio(4000, 26, 5000, 26);
    expect(big.lo).toBeCloseTo(0.8 * Math.exp(-1.959963984540054 * Math.sqrt(1 / 4000 + 1 / 5000)), 10);
  });

  it('Clopper-Pearson: 0 of 10 -> 0-0.3085; 5 of 10 -> 0.1871-0.8129 (R binom.test)', () => {
    const [lo0, hi0] = clopperPearson(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.3084971, 6);
    const [lo, hi] = clopperPearson(5, 10);
    expect(lo).toBeCloseTo(0.187086, 5);
    expect(hi).toBeCloseTo(0.812914, 5);
  });

  it('ratio of ratios: a citywide fall is not credited to the place', () => {
    const same = ratioOfRatios({ after: 50, before: 100 }, { after: 500, before: 1000 });
    expect(same.ratio).toBeCloseTo(1, 12);
    expect(same.lo).toBeLessThan(1);
    expect(same.hi).toBeGreaterThan(1);
    const se = Math.sqrt(1 / 50 + 1 / 100 + 1 / 500 + 1 / 1000);
    expect(same.hi).toBeCloseTo(Math.exp(1.959963984540054 * se), 12);
  });
});

describe('accuracy and concentration', () => {
  it('PEI is 1 when the forecast is the observed period; PAI = hit rate / area share', () => {
    const counts = new Map([
      [0, 10],
      [1, 5],
      [2, 1],
      [3, 0],
    ]);
    const best = listAccuracy(new Set([0, 1]), counts, 100);
    expect(best.pei).toBe(1);
    expect(best.hitRate).toBeCloseTo(15 / 16, 12);
    expect(best.pai).toBeCloseTo(15 / 16 / 0.02, 12);
    const worse = listAccuracy(new Set([2, 3]), counts, 100);
    expect(worse.pei).toBeCloseTo(1 / 15, 12);
  });

  it('PAI is about 1 for a random list on uniform data', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const places = 2000;
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const p = Math.floor(rand() * places);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    const listed = new Set<number>();
    while (listed.size < 200) listed.add(Math.floor(rand() * places));
    expect(listAccuracy(listed, counts, places).pai).toBeGreaterThan(0.95);
    expect(listAccuracy(listed, counts, places).pai).toBeLessThan(1.05);
  });

  it('Gini: the closed-form toy cases of lorenzgini (0.78; 0.8 and generalised 0.75; 0.9)', () => {
    expect(gini([10, 8, 2, 0, 0, 0, 0, 0, 0, 0]).gini).toBeCloseTo(0.78, 12);
    expect(gini([10, 8, 2, 0, 0, 0, 0, 0, 0, 0]).generalised).toBeCloseTo(0.78, 12);
    const sparse = gini([5, 2, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(sparse.gini).toBeCloseTo(0.8, 12);
    expect(sparse.generalised).toBeCloseTo(0.75, 12);
    expect(gini([10, 0, 0, 0, 0, 0, 0, 0, 0, 0]).gini).toBeCloseTo(0.9, 12);
    expect(gini([3, 3, 3]).gini).toBe(0);
    // one report in each of N places out of n: maximal equality given the data, generalised 0
    expect(gini([1, 1, 1, 0, 0, 0]).generalised).toBeCloseTo(0, 12);
  });

  it('Lorenz curve and "x % of the reports at y % of the places"', () => {
    const counts = [6, 2, 1, 1, 0, 0, 0, 0, 0, 0];
    expect(lorenzCurve(counts)).toEqual([
      [0, 0],
      [0.1, 0.6],
      [0.2, 0.8],
      [0.3, 0.9],
      [0.4, 1],
      [0.5, 1],
      [0.6, 1],
      [0.7, 1],
      [0.8, 1],
      [0.9, 1],
      [1, 1],
    ]);
    expect(placesShareFor(counts, 0.5)).toBeCloseTo(0.1, 12);
    expect(placesShareFor(counts, 0.8)).toBeCloseTo(0.2, 12);
  });

  it('Jaccard overlap and the Wilson interval', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBeCloseTo(0.5, 12);
    expect(jaccard(new Set(), new Set())).toBe(1);
    const w = wilson(0, 10);
    expect(w.lo).toBe(0);
    expect(w.hi).toBeCloseTo(0.2775, 4); // 1.96^2 / (10 + 1.96^2)
  });

  it('repeat addresses: shares within 4/13/26 weeks, counting only addresses followed long enough', () => {
    const day = 86_400_000;
    const end = 400 * day;
    const r = repeatRates(
      [
        [0, 10 * day], // repeat after 10 days
        [0, 60 * day], // after 60 days
        [0], // never
        [390 * day], // too late to know for any window
      ],
      end,
    );
    expect(r.addresses).toBe(4);
    expect(r.within).toEqual([
      { days: 28, addresses: 3, repeated: 1, share: 1 / 3 },
      { days: 91, addresses: 3, repeated: 2, share: 2 / 3 },
      { days: 182, addresses: 3, repeated: 2, share: 2 / 3 },
    ]);
    expect(r.curve).toEqual([]); // fewer than 30 addresses followed: no curve
    // 24 addresses repeating after 10 days, 16 never: the curve steps up at day 10, up to day 182
    const many = repeatRates([...Array.from({ length: 24 }, () => [0, 10 * day]), ...Array.from({ length: 16 }, () => [0])], end);
    expect(many.curve).toHaveLength(182);
    expect(many.curve[8]).toBe(0);
    expect(many.curve[9]).toBeCloseTo(24 / 40, 12);
    // a window nobody was followed for has no share
    expect(repeatRates([[390 * day]], end).within[0]!.share).toBeNull();
  });
});

describe('effect sentences', () => {
  const base = {
    key: 'HS-0009',
    place: 'Scharnerweg 88',
    aanpak: { since: '2026-03-01' },
    current: { status: 'aanpak', since: '2026-03-01' },
    ringM: 250,
    series: [],
    windows: null,
  };
  it('say why nothing was estimated: too few weeks, or no located reports (an address-only dwelling)', async () => {
    const { effectSentence } = await import('../../src/report/effect.js');
    expect(effectSentence({ ...base, weeks: { before: 26, after: 2 }, notEstimated: 'too-little-data' }, 'nl')).toMatch(
      /te weinig weken .*\(26 weken ervoor en 2 erna; minstens 4 van elk nodig\)/,
    );
    expect(effectSentence({ ...base, weeks: { before: 20, after: 20 }, notEstimated: 'no-located-reports' }, 'en')).toMatch(
      /no reports with a location/,
    );
  });
});
