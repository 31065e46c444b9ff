import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDb, schemaVersion } from '../../src/history/db.js';
import { LATEST_VERSION } from '../../src/history/migrations.js';
import { cellCounts, cellsWithReports, recordCellWeeks, weeklyCellTotals } from '../../src/history/cells.js';
import { cellKey } from '../../src/model/assessment.js';
import {
  assignKeys,
  closestFirst,
  convexOverlap,
  type SamePlace,
  dwellingHash,
  postcodeHash,
  type KnownKey,
} from '../../src/history/identity.js';
import { listRuns, pruneRuns, recordRun, runHotspots, weeklyCounts, type HotspotRecord, type RunRecord } from '../../src/history/runs.js';
import { stepSeries } from '../../src/history/trend.js';
import { tempDir } from '../helpers.js';

const square = (x: number, y: number, r: number): Array<[number, number]> => [
  [x - r, y - r],
  [x + r, y - r],
  [x + r, y + r],
  [x - r, y + r],
];

const hotspot = (over: Partial<HotspotRecord> = {}): HotspotRecord => ({
  candidateId: 'PS-1',
  rank: 1,
  kind: 'public-space',
  class: 'hotspot',
  score: 10,
  reports: 20,
  reporters: 5,
  activeWeeks: 8,
  first: '2026-01-01T00:00:00.000Z',
  last: '2026-02-01T00:00:00.000Z',
  x: 176000,
  y: 317000,
  lat: 50.8,
  lon: 5.7,
  radiusM: 30,
  hull: square(176000, 317000, 30),
  place: 'Vrijthof',
  indicators: [],
  caveats: [],
  weekly: [
    [2910, 3],
    [2911, 2],
  ],
  ...over,
});

const run = (over: Partial<RunRecord> = {}): RunRecord => ({
  runKey: 'k1',
  createdAt: '2026-11-23T05:00:00.000Z',
  period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'p' },
  evidence: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
  rules: { name: 'r', sha256: 'a'.repeat(64) },
  inputs: [],
  options: {},
  distanceM: 60,
  hotspots: [hotspot()],
  ...over,
});

