import { mannKendall, type MannKendall } from '../stats/mann-kendall.js';
import type { Db } from './db.js';
import { runPeriods, weeklyCounts, type RunWeeks } from './runs.js';
import { weekIndex } from '../util/period.js';

/**
 * Trend categories after ArcGIS Emerging Hot Spot Analysis, applied to one hotspot's series of
 * counts per step (a 4-week period, or a run). A step is "active" when it has at least one report.
 * EHSA asks for a significant hot bin in 90 % of steps; report counts of a single location are
 * sparser than Gi* bins, so the share here is 75 % (TREND_DEFAULTS). There are no cold spots,
 * so "oscillating" means bursts (2+ reports per active step) between long quiet stretches, and
 * "sporadic" low-level on-and-off activity.
 */
export const TREND_CATEGORIES = [
  'new',
  'consecutive',
  'intensifying',
  'persistent',
  'diminishing',
  'sporadic',
  'oscillating',
  'historical',
  'no-pattern',
  'too-short',
] as const;
export type TrendCategory = (typeof TREND_CATEGORIES)[number];

export const TREND_DEFAULTS = {
  /** Share of active steps for the persistent family (EHSA: 0.9 of significant bins). */
  persistentShare: 0.75,
  /** Mann-Kendall two-sided significance level. */
  alpha: 0.05,
  /** Fewest steps for any category but too-short. */
  minSteps: 4,
  /** The "recent" window: this share of the steps at the end (at least one step). */
  recentShare: 0.25,
  /** A quiet stretch that counts for oscillating: at least this many inactive steps. */
  quietSteps: 2,
  /** Oscillating bursts average at least this many reports per active step (else sporadic). */
  burstCount: 2,
} as const;

export interface TrendResult {
  category: TrendCategory;
  steps: number;
  activeShare: number;
  mk: MannKendall;
}

/** A quarter of the 75th percentile of the non-zero counts (at least 1): below it a step is noise. */
function noiseLevel(c: readonly number[]): number {
  const nonzero = c.filter((v) => v > 0).sort((a, b) => a - b);
  if (nonzero.length === 0) return 1;
  const p75 = nonzero[Math.min(nonzero.length - 1, Math.floor(0.75 * (nonzero.length - 1)))]!;
  return Math.max(1, Math.ceil(0.25 * p75));
}

/** Lengths of the runs of inactive steps strictly between active steps. */
function innerGaps(active: boolean[]): number[] {
  const first = active.indexOf(true),
    last = active.lastIndexOf(true);
  const gaps: number[] = [];
  let run = 0;
  for (let t = first; t <= last; t++) {
    if (!active[t]) run++;
    else if (run > 0) {
      gaps.push(run);
      run = 0;
    }
  }
  return gaps;
}

/**
 * Classifies a count series; the decision table (first match wins) is in the README:
 * too-short, new, consecutive, intensifying, diminishing, persistent, historical, oscillating,
 * sporadic, no-pattern.
 */
export function classifyTrend(counts: ArrayLike<number>, opts: Partial<typeof TREND_DEFAULTS> = {}): TrendResult {
  const o = { ...TREND_DEFAULTS, ...opts };
  const c = Array.from(counts);
  const T = c.length;
  const active = c.map((v) => v > 0);
  const nActive = active.filter(Boolean).length;
  const mk = mannKendall(c);
  const result = (category: TrendCategory): TrendResult => ({ category, steps: T, activeShare: T === 0 ? 0 : nActive / T, mk });
  if (T < o.minSteps || nActive === 0) return result(T < o.minSteps ? 'too-short' : 'no-pattern');
  const final = active[T - 1]!;
  const recent = Math.max(1, Math.round(T * o.recentShare));
  const activeRecently = active.slice(T - recent).some(Boolean);
  const share = nActive / T;
  const significant = mk.p < o.alpha;
  const firstActive = active.indexOf(true);
  // New and consecutive ask for no earlier hot step: a stray report or two in a step (below a quarter
  // of the place's usual busy level) does not count as one, as long as such steps are rare (a quarter
  // of the steps before the run at most; a slowly growing place is intensifying, not consecutive).
  const noise = noiseLevel(c);
  const hot = c.map((v) => v >= noise);
  const nHot = hot.filter(Boolean).length,
    firstHot = hot.indexOf(true);
  if (hot[T - 1] && nHot === 1) return result('new');
  const quietBefore = firstHot > 0 && active.slice(0, firstHot).filter(Boolean).length / firstHot <= 0.25;
  if (hot[T - 1] && innerGaps(hot).length === 0 && nHot >= 2 && nHot / T < 0.9 && quietBefore) return result('consecutive');
  if (final && share >= o.persistentShare && significant && mk.s > 0) return result('intensifying');
  if (activeRecently && significant && mk.s < 0 && nActive / (T - firstActive) >= o.persistentShare) return result('diminishing');
  if (activeRecently && share >= o.persistentShare) return result('persistent');
  const lastActive = active.lastIndexOf(true);
  if (!activeRecently && nActive >= 2 && nActive / (lastActive - firstActive + 1) >= 0.5) return result('historical');
  const perActive = c.reduce((a, v) => a + v, 0) / nActive;
  if (final && innerGaps(active).filter((g) => g >= o.quietSteps).length >= 2 && perActive >= o.burstCount) return result('oscillating');
  if (activeRecently) return result('sporadic');
  return result('no-pattern');
}

/** Weeks per trend step: 4-week periods, as municipal reporting uses (research notes, section 14). */
export const STEP_WEEKS = 4;

/**
 * A key's series of report counts per step over the weeks the runs covered, ending at `lastWeek`.
 * Steps no run covered are left out (a gap in the data is not a zero).
 */
export function stepSeries(
  weekly: Map<number, number> | undefined,
  covered: Set<number>,
  firstWeek: number,
  lastWeek: number,
  stepWeeks = STEP_WEEKS,
): number[] {
  const series: number[] = [];
  const steps = Math.ceil((lastWeek - firstWeek + 1) / stepWeeks);
  for (let k = steps - 1; k >= 0; k--) {
    let sum = 0,
      seen = false;
    for (let w = lastWeek - k * stepWeeks - stepWeeks + 1; w <= lastWeek - k * stepWeeks; w++) {
      if (w < firstWeek || !covered.has(w)) continue;
      seen = true;
      sum += weekly?.get(w) ?? 0;
    }
    if (seen) series.push(sum);
  }
  return series;
}

/**
 * Trend per key over the given runs (weekly counts merged, latest run wins per week); the counts of
 * `known`, a run just written, as given (see weeklyCounts).
 */
export function trendsOver(db: Db, runIds: readonly number[], stepWeeks = STEP_WEEKS, known?: RunWeeks) {
  const periods = runPeriods(db, runIds);
  const covered = new Set<number>();
  let first = Infinity,
    last = -Infinity;
  for (const p of periods) {
    const a = weekIndex(Date.parse(p.from)),
      b = weekIndex(Date.parse(p.to) - 1);
    for (let w = a; w <= b; w++) covered.add(w);
    first = Math.min(first, a);
    last = Math.max(last, b);
  }
  const counts = weeklyCounts(db, runIds, known);
  const out = new Map<string, { series: number[]; trend: TrendResult; firstWeek: number; lastWeek: number }>();
  for (const [key, weekly] of counts) {
    const series = stepSeries(weekly, covered, first, last, stepWeeks);
    out.set(key, { series, trend: classifyTrend(series), firstWeek: first, lastWeek: last });
  }
  return out;
}
