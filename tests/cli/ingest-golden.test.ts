import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioArgs, writeScenario, type ScenarioTruth } from '../../tools/scenario/write.js';
import { defect, NOW, runCli, tempDir } from '../helpers.js';

/**
 * The ingest must keep giving exactly the results the first (csv-parse) reader gave: the same
 * accepted, rejected and duplicate counts, the same reject lines and codes, the same screening.json.
 * These golden files were made by that reader; regenerate only for an intended change
 * (`npx vitest run tests/cli/ingest-golden.test.ts -u`) and review the diff.
 */
const GOLDEN = '../../fixtures/golden/ingest';
const MAPPINGS: Record<string, string[]> = { 'headerless-fixi.csv': ['--map', defect('headerless-fixi.mapping.yaml')] };
const inputs = readdirSync('fixtures/defects')
  .filter((f) => /\.(csv|tsv)$/.test(f))
  .sort();

/** The validate summary without what depends on the machine (nothing) or the run (rejects path). */
function summary(stdout: string): string {
  const j = JSON.parse(stdout);
  delete j.rejectsFile;
  return `${JSON.stringify(j, null, 2)}\n`;
}

/**
 * Each input is read twice: on one thread, and by worker threads in slices (every file, however
 * small, and cut every 64 KB), which must give the very same files.
 */
const MODES = [
  { mode: 'one thread', args: ['--jobs', '0'], env: {} },
  { mode: 'worker threads', args: ['--jobs', '2'], env: { HOTSPOTS_PARALLEL_MIN_BYTES: '0' } },
];

describe.each(MODES)('ingest golden files, $mode: every defect fixture', ({ args, env }) => {
  it.each(inputs)('%s', async (name) => {
    const dir = tempDir();
    const r = await runCli(
      ['validate', defect(name), ...(MAPPINGS[name] ?? []), '--now', NOW, '--json', '--rejects', join(dir, 'rejects.csv'), ...args],
      { env },
    );
    await expect(summary(r.stdout)).toMatchFileSnapshot(join(GOLDEN, `${name}.validate.json`));
    await expect(readFileSync(join(dir, 'rejects.csv'), 'utf8')).toMatchFileSnapshot(join(GOLDEN, `${name}.rejects.csv`));
  });
});

describe.each(MODES)('ingest golden files, $mode: a generated 20k-row scenario (both exports)', ({ args, env }) => {
  let dir: string;
  let truth: ScenarioTruth;
  beforeAll(async () => {
    dir = tempDir();
    truth = await writeScenario(dir, { seed: 4242, scale: 4.5 });
  });
  it('validate', async () => {
    const r = await runCli(['validate', ...scenarioArgs(dir, truth), '--json', '--rejects', join(dir, 'rejects.csv'), ...args], { env });
    expect(JSON.parse(r.stdout).totals.read).toBeGreaterThan(19_000);
    await expect(summary(r.stdout).replaceAll(dir, '<dir>')).toMatchFileSnapshot(join(GOLDEN, 'scenario-20k.validate.json'));
    await expect(readFileSync(join(dir, 'rejects.csv'), 'utf8').replaceAll(dir, '<dir>')).toMatchFileSnapshot(
      join(GOLDEN, 'scenario-20k.rejects.csv'),
    );
  });
  it('screen', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['screen', ...scenarioArgs(dir, truth), '--out', out, '--json', '--no-history', ...args], { env });
    await expect(r.stdout.replaceAll(dir, '<dir>')).toMatchFileSnapshot(join(GOLDEN, 'scenario-20k.screening.json'));
  });
});
