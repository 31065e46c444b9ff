import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScreenJob } from '../../src/pipeline/screen-job.js';
import { buildIngestOptions, loadRulesFile } from '../../src/pipeline/inputs.js';
import { historyPath } from '../../src/pipeline/history.js';
import { setWriteFault } from '../../src/report/write.js';
import { writeScenario } from '../../tools/scenario/write.js';
import { KEY_ENV, NOW, runCli, tempDir } from '../helpers.js';

/**
 * A run is all or nothing. A screening is failed at every stage (an exception), on every output
 * file (a full disk, no permission), with a bad --db, and stopped by SIGINT, SIGTERM and SIGHUP.
 * Each time the output folder holds exactly what it held before, and the history is unchanged.
 */

const DEMO = ['fixtures/demo/meldingen.csv'];

/** Every file under a folder (dotfiles and subfolders too) with its content hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function historyList(db: string): Promise<string> {
  return (await runCli(['history', 'list', '--db', db, '--json'])).stdout;
}

/** An output folder and a history after one good run, with a file of the analyst's own beside it. */
async function earlierRun() {
  const dir = tempDir();
  const out = join(dir, 'out');
  const db = join(dir, 'h.sqlite');
  const first = await runCli([
    'screen',
    ...DEMO,
    '--now',
    NOW,
    '--period',
    '2026-10',
    '--out',
    out,
    '--db',
    db,
    '--format',
    'csv,json,geojson,html',
  ]);
  expect(first.code).toBe(0);
  writeFileSync(join(out, 'notities.txt'), 'van de analist');
  return { out, db, files: snapshot(out), history: await historyList(db) };
}

const unchanged = async (before: Awaited<ReturnType<typeof earlierRun>>) => {
  expect(snapshot(before.out)).toEqual(before.files);
  expect(await historyList(before.db)).toBe(before.history);
};

afterEach(() => setWriteFault(undefined));

describe('faults at every stage leave no trace', () => {
  const stages = [
    'ingest',
    'cluster',
    'grid',
    'score',
    'history',
    'report',
    'report:hotspots.csv',
    'report:hotspot-reports.csv',
    'report:hotspots.geojson',
    'report:hotspot-areas.geojson',
    'report:density.geojson',
    'report:screening.json',
    'report:report.html',
    'publish',
  ];
  it.each(stages)('an exception at %s', async (stage) => {
    const before = await earlierRun();
    const base = buildIngestOptions({ cwd: process.cwd(), env: KEY_ENV, nowMs: Date.parse(NOW) });
    await expect(
      runScreenJob({
        ...base,
        files: DEMO,
        rules: loadRulesFile(process.cwd()),
        maxRejectRate: 1,
        period: { openEndAtNow: true },
        outDir: before.out,
        formats: ['csv', 'json', 'geojson', 'html'],
        history: { dbPath: before.db, options: {} },
        onStage: (s) => {
          if (s === stage) throw new Error(`injected at ${s}`);
        },
      }),
    ).rejects.toThrow(`injected at ${stage}`);
    await unchanged(before);
  });

  const files = [
    'rejects.csv',
    'hotspots.csv',
    'hotspot-reports.csv',
    'hotspots.geojson',
    'hotspot-areas.geojson',
    'density.geojson',
    'screening.json',
    'report.html',
  ];
  for (const code of ['ENOSPC', 'EACCES']) {
    it.each(
      files.flatMap((f) => [
        [f, 'write'],
        [f, 'rename'],
      ]),
    )(`${code} writing %s (%s)`, async (file, op) => {
      const before = await earlierRun();
      setWriteFault((o, path) => (o === op && path.endsWith(`/${file}`) ? Object.assign(new Error(code), { code }) : undefined));
      const r = await runCli([
        'screen',
        ...DEMO,
        '--now',
        NOW,
        '--out',
        before.out,
        '--db',
        before.db,
        '--format',
        'csv,json,geojson,html',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(code === 'ENOSPC' ? /ENOSPC[\s\S]*the disk is full/ : /EACCES[\s\S]*no permission to write there/);
      setWriteFault(undefined);
      await unchanged(before);
    });
  }

  it('a --db that is not a database', async () => {
    const before = await earlierRun();
    const bad = join(tempDir(), 'not-a-db.sqlite');
    writeFileSync(bad, 'dit is geen database\n'.repeat(100));
    const r = await runCli(['screen', ...DEMO, '--now', NOW, '--out', before.out, '--db', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot open history file .*not-a-db\.sqlite/);
    expect(snapshot(before.out)).toEqual(before.files);
  });

  it('removes the staging folder of a run that was killed', async () => {
    const before = await earlierRun();
    const stale = join(before.out, '.hotspots-tmp', '999999-deadbeef');
    await import('node:fs').then((fs) => {
      fs.mkdirSync(stale, { recursive: true });
      fs.writeFileSync(join(stale, 'hotspots.csv'), 'half');
    });
    expect((await runCli(['screen', ...DEMO, '--now', NOW, '--out', before.out, '--db', before.db])).code).toBe(0);
    expect(existsSync(join(before.out, '.hotspots-tmp'))).toBe(false);
  });

  it('replaces only its own files: an earlier report.html goes when this run writes no html', async () => {
    const before = await earlierRun();
    await runCli(['screen', ...DEMO, '--now', NOW, '--period', '2026-10', '--out', before.out, '--db', before.db, '--format', 'csv']);
    const names = readdirSync(before.out)
      .filter((f) => !f.startsWith('.'))
      .sort();
    expect(names).toEqual(['hotspot-reports.csv', 'hotspots.csv', 'notities.txt', 'rejects.csv']);
  });
});

describe('signals stop a run cleanly', () => {
  let big: string;
  beforeAll(async () => {
    const dir = tempDir();
    const truth = await writeScenario(dir, { seed: 3, scale: 40 });
    big = join(dir, 'meldingen.csv');
    expect(truth.rows.gemeente).toBeGreaterThan(100_000);
  }, 60_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: exit %d, nothing replaced, history unchanged',
    async (signal, code) => {
      const before = await earlierRun();
      const child = spawn(process.execPath, ['bin/hotspots.js', 'screen', big, '--now', NOW, '--out', before.out, '--db', before.db], {
        env: { ...process.env, ...KEY_ENV, HOTSPOTS_DB: historyPath(process.cwd(), {}, before.db) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      await new Promise((r) => setTimeout(r, 1200));
      child.kill(signal);
      const exit = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(exit, stderr).toBe(code);
      expect(stderr).toContain(`stopped by ${signal}`);
      await unchanged(before);
    },
    60_000,
  );
});
