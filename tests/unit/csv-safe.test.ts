import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseCell } from '../../src/util/csv-safe.js';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+31 6 1234', `'+31 6 1234`],
    ['-cmd|x', `'-cmd|x`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['\rx', `'\rx`],
    ['-1.25', '-1.25'],
    ['+3', '+3'],
    ['-0,5', '-0,5'],
    ['Vrijthof', 'Vrijthof'],
    ['', ''],
  ])('%j -> %j', (input, expected) => expect(neutraliseCell(input)).toBe(expected));

  it('keeps numbers as numbers', () => {
    expect(csvCell(-1.25)).toBe('-1.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });
});
