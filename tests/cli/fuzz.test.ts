import { describe, expect, it } from 'vitest';
import { fuzz, fuzzBases, judge, MUTATIONS } from '../../tools/scenario/fuzz.js';
import { tempDir } from '../helpers.js';

/** A slice of `npm run fuzz` (which runs 10,000 cases): 200 mutated exports through validate and screen. */
describe('fuzzing the readers', () => {
  it('never reports an internal error, and every count adds up (200 cases, every mutation)', async () => {
    const { runs, failures, codes } = await fuzz(fuzzBases(process.cwd()), 200, 20261129, tempDir());
    expect(runs).toBe(400);
    expect(failures).toEqual([]);
    expect(Object.keys(codes).length).toBeGreaterThan(2); // the cases reach accepted, over-threshold and refused files
  }, 120_000);

  it('would catch a bug: an internal error, counts that do not add up, an exit 2 without a user error', () => {
    expect(judge('validate', 2, '', 'internal error (a bug in hotspots ...)\nTypeError: x')).toMatch(/internal error/);
    expect(judge('validate', 0, JSON.stringify({ totals: { read: 3, accepted: 1, rejected: 1, duplicates: 0 }, files: [] }), '')).toMatch(
      /add up/,
    );
    expect(judge('screen', 2, '', 'Error: boom')).toMatch(/without a user error/);
    expect(judge('validate', 2, '', 'error: x.csv is empty\n')).toBe('');
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(15);
  });
});
