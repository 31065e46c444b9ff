import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findExamples, renderReadme, shown } from '../../tools/readme-examples.js';
import { KEY_ENV } from '../helpers.js';

describe("the README's example outputs", () => {
  const readme = readFileSync('README.md', 'utf8');

  it('are what the commands print today (regenerate with `npm run readme`)', async () => {
    expect(findExamples(readme).map((e) => e.command[0])).toEqual(['screen', 'validate', 'hottimes']);
    expect(await renderReadme(readme, KEY_ENV.HOTSPOTS_PSEUDONYM_KEY)).toBe(readme);
  });

  it('show the chosen lines, with " ..." for each gap', () => {
    const out = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(
      shown(out, [
        [1, 2],
        [4, 4],
      ]),
    ).toEqual(['a', 'b', ' ...', 'd', ' ...']);
    expect(shown(out, [[3, 6]])).toEqual([' ...', 'c', 'd', 'e', 'f']);
  });
});
