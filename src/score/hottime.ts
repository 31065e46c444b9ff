import { DAY_NAMES, HOURS_PER_WEEK, localDayNumber, localHourOfWeek, toWallTime } from '../util/time.js';

export { DAY_NAMES, HOURS_PER_WEEK };

/** Hour-of-week bin (0 = Monday 00:00-01:00, local time) of an instant. */
export function hourOfWeek(utcMs: number): number {
  return localHourOfWeek(utcMs);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Names a window of hours in words: "vr 22:00-01:00" or "vr-za 23:00-03:00" (start day first). */
export function nameWindow(startBin: number, hours: number): string {
  const endBin = (startBin + hours) % HOURS_PER_WEEK;
  const startDay = Math.floor(startBin / 24),
    lastDay = Math.floor(((startBin + hours - 1) % HOURS_PER_WEEK) / 24);
  const days = startDay === lastDay ? DAY_NAMES[startDay] : `${DAY_NAMES[startDay]}-${DAY_NAMES[lastDay]}`;
  return `${days} ${pad(startBin % 24)}:00-${pad(endBin % 24)}:00`;
}

/**
 * The busiest run of `hours` consecutive hour-of-week bins (wrapping from Sunday to Monday),
 * with its share of the total weight. Null when there is no weight.
 */
export function peakWindow(bins: Float64Array, hours = 3): { startBin: number; hours: number; share: number; label: string } | null {
  let total = 0;
  for (const v of bins) total += v;
  if (total <= 0) return null;
  let best = -1,
    bestStart = 0;
  for (let s = 0; s < HOURS_PER_WEEK; s++) {
    let sum = 0;
    for (let k = 0; k < hours; k++) sum += bins[(s + k) % HOURS_PER_WEEK]!;
    if (sum > best + 1e-12) {
      best = sum;
      bestStart = s;
    }
  }
  return { startBin: bestStart, hours, share: best / total, label: nameWindow(bestStart, hours) };
}

/** What hot-time profiles need of the reports (store columns). */
export interface TimeColumns {
  reportedAt: Float64Array;
  incidentStart: Float64Array;
  incidentEnd: Float64Array;
  /** 1 when the time of day is known. */
  exactTime: Int32Array;
}

/** Reports per local calendar month (index 0 = January): the dark-winter-months view. */
export function monthProfile(members: ArrayLike<number>, c: TimeColumns): Float64Array {
  const months = new Float64Array(12);
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    const t = Number.isFinite(c.incidentStart[i]!) ? c.incidentStart[i]! : c.reportedAt[i]!;
    months[toWallTime(t).month - 1]! += 1;
  }
  return months;
}

/** Poisson upper tail P(X >= k) for mean lambda. */
function poissonTail(k: number, lambda: number): number {
  let term = Math.exp(-lambda),
    cdf = 0;
  for (let j = 0; j < k; j++) {
    cdf += term;
    term *= lambda / (j + 1);
  }
  return Math.max(0, 1 - cdf);
}

export interface EventDay {
  /** Local date yyyy-MM-dd. */
  date: string;
  reports: number;
  /** Expected reports on a day at this place (the period's daily mean). */
  expected: number;
}

/** Defaults for event spikes: a day needs at least minReports and a Poisson tail below pMax. */
export const SPIKE_DEFAULTS = { minReports: 5, pMax: 0.001 } as const;

/**
 * Days whose count at this place is far above its own baseline (the period's daily mean), by a
 * Poisson tail test: the carnaval weekend, a festival, a one-night incident.
 */
export function eventDays(members: ArrayLike<number>, c: TimeColumns, periodDays: number, opts = SPIKE_DEFAULTS): EventDay[] {
  const perDay = new Map<number, number>(); // local day number -> reports
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    if (!c.exactTime[i]) continue;
    const day = localDayNumber(Number.isFinite(c.incidentStart[i]!) ? c.incidentStart[i]! : c.reportedAt[i]!);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const expected = members.length / Math.max(1, periodDays);
  return [...perDay]
    .filter(([, n]) => n >= opts.minReports && poissonTail(n, expected) < opts.pMax)
    .sort(([a], [b]) => a - b)
    .map(([day, reports]) => ({ date: new Date(day * 86_400_000).toISOString().slice(0, 10), reports, expected }));
}
