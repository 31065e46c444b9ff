import { RowInserter, writeTransaction, type Db } from './db.js';
import { assignKeys, type KnownKey, type Placed } from './identity.js';
import type { HotspotSummary, StoredHotspot } from '../model/screening.js';

export type { StoredHotspot };

/** One hotspot of a run as the history keeps it (no free text, no reporter data). */
export interface HotspotRecord extends Placed, HotspotSummary {
  candidateId: string;
  lat: number;
  lon: number;
  radiusM: number;
  address?: string;
  buurt?: string;
  wijk?: string;
  area?: string;
  areaCode?: string;
  indicators: unknown;
  caveats: readonly string[];
  peakHottime?: string;
  giZ?: number;
  giSignificant?: boolean;
  /** [ISO week index, reports] for the weeks with reports. */
  weekly: Array<[number, number]>;
  /** Aoristic weight per hour of the week (168, Monday 00:00 first), stored to 4 decimals. */
  hours?: ArrayLike<number>;
}

export interface RunRecord {
  runKey: string;
  createdAt: string;
  period: { from: string; to: string; label: string };
  /** The reports the list was judged on (a lookback window, or the period itself). */
  evidence: { from: string; to: string };
  rules: { name: string; sha256: string };
  inputs: unknown;
  options: unknown;
  /** Identity distance for public-space hotspots (the clustering distance), metres. */
  distanceM: number;
  hotspots: HotspotRecord[];
}

export interface RecordedRun {
  runId: number;
  replaced: boolean;
  /** Key per hotspot, in the order given. */
  keys: string[];
}

export interface RunRow {
  id: number;
  createdAt: string;
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
  /** The reports the list was judged on (equal to the period unless a lookback window). */
  evidenceFrom: string;
  evidenceTo: string;
  rulesName: string;
  rulesSha256: string;
  inputs: Array<{ path: string; sha256: string; read: number; accepted: number; rejected: number; duplicates: number }>;
  hotspots: number;
  watch: number;
}

/** What recordRun calls back while it writes. */
export interface RecordHooks {
  /** Called after each hotspot is handed to the database, inside the transaction (tests make it fail there). */
  onHotspot?: (index: number) => void;
  /**
   * The trend category of each key, worked out once the run's weekly counts are written and before
   * its hotspots are (each hotspot row is written once, with its trend: setting the trend afterwards
   * rewrote every row, indicators and all).
   */
  trendsOf?: (keys: readonly string[], runId: number) => ReadonlyMap<string, string>;
}

/**
 * Records a run in one transaction: replaces an earlier run with the same run key, gives every
 * hotspot its stable key, and stores its weekly counts, then the hotspots (with their trends, see
 * RecordHooks). A crash leaves the previous history as it was.
 */