describe('history file', () => {
  it('is created owner-only, in WAL mode, at the latest schema', () => {
    const path = join(tempDir(), 'h.sqlite');
    const db = openDb(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('migrates from version 1 to the latest with data in place', () => {
    const path = join(tempDir(), 'h.sqlite');
    const db = openDb(path, { migrate: false });
    migrate(db, path, 1);
    expect(schemaVersion(db)).toBe(1);
    db.prepare(`INSERT INTO runs (run_key, created_at, period_from, period_to, period_label, rules_name, rules_sha256, inputs_json, options_json)
      VALUES ('old', '2026-01-01', '2025-12-01', '2026-01-01', 'dec', 'r', 'x', '[]', '{}')`).run();
    db.prepare(`INSERT INTO hotspots (run_id, key, candidate_id, rank, kind, class, score, reports, reporters, active_weeks, first, last, x, y, lat, lon, radius_m, hull_json, place, indicators_json)
      VALUES (1, 'HS-0001', 'PS-1', 1, 'public-space', 'hotspot', 9, 10, 3, 4, 'a', 'b', 1, 2, 3, 4, 5, '[]', 'Markt', '[]')`).run();
    migrate(db, path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT key, score, trend, caveats FROM hotspots').get()).toEqual({
      key: 'HS-0001',
      score: 9,
      trend: null,
      caveats: null,
    });
    // Runs from before evidence ranges were kept were judged on their period.
    expect(listRuns(db)[0]).toMatchObject({ periodFrom: '2025-12-01', evidenceFrom: '2025-12-01', evidenceTo: '2026-01-01' });
    db.close();
  });

  it('packs schema 6 cell counts into one row per week, source and theme, reading back the same counts', () => {
    const path = join(tempDir(), 'h.sqlite');
    const db = openDb(path, { migrate: false });
    migrate(db, path, 6);
    const insert = db.prepare('INSERT INTO cell_weeks (cx, cy, week, theme, source, reports) VALUES (?, ?, ?, ?, ?, ?)');
    let seed = 11;
    const pick = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const seen = new Set<string>();
    for (let k = 0; k < 3000; k++) {
      const row = [
        pick(40) - 20,
        pick(40) - 20,
        2900 + pick(6),
        ['drugs', 'personen', 'overig'][pick(3)]!,
        ['signalen', 'politie'][pick(2)]!,
      ];
      if (seen.has(row.join())) continue;
      seen.add(row.join());
      insert.run(...row, 1 + pick(5));
    }
    const counts = db
      .prepare(`SELECT cx, cy, week, theme, SUM(reports) AS reports FROM cell_weeks WHERE week BETWEEN 2901 AND 2904
        GROUP BY week, theme, cx, cy ORDER BY week, theme, cx, cy`)
      .all();
    const cells = db.prepare('SELECT cx, cy FROM cell_weeks GROUP BY cx, cy ORDER BY cx, cy').all() as Array<{ cx: number; cy: number }>;
    const totals = new Map<number, Map<number, number>>(); // themes and sources added up
    for (const r of db
      .prepare('SELECT week, cx, cy, SUM(reports) AS reports FROM cell_weeks WHERE week BETWEEN 2901 AND 2904 GROUP BY week, cx, cy')
      .all() as Array<{ week: number; cx: number; cy: number; reports: number }>) {
      if (!totals.has(r.week)) totals.set(r.week, new Map());
      totals.get(r.week)!.set(cellKey(r.cx, r.cy), r.reports);
    }
    expect(counts.length).toBeGreaterThan(900); // four of the six weeks, sources added up
    migrate(db, path);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'cell_weeks'").get()).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM cell_counts').get()).toEqual({ n: 36 });
    expect(cellCounts(db, 2901, 2904)).toEqual(counts);
    const distinct = cellsWithReports(db); // by cx, then cy
    expect(Array.from(distinct.cx, (cx, k) => ({ cx, cy: distinct.cy[k] }))).toEqual(cells);
    expect(weeklyCellTotals(db, 2901, 2904)).toEqual(totals);
    db.close();
  });

  it('keeps cell counts given in any order (each week, source and theme packed by cell)', () => {
    const db = openDb(join(tempDir(), 'h.sqlite'));
    const rows: Array<[number, number, number, string, string, number]> = [
      [3, -1, 2901, 'drugs', 'politie', 2],
      [-5, 4, 2901, 'drugs', 'signalen', 1],
      [3, -1, 2901, 'drugs', 'signalen', 4],
      [0, 0, 2902, 'overig', 'signalen', 1],
      [-5, 2, 2901, 'drugs', 'signalen', 3],
      [3, -2, 2901, 'drugs', 'politie', 1],
    ];
    const coverage = ['signalen', 'politie'].map((source) => ({ source, fromDay: 7 * 2900 - 3, toDay: 7 * 2910 - 3, weeks: [2901, 2902] }));
    const themes = ['overig', 'drugs'],
      sources = ['signalen', 'politie'];
    db.exec('BEGIN');
    recordCellWeeks(db, 1, {
      cellSizeM: 25,
      coverage,
      cx: Int32Array.from(rows, (r) => r[0]),
      cy: Int32Array.from(rows, (r) => r[1]),
      week: Int32Array.from(rows, (r) => r[2]),
      // codes into names that are not in alphabetical order, so the order falls back on the names
      theme: Uint8Array.from(rows, (r) => themes.indexOf(r[3])),
      source: Uint8Array.from(rows, (r) => sources.indexOf(r[4])),
      names: { themes, sources },
      reports: Int32Array.from(rows, (r) => r[5]),
    });
    db.exec('COMMIT');
    expect(cellCounts(db, 2901, 2902)).toEqual([
      { cx: -5, cy: 2, week: 2901, theme: 'drugs', reports: 3 },
      { cx: -5, cy: 4, week: 2901, theme: 'drugs', reports: 1 },
      { cx: 3, cy: -2, week: 2901, theme: 'drugs', reports: 1 },
      { cx: 3, cy: -1, week: 2901, theme: 'drugs', reports: 6 },
      { cx: 0, cy: 0, week: 2902, theme: 'overig', reports: 1 },
    ]);
    db.close();
  });

  it('carries dwelling keys over to street-based identity, so no known dwelling turns new', () => {
    const path = join(tempDir(), 'h.sqlite');
    const db = openDb(path, { migrate: false });
    migrate(db, path, 3);
    const oldHash = dwellingHash('6224JA|88|B'); // schema 1-3: the hash of postcode|number|suffix
    db.prepare(`INSERT INTO runs (run_key, created_at, period_from, period_to, period_label, rules_name, rules_sha256, inputs_json, options_json)
      VALUES ('old', '2026-01-01', '2025-12-01', '2026-01-01', 'dec', 'r', 'x', '[]', '{}')`).run();
    db.prepare(`INSERT INTO hotspots (run_id, key, candidate_id, rank, kind, class, score, reports, reporters, active_weeks, first, last, x, y, lat, lon, radius_m, hull_json, place, address, indicators_json)
      VALUES (1, 'HS-0007', 'WO-1', 1, 'dwelling', 'hotspot', 9, 10, 3, 4, 'a', 'b', 1, 2, 3, 4, 0, '[]', 'Scharnerweg 88B', 'Scharnerweg 88B, 6224JA Maastricht', '[]')`).run();
    db.prepare(
      `INSERT INTO hotspot_keys (key, kind, x, y, hull_json, address_hash, first_run_id, last_run_id) VALUES ('HS-0007', 'dwelling', 1, 2, '[]', ?, 1, 1)`,
    ).run(oldHash);
    migrate(db, path);
    // A source without postcodes (street form only) and one with postcodes only both find HS-0007.
    const street = hotspot({ kind: 'dwelling', addressHash: dwellingHash('scharnerweg|88|B|maastricht') });
    const postcode = hotspot({
      kind: 'dwelling',
      addressHash: dwellingHash('pc:6224JA|88|B'),
      postcodeHash: postcodeHash('pc:6224JA|88|B'),
    });
    expect(recordRun(db, run({ runKey: 'a', hotspots: [street] })).keys).toEqual(['HS-0007']);
    expect(recordRun(db, run({ runKey: 'b', hotspots: [postcode] })).keys).toEqual(['HS-0007']);
    db.close();
  });

  it('refuses a file from a newer version', () => {
    const path = join(tempDir(), 'h.sqlite');
    const db = openDb(path);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openDb(path)).toThrow(
      new RegExp(`written by a newer version of hotspots \\(schema ${LATEST_VERSION + 1}; this version knows up to ${LATEST_VERSION}\\)`),
    );
  });

  it('replaces a run with the same inputs, rules and period, keeping its keys', () => {
    const db = openDb(':memory:');
    const first = recordRun(db, run());
    const again = recordRun(db, run({ createdAt: '2026-11-24T05:00:00.000Z' }));
    expect(again.replaced).toBe(true);
    expect(again.keys).toEqual(first.keys);
    expect(listRuns(db)).toHaveLength(1);
    db.close();
  });

  it('prunes runs older than the cutoff and the keys only they used', () => {
    const db = openDb(':memory:');
    recordRun(db, run());
    recordRun(
      db,
      run({
        runKey: 'k2',
        period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', label: 'q' },
        hotspots: [hotspot({ x: 190000, hull: square(190000, 317000, 30) })],
      }),
    );
    expect(pruneRuns(db, '2026-11-15T00:00:00.000Z')).toEqual({ runs: 1, keys: 1 });
    expect(runHotspots(db, 2).map((h) => h.key)).toEqual(['HS-0002']);
    db.close();
  });

  it('merges weekly counts over runs, the latest run winning a week', () => {
    const db = openDb(':memory:');
    recordRun(db, run());
    recordRun(
      db,
      run({
        runKey: 'k2',
        period: { from: '2026-10-08T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z', label: 'q' },
        hotspots: [
          hotspot({
            weekly: [
              [2911, 7],
              [2912, 1],
            ],
          }),
        ],
      }),
    );
    expect(weeklyCounts(db, [1, 2]).get('HS-0001')).toEqual(
      new Map([
        [2910, 3],
        [2911, 7],
        [2912, 1],
      ]),
    );
    db.close();
  });
});

describe('weekly counts of a run just written', () => {
  it('merge as when read back, wherever the run falls in period order (known-run-in-place)', () => {
    const db = openDb(':memory:');
    // three runs whose periods end in the order 3, 1, 2 (run 3 ends first; 1 and 2 end together)
    const periods = [
      { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'a' },
      { from: '2026-10-08T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'b' },
      { from: '2026-09-01T00:00:00.000Z', to: '2026-10-15T00:00:00.000Z', label: 'c' },
    ];
    const weeks: Array<Array<[number, number]>> = [
      [
        [2910, 3],
        [2911, 2],
      ],
      [
        [2911, 7],
        [2912, 1],
      ],
      [
        [2909, 4],
        [2910, 9],
        [2912, 5],
      ],
    ];
    periods.forEach((period, i) =>
      recordRun(
        db,
        run({
          runKey: `k${i}`,
          period,
          evidence: period,
          hotspots: [hotspot({ weekly: weeks[i]! }), hotspot({ candidateId: 'PS-2', rank: 2, x: 180000, weekly: weeks[2 - i]! })],
        }),
      ),
    );
    const keys = (runId: number) => runHotspots(db, runId).map((h) => h.key);
    const readBack = weeklyCounts(db, [1, 2, 3]);
    expect(readBack.get('HS-0001')).toEqual(
      new Map([
        [2909, 4],
        [2910, 3],
        [2911, 7],
        [2912, 1],
      ]),
    );
    for (const runId of [1, 2, 3]) {
      const own = keys(runId).map((key, k) => [key, k === 0 ? weeks[runId - 1]! : weeks[3 - runId]!] as const);
      expect(weeklyCounts(db, [1, 2, 3], { runId, weekly: new Map(own) })).toEqual(readBack);
    }
    // a run given but not asked for is not counted
    expect(weeklyCounts(db, [1, 2], { runId: 3, weekly: new Map([['HS-0001', [[2999, 1]]]]) })).toEqual(weeklyCounts(db, [1, 2]));
    db.close();
  });
});

describe('stable identity', () => {
  const known: KnownKey[] = [
    { key: 'HS-0001', kind: 'public-space', x: 0, y: 0, hull: square(0, 0, 50) },
    { key: 'HS-0002', kind: 'dwelling', x: 500, y: 0, hull: [], addressHash: 'addr-a' },
    { key: 'HS-0007', kind: 'public-space', x: 1000, y: 0, hull: square(1000, 0, 20) },
  ];
  it('matches overlapping areas, near centroids and same addresses; new places get new keys', () => {
    expect(
      assignKeys(
        [
          { kind: 'public-space', x: 90, y: 0, hull: square(90, 0, 45) }, // hull overlaps HS-0001, centroid 90 m away
          { kind: 'dwelling', x: 530, y: 0, hull: [], addressHash: 'addr-a' }, // same address
          { kind: 'dwelling', x: 500, y: 0, hull: [], addressHash: 'addr-b' }, // same spot, other address: new
          { kind: 'public-space', x: 1050, y: 0, hull: square(1050, 0, 5) }, // within 60 m of HS-0007
          { kind: 'public-space', x: 5000, y: 0, hull: square(5000, 0, 5) }, // new
        ],
        known,
        60,
      ),
    ).toEqual(['HS-0001', 'HS-0002', 'HS-0008', 'HS-0007', 'HS-0009']);
  });
  it('gives one key to the closest of two claimants', () => {
    expect(
      assignKeys(
        [
          { kind: 'public-space', x: 50, y: 0, hull: [] },
          { kind: 'public-space', x: 10, y: 0, hull: [] },
        ],
        known.slice(0, 1),
        60,
      ),
    ).toEqual(['HS-0002', 'HS-0001']);
  });
  it('finds the same matches through its index as comparing every pair (2,000 random places against 2,000 known)', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const place = (): Omit<KnownKey, 'key'> => {
      const x = rand() * 3000,
        y = rand() * 3000;
      if (rand() < 0.3) {
        const pick = () => (rand() < 0.7 ? `a${Math.floor(rand() * 400)}` : undefined);
        const addressHash = pick(),
          postcodeHash = rand() < 0.5 ? `p${Math.floor(rand() * 400)}` : undefined;
        return { kind: 'dwelling', x, y, hull: [], ...(addressHash ? { addressHash } : {}), ...(postcodeHash ? { postcodeHash } : {}) };
      }
      return { kind: 'public-space', x, y, hull: rand() < 0.2 ? [] : square(x + rand() * 40 - 20, y, 5 + rand() * 60) };
    };
    const known = Array.from({ length: 2000 }, (_, n) => ({ ...place(), key: `HS-${String(n + 1).padStart(4, '0')}` }));
    const news = Array.from({ length: 2000 }, place);
    const brute = (): string[] => {
      const pairs: SamePlace[] = [];
      news.forEach((h, i) => {
        for (const k of known) {
          if (k.kind !== h.kind) continue;
          const d = Math.hypot(h.x - k.x, h.y - k.y);
          const same =
            h.kind === 'dwelling'
              ? (h.addressHash !== undefined && h.addressHash === k.addressHash) ||
                (h.postcodeHash !== undefined && h.postcodeHash === k.postcodeHash)
              : d <= 60 || convexOverlap(h.hull, k.hull);
          if (same) pairs.push({ i, key: k.key, d });
        }
      });
      const keys = closestFirst(pairs, news.length);
      let next = 2001;
      return keys.map((k) => k ?? `HS-${String(next++).padStart(4, '0')}`);
    };
    const expected = brute();
    expect(expected.filter((k) => Number(k.slice(3)) <= 2000).length).toBeGreaterThan(800); // many matched, of both kinds
    expect(assignKeys(news, known, 60)).toEqual(expected);
  });
  it('tests convex overlap with separating axes', () => {
    expect(convexOverlap(square(0, 0, 10), square(15, 0, 10))).toBe(true);
    expect(convexOverlap(square(0, 0, 10), square(25, 0, 10))).toBe(false);
  });
});

describe('step series', () => {
  it('sums 4-week steps ending at the last week and skips steps no run covered', () => {
    const weekly = new Map([
      [100, 1],
      [101, 2],
      [107, 5],
    ]);
    const covered = new Set([100, 101, 102, 103, 106, 107]);
    expect(stepSeries(weekly, covered, 100, 107)).toEqual([3, 5]);
    expect(stepSeries(weekly, new Set([106, 107]), 100, 107)).toEqual([5]);
  });
});
