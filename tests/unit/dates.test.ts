import { describe, expect, it } from 'vitest';
import { autoDateParser, compileDatePattern } from '../../src/util/dates.js';
import { formatLocalIso, toWallTime, wallTimeToUtc } from '../../src/util/time.js';

const AMS = 'Europe/Amsterdam';
const auto = autoDateParser(AMS);
const iso = (text: string) => {
  const p = auto(text);
  return p ? `${new Date(p.utcMs).toISOString()} ${p.precision}` : null;
};

describe('autoDateParser', () => {
  it.each([
    ['2025-03-01 22:15', '2025-03-01T21:15:00.000Z minute'],
    ['2025-07-01 22:15', '2025-07-01T20:15:00.000Z minute'],
    ['2025-07-01T22:15:30', '2025-07-01T20:15:30.000Z second'],
    ['2023-05-01 12:34:56.123456+00', '2023-05-01T12:34:56.123Z second'],
    ['2026-06-01T08:47:41.068465+00:00', '2026-06-01T08:47:41.068Z second'],
    ['2025-05-01T21:00:00Z', '2025-05-01T21:00:00.000Z second'],
    ['2025-05-02T21:00:00+02:00', '2025-05-02T19:00:00.000Z second'],
    ['2019-06', '2019-05-31T22:00:00.000Z month'],
    ['2025-03-01', '2025-02-28T23:00:00.000Z day'],
    ['1-3-2025 9:05', '2025-03-01T08:05:00.000Z minute'],
    ['01/03/2025 09:05:07', '2025-03-01T08:05:07.000Z second'],
    ['01.03.2025', '2025-02-28T23:00:00.000Z day'],
  ])('%s -> %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each(['31-02-2025 10:00', '2025-13-01', 'gisteren', '', '2025-03-01 24:00', '29-02-2025'])('rejects %j', (text) => {
    expect(auto(text)).toBeNull();
  });
});

describe('compileDatePattern', () => {
  it('reads police dates dd-MM-yyyy HH:mm as Amsterdam local time', () => {
    const p = compileDatePattern('dd-MM-yyyy HH:mm', AMS);
    expect(new Date(p('20-12-2024 00:44')!.utcMs).toISOString()).toBe('2024-12-19T23:44:00.000Z');
    expect(p('2024-12-20 00:44')).toBeNull();
    expect(p('20-12-2024 00:44')!.precision).toBe('minute');
  });

  it('supports quoted literals and offsets', () => {
    const p = compileDatePattern("yyyy-MM-dd'T'HH:mm:ssXXX", AMS);
    expect(new Date(p('2025-01-02T03:04:05+05:00')!.utcMs).toISOString()).toBe('2025-01-01T22:04:05.000Z');
  });

  it('names an unknown letter', () => {
    expect(() => compileDatePattern('dd-MM-yyyy uu:mm', AMS)).toThrow(/unknown letter "u"/);
  });
});

describe('wallTimeToUtc (Europe/Amsterdam DST)', () => {
  it('takes the earlier instant in the autumn overlap', () => {
    const t = wallTimeToUtc(2025, 10, 26, 2, 30, 0, 0, AMS);
    expect(new Date(t).toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });
  it('moves a time in the spring gap forward', () => {
    const t = wallTimeToUtc(2025, 3, 30, 2, 30, 0, 0, AMS);
    expect(new Date(t).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(formatLocalIso(t)).toBe('2025-03-30T03:30:00+02:00');
  });
  it('round-trips every hour of a year', () => {
    for (let h = 0; h < 365 * 24; h += 7) {
      const ms = Date.UTC(2025, 0, 1) + h * 3_600_000;
      const w = toWallTime(ms, AMS);
      expect(wallTimeToUtc(w.year, w.month, w.day, w.hour, w.minute, w.second, 0, AMS)).toBe(ms);
    }
  });
  it('formats local ISO with offset and weekday Monday=0', () => {
    const t = Date.UTC(2026, 10, 23, 5, 0);
    expect(formatLocalIso(t)).toBe('2026-11-23T06:00:00+01:00');
    expect(toWallTime(t).weekday).toBe(0);
  });
});
