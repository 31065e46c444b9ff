import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { writeScenario, type ScenarioTruth } from '../../tools/scenario/write.js';
import { simulateCron, trendHitRate } from '../../tools/scenario/cron.js';
import { buildIngestOptions, loadRulesFile } from '../../src/pipeline/inputs.js';
import { KEY_ENV, runCli, tempDir } from '../helpers.js';

const MAPPING = 'fixtures/demo/politie.mapping.yaml';
let dir: string;
let truth: ScenarioTruth;
let files: string[];

beforeAll(async () => {
  dir = tempDir();
  truth = await writeScenario(dir, { seed: 5 });
  files = [join(dir, 'meldingen.csv'), join(dir, 'politie-export.csv'), '--map', MAPPING, '--now', truth.now];
});

const screen = (db: string, to: string, extra: string[] = []) =>
  runCli(['screen', ...files, '--from', '2025-06-01', '--to', to, '--out', join(tempDir(), 'out'), '--db', db, '--json', ...extra]);

describe('screen keeps a history', () => {
  it('gives stable keys, says what changed since the previous run, and what is gone', async () => {
    const db = join(tempDir(), 'h.sqlite');
    const a = JSON.parse((await screen(db, '2026-11-08')).stdout);
    const b = JSON.parse((await screen(db, '2026-11-15')).stdout);
    expect(a.run.history).toMatchObject({ runId: 1, replaced: false, gone: [] });
    expect(a.hotspots.every((h: { change: { status: string } }) => h.change.status === 'new')).toBe(true);
    expect(b.run.history).toMatchObject({ runId: 2, previousRunId: 1 });
    const keysA = new Map(a.hotspots.map((h: { id: string; key: string }) => [h.id, h.key]));
    const same = b.hotspots.filter((h: { id: string; key: string }) => keysA.get(h.id) === h.key);
    expect(same.length).toBeGreaterThan(30);
    expect(b.hotspots.filter((h: { change: { status: string } }) => h.change.status !== 'new').length).toBeGreaterThan(30);
    expect(b.hotspots[0].key).toMatch(/^HS-\d{4}$/);
    expect(b.hotspots[0].trend).toMatch(/^[a-z-]+$/);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it('replaces a re-run of the same inputs, rules and period', async () => {
    const db = join(tempDir(), 'h.sqlite');
    await screen(db, '2026-11-15');
    const again = JSON.parse((await screen(db, '2026-11-15')).stdout);
    expect(again.run.history).toMatchObject({ runId: 1, replaced: true });
    const list = JSON.parse((await runCli(['history', 'list', '--db', db, '--json'])).stdout);
    expect(list.schemaVersion).toBe(2);
    expect(list.runs).toHaveLength(1);
  });

  it('lists, shows and prunes runs', async () => {
    const db = join(tempDir(), 'h.sqlite');
    await screen(db, '2026-11-08');
    await screen(db, '2026-11-15');
    expect((await runCli(['history', 'list', '--db', db])).stdout).toMatch(
      /^ run {2}period.*\n {3}1 {2}2025-06-01\.\.2026-11-08 .*\n {3}2 {2}2025-06-01\.\.2026-11-15/,
    );
    expect((await runCli(['history', 'show', '2', '--db', db])).stdout).toMatch(/^run 2: 2025-06-01\.\.2026-11-15/);
    expect((await runCli(['history', 'show', '9', '--db', db])).stderr).toMatch(/no run 9/);
    const pruned = await runCli(['history', 'prune', '--older-than', '10d', '--db', db, '--now', '2026-11-20T00:00:00+01:00']);
    expect(pruned.stdout).toMatch(/^removed 1 run\(s\) whose period ended before 2026-11-10/);
    expect(JSON.parse((await runCli(['history', 'list', '--db', db, '--json'])).stdout).runs.map((r: { id: number }) => r.id)).toEqual([2]);
    const shown = JSON.parse((await runCli(['history', 'show', '2', '--db', db, '--json'])).stdout);
    expect(shown.schemaVersion).toBe(2);
    expect(shown.hotspots[0]).toMatchObject({
      key: expect.stringMatching(/^HS-\d{4}$/),
      caveats: expect.any(Array),
      indicators: expect.any(Array),
      hull: expect.any(Array),
    });
    expect(shown.hotspots[0].hours).toHaveLength(168);
    expect(JSON.stringify(shown)).not.toMatch(/Json"/); // no JSON strings inside the JSON
    // The cell counts of weeks before the cutoff go too (retention covers every table).
    const h = new Database(db, { readonly: true });
    const weeks = h.prepare('SELECT MIN(week) AS first FROM cell_counts').get() as { first: number };
    h.close();
    expect(weeks.first).toBeGreaterThanOrEqual(Math.floor((Date.parse('2026-11-10T00:00:00+01:00') / 86_400_000 + 3) / 7) - 1);
  });

  it('never creates a history on a typo: read commands need an existing file', async () => {
    const typo = join(tempDir(), 'hotspts.sqlite');
    for (const args of [['history', 'list'], ['history', 'show', '1'], ['history', 'prune', '--older-than', '2y'], ['trend']]) {
      const r = await runCli([...args, '--db', typo]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/no history file .*hotspts\.sqlite/);
    }
    expect(existsSync(typo)).toBe(false);
  });

  it('prune lists what it would remove with --dry-run, and asks for --yes to remove every run', async () => {
    const db = join(tempDir(), 'h.sqlite');
    await screen(db, '2026-11-08');
    await screen(db, '2026-11-15');
    const dry = await runCli(['history', 'prune', '--older-than', '0d', '--db', db, '--dry-run', '--now', '2026-11-30T00:00:00+01:00']);
    expect(dry.stdout).toMatch(/^would remove 2 run\(s\) whose period ended before 2026-11-30:\n {2}run 1 .*\n {2}run 2 /);
    const refused = await runCli(['history', 'prune', '--older-than', '0d', '--db', db, '--now', '2026-11-30T00:00:00+01:00']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/would remove every run \(2\)[\s\S]*--dry-run[\s\S]*--yes/);
    expect(JSON.parse((await runCli(['history', 'list', '--db', db, '--json'])).stdout).runs).toHaveLength(2);
    const all = await runCli(['history', 'prune', '--older-than', '0d', '--db', db, '--yes', '--now', '2026-11-30T00:00:00+01:00']);
    expect(all.stdout).toMatch(/^removed 2 run\(s\)/);
  });

  it('keeps no personal data: no free text, reporter pseudonyms, e-mail or phone', async () => {
    const db = join(tempDir(), 'h.sqlite');
    await screen(db, '2026-11-15');
    const sqlite = new Database(db, { readonly: true });
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    let cells = 0;
    for (const t of tables) {
      for (const row of sqlite.prepare(`SELECT * FROM "${t}"`).all() as Array<Record<string, unknown>>) {
        for (const v of Object.values(row)) {
          cells++;
          expect(String(v)).not.toMatch(
            /@example\.nl|(^|[^\d.])06-\d{8}|\bP[0-9a-f]{16}\b|gedeald|intimideert|uitgescholden|Jan de Vries|Melder/,
          );
        }
      }
    }
    expect(cells).toBeGreaterThan(1000);
    sqlite.close();
    expect(readFileSync(db).toString('latin1')).not.toMatch(/@example\.nl|uitgescholden/);
  });
});

describe('trend command', () => {
  it('classifies every key over the runs, as JSON', async () => {
    const db = join(tempDir(), 'h.sqlite');
    await screen(db, '2026-11-22');
    const t = JSON.parse((await runCli(['trend', '--db', db, '--json'])).stdout);
    expect(t.runs).toEqual([1]);
    expect(t.trends.length).toBeGreaterThan(30);
    expect(t.trends[0]).toMatchObject({ key: 'HS-0001', stepWeeks: 4 });
    expect(t.trends.filter((r: { category: string }) => r.category === 'persistent').length).toBeGreaterThan(5);
  });
});

describe('a year of cron runs over the scenario', () => {
  it('yields the planted trend patterns (13 runs, every 4 weeks, 26-week window)', async () => {
    const db = join(tempDir(), 'h.sqlite');
    const trends = await simulateCron({
      base: {
        ...buildIngestOptions({ cwd: process.cwd(), env: KEY_ENV, nowMs: Date.parse(truth.now), mapFiles: [MAPPING] }),
        files: files.slice(0, 2),
        rules: loadRulesFile(process.cwd()),
        maxRejectRate: 1,
      },
      dbPath: db,
      lastRun: { year: 2026, month: 11, day: 23 },
      runs: 13,
      everyWeeks: 4,
      windowWeeks: 26,
    });
    const { rows, hitRate } = trendHitRate(truth, trends.centroids, new Map([...trends.trends].map(([k, v]) => [k, v.trend.category])));
    expect(rows.every((r) => r.key !== null)).toBe(true);
    expect(hitRate).toBeGreaterThanOrEqual(0.8);
    expect(rows.filter((r) => r.pattern === 'persistent').every((r) => r.hit)).toBe(true);
  });
});

describe('robustness of the history file', () => {
  const script = (body: string) => {
    const file = join(tempDir(), 'child.mjs');
    writeFileSync(
      file,
      `import { openDb } from '${process.cwd()}/dist/history/db.js';\nimport { recordRun } from '${process.cwd()}/dist/history/runs.js';\n${body}`,
    );
    return file;
  };
  const runBody = (db: string, key: string, kill = false) => `
    const db = openDb(${JSON.stringify(db)});
    const hotspots = Array.from({ length: 40 }, (_, i) => ({ candidateId: 'PS-' + i, rank: i + 1, kind: 'public-space', class: 'hotspot', score: 9,
      reports: 10, reporters: 3, activeWeeks: 5, first: 'a', last: 'b', x: 170000 + i * 1000, y: 317000, lat: 0, lon: 0, radiusM: 10,
      hull: [], place: 'p', indicators: [], caveats: [], weekly: [[2900, 1]] }));
    recordRun(db, { runKey: ${JSON.stringify(key)}, createdAt: 'now', period: { from: 'a', to: ${JSON.stringify(key)}, label: 'l' }, evidence: { from: 'a', to: ${JSON.stringify(key)} },
      rules: { name: 'r', sha256: 's' }, inputs: [], options: {}, distanceM: 60, hotspots },
      { onHotspot: (i) => { ${kill ? "if (i === 20) process.kill(process.pid, 'SIGKILL');" : ''} } });
    db.close();`;

  it('survives a run killed halfway through writing: the previous history stays intact', () => {
    const db = join(tempDir(), 'h.sqlite');
    expect(spawnSync('node', [script(runBody(db, 'run-1'))]).status).toBe(0);
    const killed = spawnSync('node', [script(runBody(db, 'run-2', true))]);
    expect(killed.signal).toBe('SIGKILL');
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM hotspots').get()).toEqual({ n: 40 });
    sqlite.close();
  });

  it('takes concurrent runs from several processes without corruption or shared keys', async () => {
    const db = join(tempDir(), 'h.sqlite');
    const children = Array.from(
      { length: 4 },
      (_, i) =>
        new Promise<number | null>((resolve) => {
          spawn('node', [script(runBody(db, `run-${i}`))], { stdio: 'ignore' }).on('exit', (code) => resolve(code));
        }),
    );
    expect(await Promise.all(children)).toEqual([0, 0, 0, 0]);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 4 });
    // the same 40 places in every run: the first run creates 40 keys, the others reuse them
    expect(sqlite.prepare('SELECT count(*) AS n FROM hotspot_keys').get()).toEqual({ n: 40 });
    expect(sqlite.prepare('SELECT count(DISTINCT key) AS n FROM hotspots').get()).toEqual({ n: 40 });
    sqlite.close();
  });
});
