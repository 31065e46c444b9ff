import { CellIds } from '../util/cell-ids.js';
import type { StoreColumns } from '../model/columns.js';
import {
  REPORTER_MEASURES,
  type Caveat,
  type IndicatorSpec,
  type LocationKind,
  type ScoringSpec,
  type ClassSpec,
} from '../model/scoring.js';
import type { IndicatorOutcome } from '../model/screening.js';

/** What scoring needs to know about the period and the signals. */
export interface MeasureContext {
  cols: StoreColumns;
  /** End of the screening period (UTC ms, exclusive). */
  periodEndMs: number;
  /** Signal id -> bit. */
  signalBits: Map<string, number>;
  /** Report index -> ISO week index (precomputed once for all reports). */
  weekOf: Int32Array;
  /** Whether the list is judged over a lookback window (a short period): quiet hotspots become watch. */
  lookback: boolean;
}

const DAY_MS = 86_400_000;

/** The members' values (values[i] for i in members), sorted ascending: a scratch copy to count runs in. */
export function sortedValuesOf(members: Int32Array, values: Int32Array): Int32Array {
  const v = new Int32Array(members.length);
  for (let k = 0; k < members.length; k++) v[k] = values[members[k]!]!;
  return v.sort();
}

/** Per value a count, all 0 between calls: values below its length are counted here rather than sorted. */
let tally = new Int32Array(1 << 16);

/** The largest of the members' values (-1 when none is non-negative). */
function maxValueOf(members: Int32Array, values: Int32Array): number {
  let max = -1;
  for (let k = 0; k < members.length; k++) max = Math.max(max, values[members[k]!]!);
  return max;
}

/**
 * Whether the members' values are counted in `tally` (small values such as weeks and interned
 * names, grown to at most 2^20), else sorted (31-bit reporter numbers). Both cost a pass or two
 * over the members; a Set or Map of a large location's values cost several times more.
 */
function tallied(members: Int32Array, values: Int32Array): boolean {
  const max = maxValueOf(members, values);
  if (max >= 1 << 20) return false;
  if (max >= tally.length) tally = new Int32Array(Math.max(max + 1, tally.length * 2));
  return true;
}

/** Calls `each` with every value of a sorted array and how often it occurs, in order. */
export function forEachRun(sorted: Int32Array | Float64Array, each: (value: number, count: number) => void): void {
  for (let k = 0; k < sorted.length; ) {
    let end = k + 1;
    while (end < sorted.length && sorted[end] === sorted[k]) end++;
    each(sorted[k]!, end - k);
    k = end;
  }
}

/** Sets the counts of the members' values in `tally` back to 0. */
function clearTally(members: Int32Array, values: Int32Array): void {
  for (let k = 0; k < members.length; k++) if (values[members[k]!]! >= 0) tally[values[members[k]!]!] = 0;
}

/** Counts the distinct non-negative values among the members (reporters, weeks, sources). */
export function distinct(members: Int32Array, values: Int32Array): number {
  let n = 0;
  if (tallied(members, values)) {
    for (let k = 0; k < members.length; k++) {
      const v = values[members[k]!]!;
      if (v >= 0 && tally[v]!++ === 0) n++;
    }
    clearTally(members, values);
    return n;
  }
  forEachRun(sortedValuesOf(members, values), (v) => {
    if (v >= 0) n++;
  });
  return n;
}

/** The most frequent non-negative value among the members, ties to the smallest; -1 when none. */
export function mostFrequent(members: Int32Array, values: Int32Array): number {
  let best = -1,
    bestCount = 0;
  if (tallied(members, values)) {
    for (let k = 0; k < members.length; k++) {
      const v = values[members[k]!]!;
      if (v < 0) continue;
      const c = ++tally[v]!;
      if (c > bestCount || (c === bestCount && v < best)) {
        best = v;
        bestCount = c;
      }
    }
    clearTally(members, values);
    return best;
  }
  // in ascending order, a later value with as many is larger: it does not win the tie
  forEachRun(sortedValuesOf(members, values), (v, c) => {
    if (v >= 0 && c > bestCount) {
      best = v;
      bestCount = c;
    }
  });
  return best;
}

