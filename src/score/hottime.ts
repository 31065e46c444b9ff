import { toWallTime } from '../util/time.js';

/** Dutch day abbreviations, Monday first (ISO). */
export const DAY_NAMES = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export const HOURS_PER_WEEK = 168;

/** Hour-of-week bin (0 = Monday 00:00-01:00, local time) of an instant. */
export function hourOfWeek(utcMs: number): number {
  const w = toWallTime(utcMs);
  return w.weekday * 24 + w.hour;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Names a window of hours in words: "vr 22:00-01:00" or "vr-za 23:00-03:00" (start day first). */
export function nameWindow(startBin: number, hours: number): string {
  const endBin = (startBin + hours) % HOURS_PER_WEEK;
  const startDay = Math.floor(startBin / 24), lastDay = Math.floor(((startBin + hours - 1) % HOURS_PER_WEEK) / 24);
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
  let best = -1, bestStart = 0;
  for (let s = 0; s < HOURS_PER_WEEK; s++) {
    let sum = 0;
    for (let k = 0; k < hours; k++) sum += bins[(s + k) % HOURS_PER_WEEK]!;
    if (sum > best + 1e-12) { best = sum; bestStart = s; }
  }
  return { startBin: bestStart, hours, share: best / total, label: nameWindow(bestStart, hours) };
}
