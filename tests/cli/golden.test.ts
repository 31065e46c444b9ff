import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, runCli, tempDir } from '../helpers.js';

/**
 * Golden files: the demo screening's outputs, byte for byte. After an intended change,
 * regenerate with `npx vitest run tests/cli/golden.test.ts -u` and review the diff.
 */
describe('golden: screen fixtures/demo/meldingen.csv', () => {
  it.each([
    'hotspots.csv',
    'hotspot-reports.csv',
    'hotspots.geojson',
    'hotspot-areas.geojson',
    'screening.json',
    'rejects.csv',
    'table.txt',
  ])('%s', async (name) => {
    const out = tempDir();
    const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--out', out]);
    expect(r.code).toBe(0);
    const text = name === 'table.txt' ? r.stdout.replaceAll(out, '<out>') : readFileSync(join(out, name), 'utf8');
    await expect(text).toMatchFileSnapshot(join('../../fixtures/golden/demo', name));
  });
});
