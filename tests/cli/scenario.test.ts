import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeScenario, type ScenarioTruth } from '../../tools/scenario/write.js';
import { runCli, tempDir } from '../helpers.js';

/** The generated two-year scenario: validate must find exactly the defects the generator planted. */
describe('validate on the generated scenario', () => {
  let dir: string;
  let truth: ScenarioTruth;
  beforeAll(async () => {
    dir = tempDir();
    truth = await writeScenario(dir, { seed: 7, scale: 1 });
  });

  it('is deterministic for a seed', async () => {
    const again = tempDir();
    await writeScenario(again, { seed: 7, scale: 1 });
    for (const f of ['meldingen.csv', 'politie-export.csv', 'truth.json']) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, f)))).toBe(true);
    }
  });

  it('accounts for every planted defect in both exports', async () => {
    const mapping = join(process.cwd(), 'fixtures/demo/politie.mapping.yaml');
    const r = await runCli([
      'validate',
      '--json',
      '--now',
      truth.now,
      join(dir, 'meldingen.csv'),
      join(dir, 'politie-export.csv'),
      '--map',
      mapping,
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const [gemeente, politie] = json.files;
    for (const [file, d, rows] of [
      [gemeente, truth.defects.gemeente, truth.rows.gemeente],
      [politie, truth.defects.politie, truth.rows.politie],
    ] as const) {
      expect(file.read).toBe(rows);
      expect(file.read).toBe(file.accepted + file.rejected + file.duplicates);
      const counts = Object.fromEntries(file.rejectReasons.map((x: { code: string; count: number }) => [x.code, x.count]));
      expect(counts).toEqual(Object.fromEntries(Object.entries(d).filter(([, n]) => n > 0)));
    }
    expect(gemeente.profile).toBe('generic');
    expect(politie).toMatchObject({ profile: 'politie-basisteam', dialect: { encoding: 'windows-1252', delimiter: ';' } });
    expect(json.dateRange.first.startsWith('2024-11-25')).toBe(true);
    // The last incidents are late on Sunday 22 November; a report can follow just after midnight.
    expect(Date.parse(json.dateRange.last)).toBeGreaterThanOrEqual(Date.parse('2026-11-22T00:00:00+01:00'));
    expect(Date.parse(json.dateRange.last)).toBeLessThan(Date.parse(truth.now));
  });

  it('classifies themes from both taxonomies alike', async () => {
    const r = await runCli([
      'validate',
      '--json',
      '--now',
      truth.now,
      join(dir, 'politie-export.csv'),
      '--map',
      'fixtures/demo/politie.mapping.yaml',
    ]);
    const themes = JSON.parse(r.stdout).themes;
    expect(Object.keys(themes).sort()).toEqual(['afval', 'alcohol', 'drugs', 'geluid', 'jeugd', 'overig', 'personen', 'verward']);
  });
});