/**
 * Share of the most frequent of `n` pairs of whole numbers (a[k], b[k]), counted in a table of
 * pairs: sorting a large place's keys took two to three times as long.
 */
function topShareOfPairs(a: Int32Array, b: Int32Array, n: number): number {
  const ids = new CellIds(n);
  const counts = new Int32Array(n);
  let best = 0;
  for (let k = 0; k < n; k++) best = Math.max(best, ++counts[ids.id(a[k]!, b[k]!)]!);
  return n === 0 ? 0 : best / n;
}

/** Share of the most frequent reporter among the members with one. */
function topReporterShare(members: Int32Array, reporter: Int32Array): number {
  const a = new Int32Array(members.length);
  let n = 0;
  for (let k = 0; k < members.length; k++) if (reporter[members[k]!]! >= 0) a[n++] = reporter[members[k]!]!;
  return topShareOfPairs(a, new Int32Array(n), n);
}

/** Share of the most frequent point, rounded to whole metres, among the members with one. */
function samePointShare(members: Int32Array, x: Float64Array, y: Float64Array): number {
  const a = new Int32Array(members.length),
    b = new Int32Array(members.length);
  let n = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
    a[n] = Math.round(x[i]!);
    b[n++] = Math.round(y[i]!);
  }
  return topShareOfPairs(a, b, n);
}

