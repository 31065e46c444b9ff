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

describe('dates read digit by digit (the common shapes)', () => {
  // A leading space makes the parsers take their regular expressions: both ways must agree.
  const values: string[] = [];
  let seed = 3;
  const pick = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  const two = (below: number, from = 0) => String(pick(20) === 0 ? pick(100) : from + pick(below)).padStart(2, '0'); // now and then 13+ months, 32+ days, 24+ hours
  const four = () => String(pick(10) === 0 ? pick(10000) : 1985 + pick(45)).padStart(4, '0');
  for (let k = 0; k < 3000; k++) {
    const [y, mo, d, h, mi, s] = [four(), two(12, 1), two(31, 1), two(24), two(60), two(60)];
    values.push(
      `${y}-${mo}-${d} ${h}:${mi}`,
      `${y}-${mo}-${d}T${h}:${mi}:${s}`,
      `${y}-${mo}-${d}`,
      `${d}-${mo}-${y} ${h}:${mi}`,
      `${d}-${mo}-${y} ${h}:${mi}:${s}`,
      `${d}/${mo}/${y} ${h}:${mi}`, // other separators: only the regular expressions read these
      `${y}-${mo}-${d} ${h}:${mi}`.replace(/\d/, 'x'),
    );
  }
  values.push('2025-03-30 02:30', '2025-10-26 02:30', '29-02-2024 12:00', '29-02-2025 12:00', '2024-02-30', '0000-01-01');

  it('autoDateParser reads them as its regular expressions do', () => {
    const parse = autoDateParser('Europe/Amsterdam');
    let read = 0;
    for (const v of values) {
      expect(parse(v), v).toEqual(parse(` ${v}`));
      if (parse(v)) read++;
    }
    expect(read).toBeGreaterThan(12_000); // most are dates, some are not
  });

  it('a pattern reads them as its regular expression does', () => {
    for (const pattern of ['dd-MM-yyyy HH:mm', "yyyy-MM-dd'T'HH:mm:ss", 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd', 'dd/MM/yyyy HH:mm']) {
      const parse = compileDatePattern(pattern, 'Europe/Amsterdam');
      let read = 0;
      for (const v of values) {
        expect(parse(v), `${pattern}: ${v}`).toEqual(parse(` ${v}`));
        if (parse(v)) read++;
      }
      expect(read, pattern).toBeGreaterThan(1000);
    }
  });
});

describe('impossible days', () => {
  it('are the days Date.UTC moves into the next month, for every month of years round the leap rules', () => {
    const parse = compileDatePattern('yyyy-MM-dd', 'Europe/Amsterdam');
    for (const year of [0, 4, 99, 100, 1900, 1996, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 28; day <= 31; day++) {
          const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(parse(text) !== null, text).toBe(real);
        }
      }
    }
  });
});
