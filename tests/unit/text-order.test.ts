import { describe, expect, it } from 'vitest';
import { byCharacters, groupedInt } from '../../src/util/text.js';
import { THEMES } from '../../src/model/incoming.js';

describe('groupedInt', () => {
  it('writes whole numbers as toLocaleString("en-US") does', () => {
    const cases = [
      0,
      1,
      -1,
      7,
      12,
      999,
      1000,
      -1000,
      9999,
      12_345,
      100_000,
      999_999,
      1_000_000,
      1_000_400,
      -987_654_321,
      Number.MAX_SAFE_INTEGER,
    ];
    for (let n = 1, k = 0; k < 40; n = n * 3 + k, k++) cases.push(n, -n);
    for (const n of cases) expect(groupedInt(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
  it('leaves other numbers to toLocaleString', () => {
    for (const n of [1.5, -2.25, 1234.5678, Number.NaN, Infinity, 2 ** 60]) expect(groupedInt(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('byCharacters', () => {
  it('orders theme names and reason codes as localeCompare does', () => {
    const words = [
      ...THEMES,
      'bad-date',
      'bad-buurt-code',
      'bad-house-number',
      'bad-incident-date',
      'bad-postcode',
      'bad-wijk-code',
      'column-count',
      'csv-syntax',
      'duplicate',
      'excluded',
      'future-date',
      'implausible-date',
      'missing-date',
      'no-location',
      'out-of-area',
      'outside',
      'postcode',
      'a1',
      'a-1',
      'a10',
      'a2',
    ];
    const ours = [...words].sort(byCharacters),
      locale = [...words].sort((a, b) => a.localeCompare(b));
    expect(ours).toEqual(locale);
  });
});
