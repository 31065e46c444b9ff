/**
 * Measures of the effect of an aanpak at a place: counts before and after its start, in the
 * treated area, a displacement ring around it and a control area (the rest of the municipality).
 * Pure functions on counts; exposures in weeks.
 */

const Z95 = 1.959963984540054;

/** A rate ratio with its 95 % interval and the exact two-sided p-value of "no change". */
export interface RateRatio {
  /** (after / afterWeeks) / (before / beforeWeeks); 0 or Infinity when a count is 0. */
  ratio: number;
  lo: number;
  hi: number;
  p: number;
}

/** Above this many reports in all, the interval is the log-normal one (the exact one agrees there, and costs O(n)). */
const EXACT_MAX = 5000;

/**
 * Change of a Poisson rate, as R's poisson.test: given after + before = n reports, after is
 * Binomial(n, share of the exposure) when nothing changed. The interval is the exact
 * (Clopper-Pearson) one of that share, turned into a rate ratio, so a place that fell silent
 * (0 after) still gets a finite upper limit; above 5,000 reports the log-normal interval
 * (sqrt(1/a + 1/b)) is used.
 */
export function rateRatio(after: number, afterWeeks: number, before: number, beforeWeeks: number): RateRatio {
  const exposure = beforeWeeks / afterWeeks;
  const ratio = before === 0 ? (after === 0 ? 1 : Number.POSITIVE_INFINITY) : (after / before) * exposure;
  const p = binomialTest(after, after + before, afterWeeks / (afterWeeks + beforeWeeks));
  const n = after + before;
  if (n === 0) return { ratio, lo: 0, hi: Number.POSITIVE_INFINITY, p };
  if (n > EXACT_MAX && after > 0 && before > 0) {
    const se = Math.sqrt(1 / after + 1 / before);
    return { ratio, lo: ratio * Math.exp(-Z95 * se), hi: ratio * Math.exp(Z95 * se), p };
  }
  const [lo, hi] = clopperPearson(after, n);
  const odds = (q: number) => (q >= 1 ? Number.POSITIVE_INFINITY : (q / (1 - q)) * exposure);
  return { ratio, lo: odds(lo), hi: odds(hi), p };
}

/** The exact 95 % interval of a binomial share x of n (Clopper-Pearson), by bisection on the binomial tails. */
export function clopperPearson(x: number, n: number): [number, number] {
  const tail = 0.025;
  const solve = (tooHigh: (q: number) => boolean) => {
    let lo = 0,
      hi = 1;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (tooHigh(mid)) hi = mid;
      else lo = mid;
    }
    return (lo + hi) / 2;
  };
  const lower = x === 0 ? 0 : solve((q) => 1 - binomialCdf(x - 1, n, q) >= tail);
  const upper = x === n ? 1 : solve((q) => binomialCdf(x, n, q) <= tail);
  return [lower, upper];
}

/** P(X <= x) for X ~ Binomial(n, q), summed in log space. */
export function binomialCdf(x: number, n: number, q: number): number {
  if (x < 0) return 0;
  if (x >= n || q <= 0) return 1;
  if (q >= 1) return 0;
  let log = n * Math.log1p(-q),
    sum = Math.exp(log);
  const odds = Math.log(q) - Math.log1p(-q);
  for (let k = 0; k < x; k++) {
    log += Math.log((n - k) / (k + 1)) + odds;
    sum += Math.exp(log);
  }
  return Math.min(1, sum);
}

/** The ratio of two rate ratios (treated against control) with its log-normal 95 % interval. */
export function ratioOfRatios(
  treated: { after: number; before: number },
  control: { after: number; before: number },
): { ratio: number; lo: number; hi: number } {
  const zero = treated.after === 0 || treated.before === 0 || control.after === 0 || control.before === 0;
  const c = zero ? 0.5 : 0;
  const [ta, tb, ca, cb] = [treated.after + c, treated.before + c, control.after + c, control.before + c];
  const ratio = ta / tb / (ca / cb);
  const se = Math.sqrt(1 / ta + 1 / tb + 1 / ca + 1 / cb);
  return { ratio, lo: ratio * Math.exp(-Z95 * se), hi: ratio * Math.exp(Z95 * se) };
}

/**
 * Exact two-sided binomial test of x successes in n trials with probability p: the sum of the
 * probabilities of all outcomes no more likely than x (R's binom.test, relative tolerance 1e-7).
 */
