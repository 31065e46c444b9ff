import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb, type Db } from '../history/db.js';
import {
  getRun,
  keyCentroids,
  knownKeys,
  listRuns,
  previousRunId,
  pruneRuns,
  recordRun,
  runHotspots,
  runPlaces,
  runsInOrder,
  type HotspotRecord,
  type RunRow,
  type StoredHotspot,
} from '../history/runs.js';
import { trendsOver, STEP_WEEKS } from '../history/trend.js';
import { dwellingHash, matchKeys, postcodeHash } from '../history/identity.js';
import { changeSince, type HotspotHistory, type Screening } from '../model/screening.js';
import { UserError } from '../util/errors.js';
import { assessmentTrail, currentAssessments } from '../history/assessments.js';
import { recordCellWeeks } from '../history/cells.js';
import { effectsIn } from './effect.js';
import { accuracyOf } from './accuracy.js';
import type { Alert, Assessment } from '../model/assessment.js';
import { localDateMs } from '../util/period.js';

export { STEP_WEEKS };

/** Where the history lives: --db, else HOTSPOTS_DB, else ./hotspots.sqlite. */
export function historyPath(cwd: string, env: Record<string, string | undefined>, flag?: string): string {
  return resolve(cwd, flag ?? env.HOTSPOTS_DB ?? 'hotspots.sqlite');
}

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/**
 * Same inputs (by content), rules, period and evidence range: the same run, replaced on a re-run.
 * A weekly list (judged over a lookback window) and a batch screening never share a key.
 */
export function runKeyOf(s: Screening): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const period = s.period.explicit ? [iso(s.period.fromMs), iso(s.period.toMs), s.period.label] : 'all';
  const e = s.period.evidence;
  const evidence = e.windowDays === null ? 'period' : [iso(e.fromMs), iso(e.toMs)];
  return sha({ inputs: s.inputs.map((i) => i.sha256).sort(), rules: s.rules.sha256, period, evidence });
}

/** A hotspot's indicators as the history keeps them (indicators_json). */
function indicatorRecords(h: Screening['hotspots'][number]) {
  return h.indicators.map((i) => ({
    id: i.id,
    label: i.label,
    value: i.value,
    weight: i.weight,
    fired: i.fired,
    ...(i.measure ? { measure: i.measure } : {}),
    ...(i.weeks !== undefined ? { weeks: i.weeks } : {}),
    ...(i.windowDays !== undefined ? { windowDays: i.windowDays } : {}),
    ...(i.signalLabel ? { signalLabel: i.signalLabel } : {}),
  }));
}

function toRecord(s: Screening): HotspotRecord[] {
  return s.hotspots.map((h, k) => ({
    candidateId: h.id,
    rank: k + 1,
    kind: h.kind,
    class: h.class,
    score: h.score,
    reports: h.reports,
    reporters: h.reporters,
    activeWeeks: h.activeWeeks,
    first: new Date(h.firstMs).toISOString(),
    last: new Date(h.lastMs).toISOString(),
    x: h.centroid.x,
    y: h.centroid.y,
    lat: h.centroid.lat,
    lon: h.centroid.lon,
    radiusM: h.radiusM,
    hull: h.hullRd,
    place: h.place,
    ...(h.address ? { address: h.address } : {}),
    ...(h.addressKey ? { addressHash: dwellingHash(h.addressKey) } : {}),
    ...(h.postcodeKey ? { postcodeHash: postcodeHash(h.postcodeKey) } : {}),
    ...(h.buurt ? { buurt: h.buurt } : {}),
    ...(h.wijk ? { wijk: h.wijk } : {}),
    ...(h.area ? { area: h.area, areaCode: h.areaCode ?? h.area } : {}),
    // made when the row is written (toJSON), and garbage at once: 8,000 hotspots' 130,000 indicator
    // objects, all made first, lived through the whole history stage
    indicators: { toJSON: () => indicatorRecords(h) },
    caveats: h.caveats,
    ...(h.peakHottime ? { peakHottime: h.peakHottime.label } : {}),
    ...(h.giStar ? { giZ: h.giStar.z, giSignificant: h.giStar.significant } : {}),
    weekly: h.weekly,
    hours: h.hourProfile,
  }));
}

export interface RecordOptions {
  dbPath: string;
  nowMs: number;
  distanceM: number;
  options: unknown;
  /** Test hook: called after each hotspot row is written, inside the transaction. */
  onHotspot?: (index: number) => void;
}

/** What the history says about a screening: per hotspot its key, trend and change; for the run what is gone. */
export interface HistoryResult {
  hotspots: HotspotHistory[];
  run: NonNullable<Screening['history']>;
}

/** The screening with what the history says, for the outputs (the screening itself is not changed). */
export function withHistory(s: Screening, h: HistoryResult): Screening {
  return { ...s, hotspots: s.hotspots.map((x, i) => ({ ...x, history: h.hotspots[i]! })), history: h.run };
}