/** Share of reports in the busiest run of `weeks` consecutive ISO weeks. */
function peakWeeksShare(members: Int32Array, weekOf: Int32Array, weeks: number): number {
  const ws = sortedValuesOf(members, weekOf);
  let best = 0;
  for (let lo = 0, hi = 0; hi < ws.length; hi++) {
    while (ws[hi]! - ws[lo]! >= weeks) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return ws.length === 0 ? 0 : best / ws.length;
}

/** Share of reports in the `weeks` busiest ISO weeks, consecutive or not (a yearly event's two weekends count). */
function busiestWeeksShare(members: Int32Array, weekOf: Int32Array, weeks: number): number {
  if (members.length === 0) return 0;
  const counts: number[] = [];
  forEachRun(sortedValuesOf(members, weekOf), (_, reports) => counts.push(reports));
  const top = counts.sort((a, b) => b - a).slice(0, weeks);
  return top.reduce((s, c) => s + c, 0) / members.length;
}

/** The value of one indicator's measure over a candidate's reports. */
export function measure(ind: IndicatorSpec, members: Int32Array, ctx: MeasureContext): number {
  const c = ctx.cols;
  switch (ind.measure) {
    case 'reports':
      return members.length;
    case 'reporters':
      return distinct(members, c.reporter);
    case 'activeWeeks':
      return distinct(members, ctx.weekOf); // week indices count from 1970: never negative
    case 'sources':
      return distinct(members, c.source);
    case 'signalCount':
    case 'signalShare': {
      const bit = ctx.signalBits.get(ind.signal!)!;
      let k = 0;
      for (let q = 0; q < members.length; q++) {
        const i = members[q]!;
        if ((c.signals[i]! >>> bit) & 1) k++;
      }
      return ind.measure === 'signalCount' ? k : k / members.length;
    }
    case 'recentReports':
      return recentCount(members, ctx, ind.windowDays!);
    case 'peakWeeksShare':
      return peakWeeksShare(members, ctx.weekOf, ind.weeks!);
    case 'busiestWeeksShare':
      return busiestWeeksShare(members, ctx.weekOf, ind.weeks!);
    case 'topReporterShare':
      return topReporterShare(members, c.reporter);
    case 'samePointShare':
      return samePointShare(members, c.x, c.y);
    case 'spanWeeks':
      return spanWeeks(members, ctx.weekOf);
  }
}

/** Weeks from the first report's ISO week to the last one's, both included (0 without reports). */
function spanWeeks(members: Int32Array, weekOf: Int32Array): number {
  if (members.length === 0) return 0;
  let lo = Infinity,
    hi = -Infinity;
  for (let q = 0; q < members.length; q++) {
    const i = members[q]!;
    lo = Math.min(lo, weekOf[i]!);
    hi = Math.max(hi, weekOf[i]!);
  }
  return hi - lo + 1;
}

/**
 * Reporter measures need a reporter on most reports: below this share of reports with one, who
 * reported is unknown and the several-reporters indicator and the one-reporter guard are not judged.
 */
export const MIN_KNOWN_REPORTER_SHARE = 0.5;

function knownReporterShare(members: Int32Array, reporter: Int32Array): number {
  let k = 0;
  for (let q = 0; q < members.length; q++) {
    const i = members[q]!;
    if (reporter[i]! >= 0) k++;
  }
  return members.length === 0 ? 0 : k / members.length;
}

export type ClassName = 'hotspot' | 'watch' | 'none';

export interface ScoredCandidate {
  indicators: IndicatorOutcome[];
  score: number;
  class: ClassName;
  caveats: Caveat[];
}

/**
 * Scores a candidate: every indicator with its value, the sum of fired weights, and the class of
 * its kind. An indicator whose input is missing (reporters unknown) is not judged: it adds no
 * points, a class does not require it, and the class's minimum score is lowered by the points it
 * could have added, so the location is classified on the remaining evidence and carries the caveat.
 * On a list judged over a lookback window (`ctx.lookback`), a hotspot without a report in the last
 * `recentDays` of the period has gone quiet: it is listed as watch.
 */
export function scoreCandidate(spec: ScoringSpec, kind: LocationKind, members: Int32Array, ctx: MeasureContext): ScoredCandidate {
  const reportersKnown = knownReporterShare(members, ctx.cols.reporter) >= MIN_KNOWN_REPORTER_SHARE;
  const indicators: IndicatorOutcome[] = spec.indicators.map((ind) => {
    const applies = !ind.appliesTo || ind.appliesTo.includes(kind);
    const judged = applies && (reportersKnown || !REPORTER_MEASURES.has(ind.measure));
    const value = judged ? measure(ind, members, ctx) : 0;
    const fired = judged && (ind.min === undefined || value >= ind.min) && (ind.max === undefined || value <= ind.max);
    return {
      id: ind.id,
      label: ind.label,
      value,
      weight: fired ? ind.weight : 0,
      fired,
      applies,
      judged,
      measure: ind.measure,
      ...(ind.weeks !== undefined ? { weeks: ind.weeks } : {}),
      ...(ind.windowDays !== undefined ? { windowDays: ind.windowDays } : {}),
      ...(ind.signalLabel !== undefined ? { signalLabel: ind.signalLabel } : {}),
    };
  });
  const score = indicators.reduce((s, i) => s + i.weight, 0);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const unjudgedPoints = spec.indicators.reduce(
    (sum, ind, k) => sum + (indicators[k]!.applies && !indicators[k]!.judged ? Math.max(0, ind.weight) : 0),
    0,
  );
  const qualifies = (cls: ClassSpec) =>
    score >= cls.minScore - unjudgedPoints &&
    cls.require.every((id) => {
      const r = byId.get(id)!;
      return !r.applies || !r.judged || r.fired;
    }) &&
    !cls.unless.some((id) => byId.get(id)!.fired);
  const classes = spec.classes[kind];
  let klass: ClassName = qualifies(classes.hotspot) ? 'hotspot' : qualifies(classes.watch) ? 'watch' : 'none';
  const caveats: Caveat[] = indicators.some((i) => i.applies && !i.judged) ? ['reporters-unknown'] : [];
  if (klass === 'hotspot' && ctx.lookback && recentCount(members, ctx, spec.recentDays) === 0) {
    klass = 'watch';
    caveats.push('gone-quiet');
  }
  return { indicators, score, class: klass, caveats };
}

function recentCount(members: Int32Array, ctx: MeasureContext, days: number): number {
  const since = ctx.periodEndMs - days * DAY_MS;
  let k = 0;
  for (let q = 0; q < members.length; q++) {
    const i = members[q]!;
    if (ctx.cols.reportedAt[i]! >= since) k++;
  }
  return k;
}
