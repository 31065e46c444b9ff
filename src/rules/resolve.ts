import type { ClassesRule, Condition, Rules } from './schema.js';
import { durationDays } from '../util/period.js';
import type { LocationKind, ScoringSpec } from '../model/scoring.js';

/** The kind's own block in the rules file. */
const blockOf = (r: Rules, kind: LocationKind) => (kind === 'dwelling' ? r.dwellings : r.publicSpace);

/** Which reports count towards a kind of location: its own scope, else the shared one, else all. */
export function scopeFor(r: Rules, kind: LocationKind): readonly Condition[] | undefined {
  return blockOf(r, kind).scope ?? r.scope;
}

/** A kind's classes: its own, else the shared ones (a checked rules file has one or the other). */
export function classesFor(r: Rules, kind: LocationKind): ClassesRule {
  return (blockOf(r, kind).classes ?? r.classes)!;
}

/** The evidence window in days (a period shorter than this is judged over a lookback window). */
export const windowDaysOf = (r: Rules): number => durationDays(r.window);

/** What scoring needs of the rules: classes per kind, and `recentReports` stretches defaulting to `recent`. */
export function scoringSpecOf(r: Rules): ScoringSpec {
  const recentDays = durationDays(r.recent);
  return {
    indicators: r.indicators.map((i) => ({
      ...(i.measure === 'recentReports' && i.windowDays === undefined ? { ...i, windowDays: recentDays } : i),
      ...(i.signal ? { signalLabel: r.signals.find((s) => s.id === i.signal)?.label ?? i.signal } : {}),
    })),
    classes: { dwelling: classesFor(r, 'dwelling'), 'public-space': classesFor(r, 'public-space') },
    recentDays,
  };
}