/** A run written into the history but not yet committed: commit once the files are in place. */
export interface HistorySession {
  result: HistoryResult;
  commit(): void;
  rollback(): void;
}

/**
 * Writes a screening into the history inside one open write transaction (the run, its hotspots
 * and their trends) and works out stable keys, the change since the previous run and each trend.
 * Nothing is visible to others until commit(); rollback() (or a crash) leaves the history as it was.
 */
export function beginRecording(s: Screening, o: RecordOptions): HistorySession {
  const db = openDb(o.dbPath);
  let open = true;
  const end = (sql: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return;
    open = false;
    try {
      if (db.inTransaction) db.exec(sql);
    } finally {
      db.close();
    }
  };
  try {
    db.exec('BEGIN IMMEDIATE');
    return { result: recordInto(db, s, o), commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
  } catch (err) {
    end('ROLLBACK');
    throw err;
  }
}

function recordInto(db: Db, s: Screening, o: RecordOptions): HistoryResult {
  /** Trend category per key over the runs up to this one (whose weekly counts are written by then). */
  const records = toRecord(s);
  const categoriesOf = (keys: readonly string[], runId: number) => {
    const upTo = runsInOrder(db)
      .filter((r) => Date.parse(r.periodTo) <= s.period.toMs)
      .map((r) => r.id);
    // this run's weekly counts as they are here, not read back
    const trends = trendsOver(db, upTo, STEP_WEEKS, { runId, weekly: new Map(records.map((r, i) => [keys[i]!, r.weekly])) });
    return new Map(keys.map((key): [string, HotspotHistory['trend']] => [key, trends.get(key)?.trend.category ?? 'too-short']));
  };
  let categories: ReadonlyMap<string, HotspotHistory['trend']> = new Map();
  const recorded = recordRun(
    db,
    {
      runKey: runKeyOf(s),
      createdAt: new Date(o.nowMs).toISOString(),
      period: { from: new Date(s.period.fromMs).toISOString(), to: new Date(s.period.toMs).toISOString(), label: s.period.label },
      evidence: { from: new Date(s.period.evidence.fromMs).toISOString(), to: new Date(s.period.evidence.toMs).toISOString() },
      rules: { name: s.rules.name, sha256: s.rules.sha256 },
      inputs: s.inputs,
      options: o.options,
      distanceM: o.distanceM,
      hotspots: records,
    },
    {
      ...(o.onHotspot ? { onHotspot: o.onHotspot } : {}),
      trendsOf: (keys, runId) => (categories = categoriesOf(keys, runId)),
    },
  );
  const prevId = previousRunId(db, recorded.runId);
  const previous = new Map((prevId === undefined ? [] : runPlaces(db, prevId)).map((h) => [h.key, h]));
  const current = new Set(recorded.keys);
  const assessed = currentAssessments(db);
  const hotspots = s.hotspots.map((h, i): HotspotHistory => {
    const key = recorded.keys[i]!;
    const assessment = assessed.get(key);
    return {
      key,
      trend: categories.get(key)!,
      change: changeSince(h.score, previous.get(key)),
      ...(assessment ? { assessment } : {}),
    };
  });
  if (s.cellWeeks) recordCellWeeks(db, recorded.runId, s.cellWeeks);
  return {
    hotspots,
    run: {
      runId: recorded.runId,
      replaced: recorded.replaced,
      ...(prevId !== undefined ? { previousRunId: prevId } : {}),
      gone: [...previous.values()]
        .filter((h) => !current.has(h.key))
        .map((h) => ({ key: h.key, place: h.place, class: h.class, score: h.score })),
      alerts: alertsFor(s.hotspots, hotspots),
      effects: effectsIn(
        db,
        hotspots.filter((h) => h.assessment?.status === 'aanpak').map((h) => h.key),
      ),
      accuracy: accuracyOf(db),
    },
  };
}

/**
 * What a team must hear about in a run: a new hotspot nobody assessed yet; a place under aanpak
 * whose trend is intensifying; a closed (afgesloten) place listed again with reports after the
 * closing date (relapse).
 */
export function alertsFor(listed: Screening['hotspots'], history: readonly HotspotHistory[]): Alert[] {
  const alerts: Alert[] = [];
  listed.forEach((h, i) => {
    const hh = history[i]!;
    const a = hh.assessment;
    const alert = (code: Alert['code']) => alerts.push({ code, key: hh.key, place: h.place });
    if (!a && h.class === 'hotspot' && hh.change.status === 'new') alert('new-unassessed');
    if (a?.status === 'aanpak' && hh.trend === 'intensifying') alert('aanpak-intensifying');
    if (a?.status === 'afgesloten' && h.lastMs >= localDateMs(a.since)) alert('relapse');
  });
  return alerts;
}

/** Keeps a screening in the history at once (one transaction) and returns it with what the history says. */
export function recordScreening(s: Screening, o: RecordOptions): Screening {
  const session = beginRecording(s, o);
  session.commit();
  return withHistory(s, session.result);
}

/**
 * The history key of each location of a screening, as the next recorded run would give it, read
 * without writing; undefined for a place the history does not know, and no keys at all without a
 * history file.
 */
export function historyKeys(s: Screening, dbPath: string, distanceM: number): Array<string | undefined> | undefined {
  if (!existsSync(dbPath)) return undefined;
  const db = openDb(dbPath, { create: false });
  try {
    return matchKeys(toRecord(s), knownKeys(db), distanceM);
  } finally {
    db.close();
  }
}

/** For `history list`. */
export function historyRuns(dbPath: string): RunRow[] {
  const db = openDb(dbPath, { create: false });
  try {
    return listRuns(db);
  } finally {
    db.close();
  }
}

/** For `history show RUN`: the run, its hotspots, and the decisions recorded about their keys (oldest first). */
export function historyRun(dbPath: string, id: number): { run: RunRow; hotspots: StoredHotspot[]; assessments: Assessment[] } {
  const db = openDb(dbPath, { create: false });
  try {
    const run = getRun(db, id);
    if (!run) throw new UserError(`no run ${id} in ${dbPath}`, { hint: 'see `hotspots history list`' });
    const hotspots = runHotspots(db, id);
    const keys = new Set(hotspots.map((h) => h.key));
    return { run, hotspots, assessments: assessmentTrail(db).filter((a) => keys.has(a.key)) };
  } finally {
    db.close();
  }
}

/** `history list --json`, schema version 2 (version 1 was the bare array of runs). */
export const historyRunsJson = (runs: readonly RunRow[]) => ({ schemaVersion: 2, runs });

/**
 * `history show --json`, schema version 2: the run and its hotspots, with the stored JSON columns
 * (indicators, hull, hour profile) as values, not as strings inside the JSON.
 */
export function historyRunJson(r: { run: RunRow; hotspots: StoredHotspot[]; assessments?: Assessment[] }) {
  return {
    schemaVersion: 2,
    run: r.run,
    assessments: r.assessments ?? [],
    hotspots: r.hotspots.map(({ indicatorsJson, hullJson, hoursJson, caveats, ...h }) => ({
      ...h,
      caveats: caveats.split(',').filter(Boolean),
      indicators: JSON.parse(indicatorsJson) as unknown[],
      hull: JSON.parse(hullJson) as Array<[number, number]>,
      hours: hoursJson ? (JSON.parse(hoursJson) as number[]) : null,
    })),
  };
}

/**
 * For `history prune --older-than`: removes runs whose period ended before the cutoff, and the keys
 * only they used. `dryRun` lists them and changes nothing; removing every run needs `all`.
 */
export function historyPrune(
  dbPath: string,
  cutoffMs: number,
  o: { dryRun?: boolean; all?: boolean } = {},
): { runs: RunRow[]; keys: number; removed: boolean } {
  const db = openDb(dbPath, { create: false });
  try {
    const all = listRuns(db);
    const cutoff = new Date(cutoffMs).toISOString();
    const doomed = all.filter((r) => r.periodTo < cutoff);
    if (o.dryRun || doomed.length === 0) return { runs: doomed, keys: 0, removed: false };
    if (doomed.length === all.length && !o.all) {
      throw new UserError(`--older-than would remove every run (${all.length}) from ${dbPath}`, {
        hint: 'look first with --dry-run; add --yes to remove them all',
      });
    }
    return { runs: doomed, keys: pruneRuns(db, cutoff).keys, removed: true };
  } finally {
    db.close();
  }
}

/** For `trend`: every key's series and category over the chosen runs. */
export function historyTrends(dbPath: string, select: { runs?: number; fromMs?: number; toMs?: number }, stepWeeks = STEP_WEEKS) {
  const db = openDb(dbPath, { create: false });
  try {
    let runs = listRuns(db);
    if (select.fromMs !== undefined) runs = runs.filter((r) => Date.parse(r.periodTo) > select.fromMs!);
    if (select.toMs !== undefined) runs = runs.filter((r) => Date.parse(r.periodFrom) < select.toMs!);
    if (select.runs !== undefined) runs = runs.slice(-select.runs);
    const trends = trendsOver(
      db,
      runs.map((r) => r.id),
      stepWeeks,
    );
    const latest =
      runs.length > 0 ? new Map(runHotspots(db, runs[runs.length - 1]!.id).map((h) => [h.key, h])) : new Map<string, StoredHotspot>();
    const places = new Map<string, string>();
    for (const r of runs) for (const h of runPlaces(db, r.id)) places.set(h.key, h.place);
    return { runs, trends, latest, places, centroids: keyCentroids(db) };
  } finally {
    db.close();
  }
}