export function binomialTest(x: number, n: number, p: number): number {
  if (n === 0) return 1;
  if (p <= 0) return x === 0 ? 1 : 0;
  if (p >= 1) return x === n ? 1 : 0;
  const logPmf = new Float64Array(n + 1);
  logPmf[0] = n * Math.log1p(-p);
  const odds = Math.log(p) - Math.log1p(-p);
  for (let k = 0; k < n; k++) logPmf[k + 1] = logPmf[k]! + Math.log((n - k) / (k + 1)) + odds;
  const limit = logPmf[x]! + Math.log1p(1e-7);
  let sum = 0;
  for (let k = 0; k <= n; k++) if (logPmf[k]! <= limit) sum += Math.exp(logPmf[k]!);
  return Math.min(1, sum);
}

/** Counts before (0) and after (1) in the treated area, its control, the displacement ring and the ring's control. */
export interface DisplacementCounts {
  t0: number;
  t1: number;
  c0: number;
  c1: number;
  d0: number;
  d1: number;
  cd0: number;
  cd1: number;
}

/**
 * Weighted Displacement Difference (Wheeler & Ratcliffe 2018): the treated area's change beyond
 * its control's, plus the ring's change beyond its control's. Negative: fewer reports overall
 * (a net benefit); the variance is the sum of the eight counts (Poisson).
 */
export function weightedDisplacementDifference(k: DisplacementCounts): { wdd: number; se: number; z: number; lo: number; hi: number } {
  const wdd = k.t1 - k.t0 - (k.c1 - k.c0) + (k.d1 - k.d0) - (k.cd1 - k.cd0);
  const se = Math.sqrt(k.t0 + k.t1 + k.c0 + k.c1 + k.d0 + k.d1 + k.cd0 + k.cd1);
  return { wdd, se, z: se > 0 ? wdd / se : 0, lo: wdd - Z95 * se, hi: wdd + Z95 * se };
}

/**
 * Weighted Displacement Quotient (Bowers & Johnson 2003): the ring's change relative to its
 * control, over the treated area's change relative to its control. Defined only when the treated
 * area improved (success measure below 0): above 0 diffusion of benefits, below 0 displacement,
 * below -1 more displaced than gained. No standard error is defined for it.
 */
export function weightedDisplacementQuotient(k: DisplacementCounts): { wdq: number; displacement: number; success: number } | undefined {
  if (k.c0 === 0 || k.c1 === 0 || k.cd0 === 0 || k.cd1 === 0) return undefined;
  const success = k.t1 / k.c1 - k.t0 / k.c0;
  const displacement = k.d1 / k.cd1 - k.d0 / k.cd0;
  return success < 0 ? { wdq: displacement / success, displacement, success } : undefined;
}

/**
 * WDD when one large control area (the rest of the municipality) serves the treated area and the
 * ring alike: the control's change is scaled to each area's before count (the change expected
 * had the area followed the city), so a control far larger than the place does not swamp it:
 * WDD = (t1 - t0) - t0 (c1/c0 - 1) + (d1 - d0) - d0 (c1/c0 - 1). When the before window is longer
 * than the after window, the before counts are first scaled by `beforeScale` (after weeks / before
 * weeks), so WDD counts reports over the after window. The variance treats the scale factors as
 * fixed: s^2 (t0 + d0) + t1 + d1 + w^2 (s^2 c0 + c1), w = (t0 + d0) / c0 (scale-free), s = beforeScale.
 */
export function wddWithCityControl(
  k: { t0: number; t1: number; d0: number; d1: number; c0: number; c1: number },
  beforeScale = 1,
): { wdd: number; se: number; z: number; lo: number; hi: number } {
  const s = beforeScale;
  const [t0, d0, c0] = [k.t0 * s, k.d0 * s, k.c0 * s];
  const cityChange = c0 > 0 ? k.c1 / c0 - 1 : 0;
  const wdd = k.t1 - t0 - t0 * cityChange + (k.d1 - d0) - d0 * cityChange;
  const w = c0 > 0 ? (t0 + d0) / c0 : 0;
  const se = Math.sqrt(s * s * (k.t0 + k.d0) + k.t1 + k.d1 + w * w * (s * s * k.c0 + k.c1));
  return { wdd, se, z: se > 0 ? wdd / se : 0, lo: wdd - Z95 * se, hi: wdd + Z95 * se };
}
