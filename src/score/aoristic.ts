import { HOURS_PER_WEEK, hourOfWeek, type TimeColumns } from './hottime.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const WEEK_MINUTES = 7 * 24 * 60;

/**
 * Aoristic allocation (Ratcliffe; package aoristic 1.1.1 `aoristic.df`): one event spreads a weight
 * of 1 over the hour-of-week bins its time window covers, in proportion to the real (elapsed)
 * minutes in each local hour, wrapping from Sunday into Monday. Across a DST switch each minute
 * goes to the local hour it falls in: 01:30 CET to 03:30 CEST (one real hour) gives 01h and 03h
 * half each; 01:30 to 03:30 on the autumn night (three real hours) gives 01h 1/6, 02h 2/3, 03h 1/6.
 * No end, a window of at most one minute, or an end before the start: all weight to the start
 * hour. A week or longer: 1/168 to every hour. Seconds are dropped. Bins are Monday-first
 * (0 = Monday 00:00, local time); adds into `bins`. Local hours start on whole UTC hours, as in
 * every zone with whole-hour offsets (Europe/Amsterdam, Europe/London).
 */
export function addAoristic(bins: Float64Array, startMs: number, endMs?: number): void {
  const duration = endMs === undefined ? 0 : Math.floor((endMs - startMs) / MINUTE_MS);
  if (duration <= 1) {
    bins[hourOfWeek(startMs)]! += 1;
    return;
  }
  if (duration >= WEEK_MINUTES) {
    for (let k = 0; k < HOURS_PER_WEEK; k++) bins[k]! += 1 / HOURS_PER_WEEK;
    return;
  }
  const start = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
  const end = start + duration * MINUTE_MS;
  for (let t = start; t < end; ) {
    const next = Math.min(end, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS);
    bins[hourOfWeek(t)]! += (next - t) / (end - start);
    t = next;
  }
}

/**
 * Aoristic hour-of-week profile (168 bins, Monday 00:00 first) of the given reports: each report
 * spreads a weight of 1 over its incident window (or sits at its report time). Reports known
 * to the day or month only are left out: their hour is unknown.
 */
export function hourProfile(members: ArrayLike<number>, c: TimeColumns): Float64Array {
  const bins = new Float64Array(HOURS_PER_WEEK);
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    if (!c.exactTime[i]) continue;
    const start = Number.isFinite(c.incidentStart[i]!) ? c.incidentStart[i]! : c.reportedAt[i]!;
    const end = Number.isFinite(c.incidentStart[i]!) && Number.isFinite(c.incidentEnd[i]!) ? c.incidentEnd[i]! : undefined;
    addAoristic(bins, start, end);
  }
  return bins;
}
