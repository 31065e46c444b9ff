import type { StoreColumns } from '../model/store.js';
import type { IndicatorSpec, LocationKind, ScoringSpec, ClassSpec } from '../model/scoring.js';
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
}

const DAY_MS = 86_400_000;

/** Counts distinct non-negative values. */
function distinct(members: Int32Array, values: Int32Array): number {
  const seen = new Set<number>();
  for (const i of members) if (values[i]! >= 0) seen.add(values[i]!);
  return seen.size;
}

/** Share of the most frequent value among members that have one. */
function topShare(members: Int32Array, key: (i: number) => number | string | undefined): number {
  const counts = new Map<number | string, number>();
  let total = 0, best = 0;
  for (const i of members) {
    const k = key(i);
    if (k === undefined) continue;
    total++;
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    if (c > best) best = c;
  }
  return total === 0 ? 0 : best / total;
}

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

/** The value of one indicator's measure over a candidate's reports. */
export function measure(ind: IndicatorSpec, members: Int32Array, ctx: MeasureContext): number {
  const c = ctx.cols;
  switch (ind.measure) {
    case 'reports': return members.length;
    case 'reporters': return distinct(members, c.reporter);
    case 'activeWeeks': return new Set(Array.from(members, (i) => ctx.weekOf[i]!)).size;
    case 'sources': return distinct(members, c.source);
    case 'signalCount':
    case 'signalShare': {
      const bit = ctx.signalBits.get(ind.signal!)!;
      let k = 0;
      for (const i of members) if ((c.signals[i]! >>> bit) & 1) k++;
      return ind.measure === 'signalCount' ? k : k / members.length;
    }
    case 'recentReports': {
      const since = ctx.periodEndMs - ind.windowDays! * DAY_MS;
      let k = 0;
      for (const i of members) if (c.reportedAt[i]! >= since) k++;
      return k;
    }
    case 'peakWeeksShare': return peakWeeksShare(members, ctx.weekOf, ind.weeks!);
    case 'topReporterShare': return topShare(members, (i) => (c.reporter[i]! >= 0 ? c.reporter[i]! : undefined));
    case 'samePointShare': return topShare(members, (i) => (Number.isFinite(c.x[i]!) ? `${Math.round(c.x[i]!)},${Math.round(c.y[i]!)}` : undefined));
  }
}

export type ClassName = 'hotspot' | 'watch' | 'none';

/** Scores a candidate: every indicator with its value, the sum of fired weights, and the class. */
export function scoreCandidate(rules: ScoringSpec, kind: LocationKind, members: Int32Array, ctx: MeasureContext) {
  const indicators: IndicatorOutcome[] = rules.indicators.map((ind) => {
    const applies = !ind.appliesTo || ind.appliesTo.includes(kind);
    const value = applies ? measure(ind, members, ctx) : 0;
    const fired = applies && (ind.min === undefined || value >= ind.min) && (ind.max === undefined || value <= ind.max);
    return { id: ind.id, label: ind.label, value, weight: fired ? ind.weight : 0, fired, applies };
  });
  const score = indicators.reduce((s, i) => s + i.weight, 0);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const qualifies = (cls: ClassSpec) =>
    score >= cls.minScore
    && cls.require.every((id) => { const r = byId.get(id)!; return !r.applies || r.fired; })
    && !cls.unless.some((id) => byId.get(id)!.fired);
  const klass: ClassName = qualifies(rules.classes.hotspot) ? 'hotspot' : qualifies(rules.classes.watch) ? 'watch' : 'none';
  return { indicators, score, class: klass };
}
