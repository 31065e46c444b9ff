/** Dutch day abbreviations, Monday first (ISO). */
export const DAY_NAMES = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
/** Hour-of-week bins (Monday 00:00 is bin 0). */
export const HOURS_PER_WEEK = 168;

/** The time zone all local (naive) times are read in, and all reports are written in. */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 3_600_000;
const offsetCache = new Map<string, ZoneDays>();
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws a RangeError for a zone name the runtime does not know. */
export function assertTimeZone(zone: string): void {
  formatterFor(zone);
}

/**
 * Offset of `zone` from UTC in minutes at instant `utcMs` (Amsterdam: +60 winter, +120 summer).
 * Offsets change only on whole hours in the zones we serve.
 */
export function zoneOffsetMin(utcMs: number, zone: string): number {
  // The day asked last, first: a report's times mostly fall on one day, each read with two or three questions.
  if (utcMs >= lastDay.fromMs && utcMs < lastDay.fromMs + DAY_MS && zone === lastDay.zone && typeof lastDay.known === 'number')
    return lastDay.known;
  let days = offsetCache.get(zone);
  if (!days) {
    days = new ZoneDays();
    offsetCache.set(zone, days);
  }
  // Per UTC day: one offset when it holds all day (every day but the two switch days a year),
  // else the day's 24 hourly offsets. Asking the runtime for an offset is costly; days repeat.
  const day = Math.floor(utcMs / DAY_MS);
  let known = days.get(day);
  if (known === undefined) {
    learnWeek(days, Math.floor(day / 7), zone);
    known = days.get(day)!;
  }
  lastDay.fromMs = day * DAY_MS;
  lastDay.zone = zone;
  lastDay.known = known;
  return typeof known === 'number' ? known : known[Math.floor(utcMs / HOUR_MS) - day * 24]!;
}

/** The UTC day zoneOffsetMin was asked about last (from its first ms), its zone and what is known of it. */
const lastDay: { fromMs: number; zone: string; known: number | number[] } = { fromMs: Number.NaN, zone: '', known: 0 };

/** UTC days (since 1970) from which ZoneDays keeps offsets in an array: about 1790 to 2149. */
const FIRST_ARRAY_DAY = -(1 << 16);
const ARRAY_DAYS = 1 << 17;
/** In ZoneDays' array: not learnt yet, and a switch day (its hourly offsets are kept aside). */
const UNKNOWN = -32768;
const SWITCHING = 32767;

/**
 * What is known of a zone's offsets per UTC day: a whole day's offset (minutes), or a switch day's
 * 24 hourly offsets. Days of 1790-2149 are looked up in an array (256 KB a zone), not a map: a
 * screening asks some ten times per report (a map's lookups were 2 % of reading), others in a map.
 */
class ZoneDays {
  private readonly byDay = new Int16Array(ARRAY_DAYS).fill(UNKNOWN);
  private readonly hourly = new Map<number, number[]>();
  private readonly far = new Map<number, number | number[]>();

  get(day: number): number | number[] | undefined {
    const k = day - FIRST_ARRAY_DAY;
    if (k < 0 || k >= ARRAY_DAYS) return this.far.get(day);
    const v = this.byDay[k]!;
    return v === UNKNOWN ? undefined : v === SWITCHING ? this.hourly.get(day) : v;
  }

  set(day: number, known: number | number[]): void {
    const k = day - FIRST_ARRAY_DAY;
    if (k < 0 || k >= ARRAY_DAYS) this.far.set(day, known);
    else if (typeof known === 'number') this.byDay[k] = known;
    else {
      this.byDay[k] = SWITCHING;
      this.hourly.set(day, known);
    }
  }
}

/**
 * Learns the offsets of the seven UTC days of week `week` (days 7 week .. 7 week + 6). When the zone
 * has the same offset at the week's first and last hour, it held all week (no zone switches and
 * switches back within a week): two questions to the runtime instead of fourteen. Otherwise day by
 * day: the day's offset when its first and last hour agree, else its 24 hourly offsets.
 */
function learnWeek(days: ZoneDays, week: number, zone: string): void {
  const firstDay = week * 7;
  const offset = offsetAt(firstDay * 24, zone);
  const allWeek = offsetAt((firstDay + 7) * 24 - 1, zone) === offset;
  for (let day = firstDay; day < firstDay + 7; day++) {
    if (allWeek) {
      days.set(day, offset);
      continue;
    }
    const first = offsetAt(day * 24, zone),
      last = offsetAt(day * 24 + 23, zone);
    days.set(day, first === last ? first : Array.from({ length: 24 }, (_, h) => offsetAt(day * 24 + h, zone)));
  }
}

/** The zone's offset in minutes during UTC hour `hour` (hours since 1970). */
function offsetAt(hour: number, zone: string): number {
  const p = wallParts(hour * HOUR_MS, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - hour * HOUR_MS) / 60_000);
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(utcMs: number, zone: string): WallParts {
  const out: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out as unknown as WallParts;
}

/**
 * Converts a wall-clock time in `zone` to a UTC instant (ms). In the autumn DST overlap
 * (02:00-03:00 happens twice) the earlier instant is taken; a time in the spring gap
 * (02:00-03:00 does not exist) is moved forward by the gap, as calendar programs do.
 */
export function wallTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: string,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // The offset two hours earlier is the one in force before any switch on this day.
  const before = zoneOffsetMin(naive - 2 * HOUR_MS, zone);
  const guess = naive - before * 60_000;
  const atGuess = zoneOffsetMin(guess, zone);
  if (atGuess === before) return guess;
  const later = naive - atGuess * 60_000;
  return zoneOffsetMin(later, zone) === atGuess ? later : guess;
}

/** Days since 1970-01-01 of the local date of an instant in `zone` (no Date object: a hot path). */
export function localDayNumber(utcMs: number, zone = DEFAULT_TIME_ZONE): number {
  return Math.floor((utcMs + zoneOffsetMin(utcMs, zone) * 60_000) / DAY_MS);
}

/**
 * Local hour of the week (0 = Monday 00:00-01:00 ... 167; hour bin % 24, ISO weekday bin / 24) of
 * an instant in `zone`, without a Date object: one small whole number, no object (the hot-times
 * profiles and the rules' hours and weekdays ask it for every report).
 */
export function localHourOfWeek(utcMs: number, zone = DEFAULT_TIME_ZONE): number {
  const local = utcMs + zoneOffsetMin(utcMs, zone) * 60_000;
  const day = Math.floor(local / DAY_MS);
  return ((((day + 3) % 7) + 7) % 7) * 24 + Math.floor((local - day * DAY_MS) / HOUR_MS);
}

/** Local calendar fields of an instant in `zone` (default Europe/Amsterdam). */
export function toWallTime(utcMs: number, zone = DEFAULT_TIME_ZONE): WallParts & { weekday: number } {
  const local = utcMs + zoneOffsetMin(utcMs, zone) * 60_000;
  const d = new Date(local);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: (d.getUTCDay() + 6) % 7, // 0 = Monday ... 6 = Sunday (ISO)
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 with the zone's offset, to the second: `2026-03-01T22:15:00+01:00`. */
export function formatLocalIso(utcMs: number, zone = DEFAULT_TIME_ZONE): string {
  const w = toWallTime(utcMs, zone);
  const off = zoneOffsetMin(utcMs, zone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Local calendar date `yyyy-MM-dd` of an instant. */
export function formatLocalDate(utcMs: number, zone = DEFAULT_TIME_ZONE): string {
  const w = toWallTime(utcMs, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
