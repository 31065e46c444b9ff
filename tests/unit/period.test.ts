import { describe, expect, it } from 'vitest';
import { isoWeekOf, parseBoundary, parsePeriod, weekIndex } from '../../src/util/period.js';
import { formatLocalIso } from '../../src/util/time.js';
import { nameWindow, peakWindow, hourOfWeek } from '../../src/score/hottime.js';

const NOW = Date.parse('2026-11-23T06:00:00+01:00'); // a Monday
const iso = (p: { fromMs: number; toMs: number; label: string }) => [formatLocalIso(p.fromMs), formatLocalIso(p.toMs), p.label];
const lookbackOf = (spec: string) => parsePeriod(spec, NOW).lookback ?? false;

describe('parsePeriod (Europe/Amsterdam boundaries)', () => {
  it.each([
    ['last-week', '2026-11-16T00:00:00+01:00', '2026-11-23T00:00:00+01:00', '2026-W47'],
    ['last-4-weeks', '2026-10-26T00:00:00+01:00', '2026-11-23T00:00:00+01:00', '2026-10-26..2026-11-22'],
    ['2026-W01', '2025-12-29T00:00:00+01:00', '2026-01-05T00:00:00+01:00', '2026-W01'],
    ['2025-W13', '2025-03-24T00:00:00+01:00', '2025-03-31T00:00:00+02:00', '2025-W13'],
    ['2026-02', '2026-02-01T00:00:00+01:00', '2026-03-01T00:00:00+01:00', '2026-02'],
    ['2025-10', '2025-10-01T00:00:00+02:00', '2025-11-01T00:00:00+01:00', '2025-10'],
    ['2025-Q3', '2025-07-01T00:00:00+02:00', '2025-10-01T00:00:00+02:00', '2025-Q3'],
    ['2025-q4', '2025-10-01T00:00:00+02:00', '2026-01-01T00:00:00+01:00', '2025-Q4'],
    ['2025', '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00', '2025'],
  ])('%s', (spec, from, to, label) => {
    expect(iso(parsePeriod(spec, NOW))).toEqual([from, to, label]);
  });
  it.each(['yesterday', '2026-13', '2026-W54', '2025-W53', '2025-Q5', '2025-Q0', '20255'])('rejects %j', (spec) => {
    expect(() => parsePeriod(spec, NOW)).toThrow(/--period/);
  });
  it('marks list periods (week, 4 weeks, month) for the evidence window, not quarters and years', () => {
    expect(['last-week', 'last-4-weeks', '2026-W03', '2026-02', '2026-Q1', '2026'].map(lookbackOf)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
  it('reads --from and inclusive --to dates as local midnights', () => {
    expect(formatLocalIso(parseBoundary('2026-03-01', '--from'))).toBe('2026-03-01T00:00:00+01:00');
    expect(formatLocalIso(parseBoundary('2026-03-31', '--to'))).toBe('2026-04-01T00:00:00+02:00');
    expect(() => parseBoundary('31-03-2026', '--to')).toThrow(/--to: "31-03-2026" is not a date/);
  });
  it.each(['2026-02-30', '2026-04-31', '2025-02-29', '2026-13-01', '2026-02-30T10:00:00+01:00'])(
    'refuses the impossible date %s instead of shifting it',
    (text) => {
      expect(() => parseBoundary(text, '--from')).toThrow(/is not a date/);
    },
  );
  it('numbers ISO weeks across year ends', () => {
    expect(isoWeekOf(Date.parse('2026-01-01T12:00:00+01:00'))).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf(Date.parse('2027-01-01T12:00:00+01:00'))).toEqual({ year: 2026, week: 53 });
    expect(weekIndex(Date.parse('2026-11-22T23:30:00+01:00')) + 1).toBe(weekIndex(Date.parse('2026-11-23T00:30:00+01:00')));
  });
});

describe('hottime windows', () => {
  it('names windows in Dutch, across midnight and the week end', () => {
    expect(nameWindow(4 * 24 + 22, 3)).toBe('vr-za 22:00-01:00');
    expect(nameWindow(4 * 24 + 19, 3)).toBe('vr 19:00-22:00');
    expect(nameWindow(6 * 24 + 23, 3)).toBe('zo-ma 23:00-02:00');
  });
  it('finds the busiest three hours, wrapping Sunday into Monday', () => {
    const bins = new Float64Array(168);
    bins[167] = 5;
    bins[0] = 5;
    bins[1] = 5;
    bins[50] = 9;
    expect(peakWindow(bins)).toEqual({ startBin: 167, hours: 3, share: 15 / 24, label: 'zo-ma 23:00-02:00' });
    expect(peakWindow(new Float64Array(168))).toBeNull();
  });
  it('bins local time: Friday 23:30 in summer', () => {
    expect(hourOfWeek(Date.parse('2025-07-04T23:30:00+02:00'))).toBe(4 * 24 + 23);
  });
});
