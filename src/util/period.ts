import { DEFAULT_TIME_ZONE, localDayNumber, toWallTime, wallTimeToUtc } from './time.js';
import { UserError } from './errors.js';
import { visible } from './text.js';

/** A screening period: [fromMs, toMs) in UTC, with its name. */
export interface Period {
  fromMs: number;
  toMs: number;
  label: string;
  /** Relative to now (last-week, last-4-weeks). */
  relative?: boolean;
  /**
   * A list period (a week, 4 weeks, a month): judged over the rules' evidence window when shorter.
   * Quarters and years are batch screenings, judged whole.
   */
  lookback?: boolean;
}

const DAY_MS = 86_400_000;
const zone = DEFAULT_TIME_ZONE;

/** Local midnight (Europe/Amsterdam) of a calendar day given as y, m, d (overflow allowed). */
export function localMidnight(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  return wallTimeToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, 0, zone);
}

/** Monday 00:00 local of the ISO week holding `ms`. */
function weekStart(ms: number): number {
  const w = toWallTime(ms, zone);
  return localMidnight(w.year, w.month, w.day - w.weekday);
}

/** Monday of ISO week `week` of ISO year `year` (local midnight). */
function isoWeekStart(year: number, week: number): number {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = 4 - ((jan4.getUTCDay() + 6) % 7);
  return localMidnight(year, 1, mondayOfWeek1 + (week - 1) * 7);
}

/** ISO week number and year of a local date. */
export function isoWeekOf(ms: number): { year: number; week: number } {
  const w = toWallTime(ms, zone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 3 - w.weekday)); // Thursday of this week
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.floor((d.getTime() - jan1) / (7 * DAY_MS)) + 1 };
}

/** Index of the ISO week holding `ms` (weeks since 1970, Monday-based, local time). */
export function weekIndex(ms: number): number {
  return Math.floor((localDayNumber(ms, zone) + 3) / 7);
}

/** The local day number (days since Thursday 1 January 1970) of the Monday of week index `week`. */
export const weekMonday = (week: number): number => 7 * week - 3;

/** A local day number as yyyy-mm-dd. */
export const dayDate = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

const pad = (n: number) => String(n).padStart(2, '0');
const dateLabel = (ms: number) => {
  const w = toWallTime(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
};

/**
 * Parses `--period`: `last-week` (the last complete ISO week before now), `last-4-weeks`,
 * `YYYY-Www` (an ISO week) or `YYYY-MM` (a month). All boundaries are local midnights.
 */
export function parsePeriod(spec: string, nowMs: number, opts: { ranges?: boolean } = {}): Period {
  const badPeriod = (text: string) => badPeriodError(text, opts.ranges !== false);
  const s = spec.trim();
  if (s === 'last-week' || s === 'last-4-weeks') {
    const toMs = weekStart(nowMs);
    const weeks = s === 'last-week' ? 1 : 4;
    const fromW = toWallTime(toMs, zone);
    const fromMs = localMidnight(fromW.year, fromW.month, fromW.day - 7 * weeks);
    const { year, week } = isoWeekOf(fromMs);
    return {
      fromMs,
      toMs,
      label: weeks === 1 ? `${year}-W${pad(week)}` : `${dateLabel(fromMs)}..${dateLabel(toMs - 1)}`,
      relative: true,
      lookback: true,
    };
  }
  let m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (m) {
    const fromMs = isoWeekStart(+m[1]!, +m[2]!);
    const f = toWallTime(fromMs, zone);
    if (+m[2]! < 1 || +m[2]! > 53 || isoWeekOf(fromMs).week !== +m[2]!) throw badPeriod(spec);
    return { fromMs, toMs: localMidnight(f.year, f.month, f.day + 7), label: s, lookback: true };
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) {
    return { fromMs: localMidnight(+m[1]!, +m[2]!, 1), toMs: localMidnight(+m[1]!, +m[2]! + 1, 1), label: s, lookback: true };
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(s);
  if (m) {
    const first = 3 * (+m[2]! - 1) + 1;
    return { fromMs: localMidnight(+m[1]!, first, 1), toMs: localMidnight(+m[1]!, first + 3, 1), label: `${m[1]}-Q${m[2]}` };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return { fromMs: localMidnight(+m[1]!, 1, 1), toMs: localMidnight(+m[1]! + 1, 1, 1), label: s };
  throw badPeriod(spec);
}

/** Whether year-month-day is a day of the calendar (no 30 February, no month 13). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function badPeriodError(spec: string, ranges: boolean): UserError {
  return new UserError(`--period: "${visible(spec, 60)}" is not a period`, {
    hint: `use last-week, last-4-weeks, 2026-W47, 2026-11, 2026-Q3 or 2026${ranges ? '; or --from/--to' : ''}`,
  });
}

/** Parses a `--from`/`--to` date (`yyyy-MM-dd`, local midnight) or ISO time. `--to` dates are inclusive. */
export function parseBoundary(text: string, flag: '--from' | '--to'): number {
  const notADate = () =>
    new UserError(`${flag}: "${text}" is not a date`, { hint: 'write yyyy-MM-dd (local, Europe/Amsterdam) or an ISO time with offset' });
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(text.trim());
  if (!m || !isCalendarDate(+m[1]!, +m[2]!, +m[3]!)) throw notADate();
  if (!m[4]) return localMidnight(+m[1]!, +m[2]!, +m[3]! + (flag === '--to' ? 1 : 0));
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw notADate();
  return t;
}

/** A duration in whole days or weeks: `28d`, `26w`. */
export const DURATION_PATTERN = /^([1-9]\d*)\s*([dw])$/;

/** Days in a duration (`28d`, `26w`); NaN when it is not one. */
export function durationDays(text: string): number {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}

/** Parses `--window 13w` (or `91d`) into days. */
export function parseWindowFlag(text: string): number {
  const days = durationDays(text);
  if (Number.isNaN(days)) throw new UserError(`--window: "${text}" is not a duration`, { hint: 'write weeks or days, such as 13w or 91d' });
  return days;
}

export { dateLabel as formatPeriodDate };

/** Local midnight (Europe/Amsterdam) of a yyyy-mm-dd date; NaN when it is not one. */
export function localDateMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = localMidnight(year, month, day);
  const back = new Date(Date.UTC(year, month - 1, day));
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : Number.NaN;
}

/** Weekday names accepted in rules: Dutch or English, two or three letters. */
const WEEKDAY_ALIASES: Record<string, number> = {
  ma: 0,
  di: 1,
  wo: 2,
  do: 3,
  vr: 4,
  za: 5,
  zo: 6,
  mon: 0,
  tue: 1,
  wed: 2,
  thu: 3,
  fri: 4,
  sat: 5,
  sun: 6,
};
export const weekdayNumber = (name: string): number | undefined => WEEKDAY_ALIASES[name.toLowerCase()];
