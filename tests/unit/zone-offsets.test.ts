import { describe, expect, it } from 'vitest';
import { zoneOffsetMin } from '../../src/util/time.js';
import { Random } from '../../tools/scenario/random.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The offset straight from the runtime, without remembering any offset: what zoneOffsetMin must give. */
function runtimeOffsetMin(utcMs: number, zone: string): number {
  const f =
    formatters.get(zone) ??
    new Intl.DateTimeFormat('en-GB', {
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
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - utcMs) / 60_000) || 0; // (not -0)
}

/** Days from `from` to `to` (UTC dates), each checked at 00, 12 and 23 h, and every hour of a day whose offset changes. */
function check(zone: string, from: string, to: string, order: 'forward' | 'shuffled') {
  const first = Date.parse(`${from}T00:00:00Z`) / DAY_MS,
    last = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  const days = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  if (order === 'shuffled') {
    const rng = new Random(days.length);
    for (let k = days.length - 1; k > 0; k--) {
      const j = rng.int(0, k);
      [days[k], days[j]] = [days[j]!, days[k]!];
    }
  }
  let switchDays = 0;
  for (const day of days) {
    const start = day * DAY_MS;
    const ref = [0, 12, 23].map((h) => runtimeOffsetMin(start + h * HOUR_MS, zone));
    const hours = ref[0] === ref[2] ? [0, 12, 23] : Array.from({ length: 24 }, (_, h) => h);
    if (hours.length === 24) switchDays++;
    for (const h of hours) {
      const at = start + h * HOUR_MS + 1_234_567 * (h % 2); // (within the hour too)
      expect(zoneOffsetMin(at, zone), `${zone} ${new Date(at).toISOString()}`).toBe(runtimeOffsetMin(at, zone));
    }
  }
  return switchDays;
}

describe('zoneOffsetMin (learnt a week at a time)', () => {
  it('gives the runtime offset for Europe/Amsterdam every day from 1990 to 2040, switch days hour by hour', () => {
    expect(check('Europe/Amsterdam', '1990-01-01', '2040-12-31', 'forward')).toBeGreaterThanOrEqual(100);
  });
  it.each([
    ['America/Sao_Paulo', '2005-01-01', '2020-12-31'],
    ['Australia/Lord_Howe', '2015-01-01', '2022-12-31'], // half-hour DST
    ['Africa/Casablanca', '2012-01-01', '2020-12-31'], // DST suspended for Ramadan
    ['Pacific/Apia', '2011-06-01', '2012-06-30'], // a skipped day
    ['Asia/Kolkata', '2020-01-01', '2021-12-31'],
    ['Etc/GMT-1', '1789-06-01', '1791-12-31'], // across the start of the days kept in an array (before 1892 Amsterdam's offset had seconds)
    ['Europe/Amsterdam', '2148-06-01', '2151-12-31'], // across its end
  ])('gives the runtime offset in %s from %s to %s, asked in any order', (zone, from, to) => {
    check(zone, from, to, 'shuffled');
  });
});
