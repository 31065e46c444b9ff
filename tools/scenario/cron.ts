import { runScreen, type ScreenOptions } from '../../dist/pipeline/screen.js';
import { historyTrends, recordScreening } from '../../dist/pipeline/history.js';
import type { ScenarioPlan, TrendPattern } from './generate.js';
import { localMidnight } from '../../dist/util/period.js';
import { toWallTime } from '../../dist/util/time.js';

/** The trend categories a planted pattern may rightly come out as. */
export const EXPECTED_TREND: Record<TrendPattern, readonly string[]> = {
  persistent: ['persistent'],
  intensifying: ['intensifying'],
  diminishing: ['diminishing'],
  new: ['new', 'consecutive'],
  former: ['historical'],
  stopped: ['persistent', 'diminishing', 'historical'],
};

export interface CronOptions {
  base: Omit<ScreenOptions, 'period' | 'nowMs'>;
  dbPath: string;
  /** Local date of the last run (a Monday 06:00 cron screens up to the Sunday before). */
  lastRun: { year: number; month: number; day: number };
  runs: number;
  everyWeeks: number;
  windowWeeks: number;
}

/**
 * Simulates a cron job: every `everyWeeks` weeks, screen the trailing `windowWeeks` weeks and keep
 * the run in the history. Returns the trends over all runs afterwards.
 */
export async function simulateCron(o: CronOptions) {
  for (let k = o.runs - 1; k >= 0; k--) {
    const toMs = localMidnight(o.lastRun.year, o.lastRun.month, o.lastRun.day - 7 * o.everyWeeks * k);
    const t = toWallTime(toMs);
    const fromMs = localMidnight(t.year, t.month, t.day - 7 * o.windowWeeks);
    const nowMs = toMs + 6 * 3_600_000;
    const { screening } = await runScreen({ ...o.base, nowMs, period: { fromMs, toMs } });
    recordScreening(screening, { dbPath: o.dbPath, nowMs, distanceM: o.base.rules.rules.clustering.epsM, options: { cron: true } });
  }
  return historyTrends(o.dbPath, {});
}

/** Matches trend keys to planted public-space hotspots by place and scores the categories. */
export function trendHitRate(
  plan: Pick<ScenarioPlan, 'hotspots'>,
  keyPlaces: Map<string, { x: number; y: number }>,
  categories: Map<string, string>,
) {
  const rows = plan.hotspots
    .filter((h) => h.kind === 'public-space')
    .map((h) => {
      let best: string | undefined,
        bestD = Infinity;
      for (const [key, p] of keyPlaces) {
        const d = Math.hypot(p.x - h.x, p.y - h.y);
        if (d < bestD && d <= h.radiusM + 100) {
          best = key;
          bestD = d;
        }
      }
      const category = best ? (categories.get(best) ?? 'none') : 'not found';
      return { id: h.id, pattern: h.pattern, key: best ?? null, category, hit: EXPECTED_TREND[h.pattern].includes(category) };
    });
  return { rows, hitRate: rows.filter((r) => r.hit).length / rows.length };
}
