/**
 * Measures of the effect of an aanpak at a place: counts before and after its start, in the
 * treated area, a displacement ring around it and a control area (the rest of the municipality).
 * Pure functions on counts; exposures in weeks.
 */

const Z95 = 1.959963984540054;

/** A rate ratio with its 95 % interval and the exact two-sided p-value of "no change". */
export interface RateRatio {
  /** (after / afterWeeks) / (before / beforeWeeks). */
  ratio: number;
  lo: number;
  hi: number;
  p: number;
  /** True when a count was 0 and 0.5 was added to both for the ratio and its interval (Haldane). */
  corrected: boolean;
}

/**
 * Change of a Poisson rate: ratio with a log-normal 95 % interval (sqrt(1/a + 1/b)), and the exact
 * conditional test (as R's poisson.test: after ~ Binomial(after + before, share of the exposure)).
 */
export function rateRatio(after: number, afterWeeks: number, before: number, beforeWeeks: number): RateRatio {
  const corrected = after === 0 || before === 0;
  const a = corrected ? after + 0.5 : after,
    b = corrected ? before + 0.5 : before;
  const ratio = a / afterWeeks / (b / beforeWeeks);
  const se = Math.sqrt(1 / a + 1 / b);
  return {
    ratio,
    lo: ratio * Math.exp(-Z95 * se),
    hi: ratio * Math.exp(Z95 * se),
    p: binomialTest(after, after + before, afterWeeks / (afterWeeks + beforeWeeks)),
    corrected,
  };
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
 * WDD = (t1 - t0) - t0 (c1/c0 - 1) + (d1 - d0) - d0 (c1/c0 - 1). The variance treats the scale
 * factors (t0/c0, d0/c0) as fixed: t0 + t1 + d0 + d1 + ((t0 + d0) / c0)^2 (c0 + c1).
 */
export function wddWithCityControl(k: { t0: number; t1: number; d0: number; d1: number; c0: number; c1: number }): {
  wdd: number;
  se: number;
  z: number;
  lo: number;
  hi: number;
} {
  const cityChange = k.c0 > 0 ? k.c1 / k.c0 - 1 : 0;
  const wdd = k.t1 - k.t0 - k.t0 * cityChange + (k.d1 - k.d0) - k.d0 * cityChange;
  const w = k.c0 > 0 ? (k.t0 + k.d0) / k.c0 : 0;
  const se = Math.sqrt(k.t0 + k.t1 + k.d0 + k.d1 + w * w * (k.c0 + k.c1));
  return { wdd, se, z: se > 0 ? wdd / se : 0, lo: wdd - Z95 * se, hi: wdd + Z95 * se };
}