export function recordRun(db: Db, run: RunRecord, hooks: RecordHooks = {}): RecordedRun {
  return writeTransaction(db, () => {
    const old = db.prepare('SELECT id FROM runs WHERE run_key = ?').get(run.runKey) as { id: number } | undefined;
    const values = [
      run.createdAt,
      run.period.from,
      run.period.to,
      run.period.label,
      run.rules.name,
      run.rules.sha256,
      JSON.stringify(run.inputs),
      JSON.stringify(run.options),
      run.evidence.from,
      run.evidence.to,
    ];
    let runId: number;
    if (old) {
      // A re-run keeps its run number; its hotspots are written anew.
      runId = old.id;
      db.prepare('DELETE FROM hotspots WHERE run_id = ?').run(runId);
      db.prepare('DELETE FROM hotspot_weeks WHERE run_id = ?').run(runId);
      db.prepare(`UPDATE runs SET created_at = ?, period_from = ?, period_to = ?, period_label = ?, rules_name = ?, rules_sha256 = ?,
        inputs_json = ?, options_json = ?, evidence_from = ?, evidence_to = ? WHERE id = ?`).run(...values, runId);
    } else {
      runId = Number(
        db
          .prepare(`INSERT INTO runs (run_key, created_at, period_from, period_to, period_label, rules_name, rules_sha256, inputs_json, options_json,
        evidence_from, evidence_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(run.runKey, ...values).lastInsertRowid,
      );
    }
    const keys = assignKeys(run.hotspots, knownKeys(db), run.distanceM);
    const weeks = new RowInserter(db, 'hotspot_weeks (run_id, key, week, reports)', 4);
    const placeKeys = new RowInserter(
      db,
      'hotspot_keys (key, kind, x, y, hull_json, address_hash, postcode_hash, first_run_id, last_run_id)',
      9,
      `ON CONFLICT(key) DO UPDATE SET x = excluded.x, y = excluded.y, hull_json = excluded.hull_json, last_run_id = excluded.last_run_id,
        address_hash = COALESCE(excluded.address_hash, address_hash), postcode_hash = COALESCE(excluded.postcode_hash, postcode_hash)`,
    );
    const hulls = run.hotspots.map((h, i) => {
      const key = keys[i]!;
      const hull = JSON.stringify(h.hull);
      for (const [week, reports] of h.weekly) weeks.add(runId, key, week, reports);
      placeKeys.add(key, h.kind, h.x, h.y, hull, h.addressHash ?? null, h.postcodeHash ?? null, runId, runId);
      return hull;
    });
    weeks.flush();
    placeKeys.flush();
    const trends = hooks.trendsOf?.(keys, runId);
    const hotspots = new RowInserter(
      db,
      `hotspots (run_id, key, candidate_id, rank, kind, class, score, reports, reporters, active_weeks, first, last,
      x, y, lat, lon, radius_m, hull_json, place, address, buurt, wijk, indicators_json, peak_hottime, gi_z, gi_significant, caveats, area, area_code, hours_json,
      trend)`,
      31,
    );
    run.hotspots.forEach((h, i) => {
      const key = keys[i]!;
      hotspots.add(
        runId,
        key,
        h.candidateId,
        h.rank,
        h.kind,
        h.class,
        h.score,
        h.reports,
        h.reporters,
        h.activeWeeks,
        h.first,
        h.last,
        h.x,
        h.y,
        h.lat,
        h.lon,
        h.radiusM,
        hulls[i]!,
        h.place,
        h.address ?? null,
        h.buurt ?? null,
        h.wijk ?? null,
        JSON.stringify(h.indicators),
        h.peakHottime ?? null,
        h.giZ ?? null,
        h.giSignificant === undefined ? null : Number(h.giSignificant),
        h.caveats.join(',') || null,
        h.area ?? null,
        h.areaCode ?? null,
        h.hours ? roundedJson(h.hours) : null,
        trends?.get(key) ?? null,
      );
      hooks.onHotspot?.(i);
    });
    hotspots.flush();
    return { runId, replaced: !!old, keys };
  });
}

/** Numbers as a JSON array, each rounded to 4 decimals. */
function roundedJson(values: ArrayLike<number>): string {
  return JSON.stringify(Array.from(values, (v) => Math.round(v * 1e4) / 1e4));
}

/** Every key the history knows, with where its place was last. */
export function knownKeys(db: Db): KnownKey[] {
  return (
    db.prepare('SELECT key, kind, x, y, hull_json, address_hash, postcode_hash FROM hotspot_keys').all() as Array<Record<string, unknown>>
  ).map(
    (r): KnownKey => ({
      key: r.key as string,
      kind: r.kind as KnownKey['kind'],
      x: r.x as number,
      y: r.y as number,
      hull: JSON.parse(r.hull_json as string),
      ...(r.address_hash ? { addressHash: r.address_hash as string } : {}),
      ...(r.postcode_hash ? { postcodeHash: r.postcode_hash as string } : {}),
    }),
  );
}

function toRunRow(r: Record<string, unknown>): RunRow {
  return {
    id: r.id as number,
    createdAt: r.created_at as string,
    periodFrom: r.period_from as string,
    periodTo: r.period_to as string,
    periodLabel: r.period_label as string,
    evidenceFrom: (r.evidence_from as string | null) ?? (r.period_from as string),
    evidenceTo: (r.evidence_to as string | null) ?? (r.period_to as string),
    rulesName: r.rules_name as string,
    rulesSha256: r.rules_sha256 as string,
    inputs: JSON.parse(r.inputs_json as string),
    hotspots: (r.hotspots as number) ?? 0,
    watch: (r.watch as number) ?? 0,
  };
}

const RUN_SELECT = `SELECT r.*, (SELECT count(*) FROM hotspots h WHERE h.run_id = r.id AND h.class = 'hotspot') AS hotspots,
  (SELECT count(*) FROM hotspots h WHERE h.run_id = r.id AND h.class = 'watch') AS watch FROM runs r`;

/** All runs, oldest period first. */
export function listRuns(db: Db): RunRow[] {
  return (db.prepare(`${RUN_SELECT} ORDER BY r.period_to, r.id`).all() as Array<Record<string, unknown>>).map(toRunRow);
}

/**
 * All runs, oldest period first, with only their id, period end and label: what putting runs in
 * order and judging their lists need (listRuns also counts each run's places, reading every row of
 * them: at 1M 0.04 s a run, on every screening).
 */
export function runsInOrder(db: Db): Array<Pick<RunRow, 'id' | 'periodTo' | 'periodLabel'>> {
  return db.prepare('SELECT id, period_to AS periodTo, period_label AS periodLabel FROM runs ORDER BY period_to, id').all() as Array<
    Pick<RunRow, 'id' | 'periodTo' | 'periodLabel'>
  >;
}

export function getRun(db: Db, id: number): RunRow | undefined {
  const r = db.prepare(`${RUN_SELECT} WHERE r.id = ?`).get(id) as Record<string, unknown> | undefined;
  return r ? toRunRow(r) : undefined;
}

/** The hotspots of a run, by rank. */
export function runHotspots(db: Db, runId: number): StoredHotspot[] {
  return db
    .prepare(`SELECT key, rank, kind, class, score, reports, reporters, active_weeks AS activeWeeks, first, last, place, address,
    buurt, wijk, area, area_code AS areaCode, peak_hottime AS peakHottime, trend, indicators_json AS indicatorsJson, COALESCE(caveats, '') AS caveats,
    x, y, hull_json AS hullJson, hours_json AS hoursJson FROM hotspots WHERE run_id = ? ORDER BY rank`)
    .all(runId) as StoredHotspot[];
}

/**
 * A run's places as the next run compares itself with them (its change, and the places gone), by
 * rank: key, place, class and score, without the rest of each row (see listedHulls).
 */
export function runPlaces(db: Db, runId: number): Array<Pick<StoredHotspot, 'key' | 'place' | 'class' | 'score'>> {
  return db.prepare('SELECT key, place, class, score FROM hotspots WHERE run_id = ? ORDER BY rank').all(runId) as Array<
    Pick<StoredHotspot, 'key' | 'place' | 'class' | 'score'>
  >;
}

/**
 * The keys and hulls of a run's listed places (class hotspot), by rank: what judging a list needs,
 * without the rest of each row (a 1M run's indicators alone are 20 MB of text).
 */
export function listedHulls(db: Db, runId: number): Array<{ key: string; hullJson: string }> {
  return db
    .prepare(`SELECT key, hull_json AS hullJson FROM hotspots WHERE run_id = ? AND class = 'hotspot' ORDER BY rank`)
    .all(runId) as Array<{ key: string; hullJson: string }>;
}

/**
 * The run before `runId`: the latest other run of the same kind of list whose period ends no later.
 * A weekly list (judged over a lookback window) follows the previous weekly list, a batch screening
 * the previous batch screening.
 */
export function previousRunId(db: Db, runId: number): number | undefined {
  const lookback = (t: string) => `(COALESCE(${t}.evidence_from, ${t}.period_from) <> ${t}.period_from)`;
  const r = db
    .prepare(`SELECT p.id FROM runs p, runs c WHERE c.id = ? AND p.id <> c.id AND p.period_to <= c.period_to
    AND ${lookback('p')} = ${lookback('c')} ORDER BY p.period_to DESC, p.id DESC LIMIT 1`)
    .get(runId) as { id: number } | undefined;
  return r?.id;
}

/** A run's weekly counts as the caller has them in memory: not read back from the history. */
export interface RunWeeks {
  runId: number;
  /** Per key, [week, reports]. */
  weekly: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
}

/**
 * Weekly report counts per key over the given runs; where runs overlap, the most recent run
 * (latest period end) wins for that week. The counts of `known` (a run just written, one of
 * `runIds`) are taken as given, in their place in that order, instead of read back.
 */
export function weeklyCounts(db: Db, runIds: readonly number[], known?: RunWeeks): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  if (runIds.length === 0) return out;
  const set = (key: string, week: number, reports: number) => {
    let m = out.get(key);
    if (!m) out.set(key, (m = new Map()));
    m.set(week, reports);
  };
  const knownAt =
    known && runIds.includes(known.runId)
      ? (db.prepare('SELECT period_to FROM runs WHERE id = ?').get(known.runId) as { period_to: string } | undefined)
      : undefined;
  let pending = knownAt !== undefined;
  const takeKnown = () => {
    pending = false;
    for (const [key, weeks] of known!.weekly) for (const [week, reports] of weeks) set(key, week, reports);
  };
  // Rows as arrays, one at a time: a million weekly rows as objects were 30 MB the collector had to promote.
  const rows = db
    .prepare(`SELECT w.key, w.week, w.reports, r.period_to, r.id FROM hotspot_weeks w JOIN runs r ON r.id = w.run_id
    WHERE w.run_id IN (${runIds.map(() => '?').join(',')}) AND w.run_id <> ? ORDER BY r.period_to, r.id`)
    .raw(true)
    .iterate(...runIds, pending ? known!.runId : -1) as IterableIterator<[string, number, number, string, number]>;
  for (const [key, week, reports, periodTo, id] of rows) {
    if (pending && (periodTo > knownAt!.period_to || (periodTo === knownAt!.period_to && id > known!.runId))) takeKnown();
    set(key, week, reports);
  }
  if (pending) takeKnown();
  return out;
}

/** The range each run's weekly counts cover: its evidence range (the period, or its lookback window). */
export function runPeriods(db: Db, runIds: readonly number[]): Array<{ id: number; from: string; to: string }> {
  if (runIds.length === 0) return [];
  return db
    .prepare(
      `SELECT id, COALESCE(evidence_from, period_from) AS "from", COALESCE(evidence_to, period_to) AS "to" FROM runs WHERE id IN (${runIds.map(() => '?').join(',')}) ORDER BY period_to, id`,
    )
    .all(...runIds) as Array<{ id: number; from: string; to: string }>;
}

/** Deletes runs whose period ended before `cutoffIso`, and keys no run uses any more. */
export function pruneRuns(db: Db, cutoffIso: string): { runs: number; keys: number } {
  return writeTransaction(db, () => {
    const runs = db.prepare('DELETE FROM runs WHERE period_to < ?').run(cutoffIso).changes;
    const keys = db.prepare('DELETE FROM hotspot_keys WHERE key NOT IN (SELECT DISTINCT key FROM hotspots)').run().changes;
    // The decisions about keys that are gone, and the cell counts of weeks that ended before the cutoff.
    db.prepare('DELETE FROM assessments WHERE key NOT IN (SELECT key FROM hotspot_keys)').run();
    const lastWeek = Math.floor((Date.parse(cutoffIso) / 86_400_000 + 3) / 7) - 1;
    db.prepare('DELETE FROM cell_counts WHERE week <= ?').run(lastWeek);
    db.prepare('DELETE FROM covered_weeks WHERE week <= ?').run(lastWeek);
    return { runs, keys };
  });
}

/** Latest centroid (RD metres) of every key. */
export function keyCentroids(db: Db): Map<string, { x: number; y: number }> {
  const rows = db.prepare('SELECT key, x, y FROM hotspot_keys').all() as Array<{ key: string; x: number; y: number }>;
  return new Map(rows.map((r) => [r.key, { x: r.x, y: r.y }]));
}

/**
 * A key's hull (RD metres) as the list had it at `atIso`: from the latest run whose period ended by
 * then, else the first run after, else the key's latest hull; with the place as that run named it.
 */
export function keyAt(db: Db, key: string, atIso: string): { hull: Array<[number, number]>; place: string; kind: string } | undefined {
  const pick = (order: 'DESC' | 'ASC', op: '<=' | '>') =>
    db
      .prepare(`SELECT h.hull_json AS hull, h.place, h.kind FROM hotspots h JOIN runs r ON r.id = h.run_id
        WHERE h.key = ? AND r.period_to ${op} ? ORDER BY r.period_to ${order}, r.id ${order} LIMIT 1`)
      .get(key, atIso) as { hull: string; place: string; kind: string } | undefined;
  const row = pick('DESC', '<=') ?? pick('ASC', '>');
  if (row) return { hull: JSON.parse(row.hull), place: row.place, kind: row.kind };
  const k = db.prepare('SELECT hull_json AS hull, kind FROM hotspot_keys WHERE key = ?').get(key) as
    | { hull: string; kind: string }
    | undefined;
  return k ? { hull: JSON.parse(k.hull), place: key, kind: k.kind } : undefined;
}
