import { twoSidedP } from './normal.js';

export interface MannKendall {
  n: number;
  /** S = sum over pairs of sign(x_j - x_k). */
  s: number;
  /** Tie-corrected variance of S. */
  varS: number;
  /** Continuity-corrected z. */
  z: number;
  /** Two-sided normal p. */
  p: number;
  /** Kendall's tau-a = S / (n(n-1)/2). */
  tau: number;
}

/**
 * Mann-Kendall trend test (original test as pyMannKendall `original_test`): NaNs dropped,
 * tie-corrected variance, continuity-corrected z, two-sided p. O(n^2), fine for series of
 * weeks or runs (hundreds of points).
 */
export function mannKendall(series: ArrayLike<number>): MannKendall {
  const x = Array.from(series).filter((v) => !Number.isNaN(v));
  const n = x.length;
  let s = 0;
  for (let k = 0; k < n - 1; k++) for (let j = k + 1; j < n; j++) s += Math.sign(x[j]! - x[k]!);
  const ties = new Map<number, number>();
  for (const v of x) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = varS <= 0 ? 0 : s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  return { n, s, varS, z, p: varS <= 0 ? 1 : twoSidedP(z), tau: n < 2 ? 0 : s / ((n * (n - 1)) / 2) };
}
