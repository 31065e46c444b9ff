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

/** Counts the distinct non-negative values among the members (reporters, weeks). */
export function distinct(members: Int32Array, values: Int32Array): number {
  const seen = new Set<number>();
  for (const i of members) if (values[i]! >= 0) seen.add(values[i]!);
  return seen.size;
}

/** Share of the most frequent value among members that have one (`key` gives NaN for none). */
function topShare(members: Int32Array, key: (i: number) => number): number {
  const counts = new Map<number, number>();
  let total = 0,
    best = 0;
  for (const i of members) {
    const k = key(i);
    if (Number.isNaN(k)) continue;
    total++;
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    if (c > best) best = c;
  }
  return total === 0 ? 0 : best / total;
}

/**
 * A point rounded to whole metres as one number: x and y (|y| < 2^25 m, any point on Earth) packed
 * as round(x) * 2^26 + round(y) + 2^25, exact below 2^53; NaN without a point.
 */
const metrePoint = (x: number, y: number) => Math.round(x) * 2 ** 26 + Math.round(y) + 2 ** 25;

/** Share of reports in the busiest run of `weeks` consecutive ISO weeks. */
function peakWeeksShare(members: Int32Array, weekOf: Int32Array, weeks: number): number {
  const ws = Array.from(members, (i) => weekOf[i]!).sort((a, b) => a - b);
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
  const counts = new Map<number, number>();
  for (const i of members) counts.set(weekOf[i]!, (counts.get(weekOf[i]!) ?? 0) + 1);
  const top = [...counts.values()].sort((a, b) => b - a).slice(0, weeks);
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
      return new Set(Array.from(members, (i) => ctx.weekOf[i]!)).size;
    case 'sources':
      return distinct(members, c.source);
    case 'signalCount':
    case 'signalShare': {
      const bit = ctx.signalBits.get(ind.signal!)!;
      let k = 0;
      for (const i of members) if ((c.signals[i]! >>> bit) & 1) k++;
      return ind.measure === 'signalCount' ? k : k / members.length;
    }
    case 'recentReports':
      return recentCount(members, ctx, ind.windowDays!);
    case 'peakWeeksShare':
      return peakWeeksShare(members, ctx.weekOf, ind.weeks!);
    case 'busiestWeeksShare':
      return busiestWeeksShare(members, ctx.weekOf, ind.weeks!);
    case 'topReporterShare':
      return topShare(members, (i) => (c.reporter[i]! >= 0 ? c.reporter[i]! : Number.NaN));
    case 'samePointShare':
      return topShare(members, (i) => metrePoint(c.x[i]!, c.y[i]!));
    case 'spanWeeks':
      return spanWeeks(members, ctx.weekOf);
  }
}

/** Weeks from the first report's ISO week to the last one's, both included (0 without reports). */
function spanWeeks(members: Int32Array, weekOf: Int32Array): number {
  if (members.length === 0) return 0;
  let lo = Infinity,
    hi = -Infinity;
  for (const i of members) {
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
  for (const i of members) if (reporter[i]! >= 0) k++;
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
  for (const i of members) if (ctx.cols.reportedAt[i]! >= since) k++;
  return k;
}
