import { createHash } from 'node:crypto';
import { runIngest, type IngestRunOptions, type IngestRunResult } from './validate.js';
import { findCandidates, type Candidate } from '../cluster/locations.js';
import { compileReportTests } from '../rules/match.js';
import type { LoadedRules } from '../rules/load.js';
import {
  distinct,
  forEachRun,
  scoreCandidate,
  mostFrequent,
  sortedValuesOf,
  type MeasureContext,
  type ScoredCandidate,
} from '../score/measures.js';
import { scoringSpecOf, windowDaysOf } from '../rules/resolve.js';
import { InputCensus, screeningWarnings, type BelowWatch } from './warnings.js';
import { cellAt, isHotCell, type GiStarGrid } from '../score/grid.js';
import type { DensityGrid } from '../score/kde.js';
import { ReportStore, StoreFeed, type StoreColumns } from '../model/columns.js';
import { THEMES, type Theme } from '../model/incoming.js';
import { textAt, type ReportBatch } from '../model/batch.js';
import { defaultJobs, workerScript } from '../ingest/parallel.js';
import { numbersHere, numbersOnWorker, WORKER_MIN_REPORTS, type NumbersInput, type PlaceTimes } from './numbers.js';
import type { AreaMap } from '../geo/area-map.js';
import type { Hotspot, Screening } from '../model/screening.js';
import { convexHullOf } from '../geo/hull.js';
import { rdToWgs84 } from '../geo/rd.js';
import { areaName } from '../geo/areas.js';
import { formatPeriodDate, localMidnight, weekIndex } from '../util/period.js';
import { localDayNumber, toWallTime } from '../util/time.js';

export interface ScreenPeriod {
  /** Screening period [fromMs, toMs); an open start is the first report's day. */
  fromMs?: number;
  /** Open: the end of the last report's day (or now, with `openEndAtNow`). */
  toMs?: number;
  label?: string;
  /**
   * A list period (--period: a week, 4 weeks, a month): when shorter than the rules' window it is judged over a lookback
   * window that ends at the period's end. --from/--to and long periods are judged whole.
   */
  lookback?: boolean;
  /** Relative to now (last-week, last-4-weeks): warn when the data end long before the period. */
  relative?: boolean;
  /** End an open period at now (--now was given) instead of at the last report. */
  openEndAtNow?: boolean;
}

export interface ScreenOptions extends Omit<IngestRunOptions, 'onReport'> {
  rules: LoadedRules;
  period: ScreenPeriod;
  /** Evidence window override in days (--window); default the rules' `window`. */
  windowDays?: number;
  /** The municipality's own area map (--areas): every report gets the area its point lies in. */
  areas?: AreaMap & { file: string };
  /** Called as each stage starts (ingest, cluster, grid, score; the job adds history, report, publish); tests make it throw. */
  onStage?: (stage: string) => void;
}

export interface ScreenResult {
  ingest: IngestRunResult;
  screening: Screening;
  /** The screened reports in columns, for further analysis (hot times). */
  store: ReportStore;
  /** Milliseconds per stage (not part of any output file: they differ from run to run). */
  timingsMs: Record<'ingest' | 'cluster' | 'grid' | 'score', number>;
  /** The --areas map, for drawing its outlines. */
  areaMap?: AreaMap;
  /** Kernel density of the screened reports (null with fewer than 3 located). */
  density: DensityGrid | null;
  /** Aoristic hour-of-week profile of all screened reports. */
  overallHours: Float64Array;
  /** The Gi* grid (null with too few points). */
  giGrid: GiStarGrid | null;
}

const DAY_MS = 86_400_000;
/** The worker script that reads CSV slices with the rules' classifier (see ingest-worker.ts). */
const SCREEN_WORKER = workerScript('pipeline/ingest-worker.js');
const HOUR_MS = 3_600_000;

/**
 * The evidence range known before reading: the lookback window of a short named period, else the
 * period. A period is shorter than the window by more than an hour (a DST switch can take one off).
 */
function evidenceRange(p: ScreenPeriod, windowDays: number): { fromMs: number; toMs: number; lookback: boolean } {
  const fromMs = p.fromMs ?? -Infinity,
    toMs = p.toMs ?? Infinity;
  if (p.lookback && Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs - fromMs < windowDays * DAY_MS - HOUR_MS) {
    const end = toWallTime(toMs);
    return { fromMs: localMidnight(end.year, end.month, end.day - windowDays), toMs, lookback: true };
  }
  return { fromMs, toMs, lookback: false };
}

/** The main job: ingest, keep in-scope reports of the evidence range, find and score candidates. */
export async function runScreen(opts: ScreenOptions): Promise<ScreenResult> {
  const rules = opts.rules.rules;
  const windowDays = opts.windowDays ?? windowDaysOf(rules);
  const t0 = performance.now();
  const store = new ReportStore();
  const feed = new StoreFeed(store);
  const funnel = { accepted: 0, outsidePeriod: 0, outOfScope: 0, screened: 0, withoutPoint: 0 };
  const evidence = evidenceRange(opts.period, windowDays);
  const census = new InputCensus();
  opts.onStage?.('ingest');
  const areaCounts = { inside: 0, outside: 0, withoutPoint: 0 };
  const ingest = await runIngest({
    ...opts,
    classifier: { classify: compileReportTests(rules), workerScript: SCREEN_WORKER, workerData: rules },
    // Without a period every accepted report in scope is kept: the store is sized for them at once.
    // With one (a weekly list's lookback), most may fall outside it, and the store grows as needed.
    onExpect: (rows) => {
      if (evidence.fromMs === -Infinity && evidence.toMs === Infinity) store.expect(rows);
    },
    onReport: (b, j) => {
      funnel.accepted++;
      census.count(b, j);
      const at = b.reportedAt[j]!;
      if (at < evidence.fromMs || at >= evidence.toMs) {
        funnel.outsidePeriod++;
        return;
      }
      if (b.scope[j] === 0) {
        funnel.outOfScope++;
        census.outOfScope(b, j);
        return;
      }
      funnel.screened++;
      if (Number.isNaN(b.x[j]!)) funnel.withoutPoint++;
      feed.add(b, j, opts.areas ? areaAt(b, j, opts.areas, areaCounts) : textAt(b.area, j));
    },
  });
  feed.flush();
  const t1 = performance.now();
  opts.signal?.throwIfAborted();
  opts.onStage?.('cluster');
  const period = resolvePeriod(opts, census, evidence, windowDays);
  const cols = store.columns();
  const weekOf = new Int32Array(cols.reportedAt.length); // (a loop: TypedArray.from with a function lists all values first)
  for (let i = 0; i < weekOf.length; i++) weekOf[i] = weekIndex(cols.reportedAt[i]!);
  const spec = scoringSpecOf(rules);
  const ctx: MeasureContext = {
    cols,
    periodEndMs: period.toMs,
    signalBits: new Map(rules.signals.map((s, i) => [s.id, i])),
    weekOf,
    lookback: evidence.lookback,
  };
  const numbersInput: NumbersInput = {
    ...cols,
    weekOf,
    grid: { ...(rules.grid.cellSizeM ? { cellSizeM: rules.grid.cellSizeM } : {}), fdr: rules.grid.fdr },
    names: { themes: THEMES, sources: store.sources.values },
    evidence: { fromDay: localDayNumber(period.evidence.fromMs), toDay: localDayNumber(period.evidence.toMs) },
    endMs: period.evidence.toMs,
  };
  const useWorker = (opts.jobs ?? defaultJobs()) > 0 && store.size >= (opts.parallelMinReports ?? WORKER_MIN_REPORTS);
  const numbers = useWorker ? numbersOnWorker(numbersInput) : numbersHere(numbersInput);
  try {
    const candidates = findCandidates(cols.x, cols.y, cols.address, cols.scope, {
      epsM: rules.clustering.epsM,
      minPoints: rules.clustering.minPoints,
      minDwellingReports: rules.dwellings.minReports,
    });
    const periodDays = Math.max(1, Math.round((period.evidence.toMs - period.evidence.fromMs) / DAY_MS));
    const times = numbers.times(
      candidates.map((c) => c.members),
      periodDays,
    );
    const t2 = performance.now();
    opts.signal?.throwIfAborted();
    opts.onStage?.('grid');
    const grid = await numbers.grid;
    const t3 = performance.now();
    opts.signal?.throwIfAborted();
    opts.onStage?.('score');
    const scored = candidates.map((c) => scoreCandidate(spec, c.kind, c.members, ctx));
    const placeTimes = await times;
    const hotspots: Hotspot[] = [];
    const belowWatch: BelowWatch[] = [];
    candidates.forEach((c, k) => {
      const s = scored[k]!;
      if (s.class === 'none') belowWatch.push({ kind: c.kind, reports: c.members.length, score: s.score, indicators: s.indicators });
      else hotspots.push(describe(c, s, store, ctx, grid, placeTimes[k]!, opts.areas));
    });
    hotspots.sort(byRank);
    const { density, overallHours, cellWeeks, concentration, repeats } = await numbers.rest();
    const t4 = performance.now();
    const screening: Screening = {
      period,
      rules: { name: rules.name, file: opts.rules.file, sha256: opts.rules.sha256 },
      inputs: ingest.files.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        read: f.read,
        accepted: f.accepted,
        rejected: f.rejected,
        duplicates: f.duplicates,
      })),
      funnel,
      candidates: {
        publicSpace: candidates.filter((c) => c.kind === 'public-space').length,
        dwellings: candidates.filter((c) => c.kind === 'dwelling').length,
        belowWatch: belowWatch.length,
      },
      grid: grid ? summariseGrid(grid) : null,
      areas: opts.areas ? { file: opts.areas.file, count: opts.areas.areas.length, ...areaCounts } : null,
      hotspots,
      warnings: [],
      cellWeeks,
      concentration,
      repeats,
    };
    screening.warnings = screeningWarnings({ screening, rules, census, belowWatch, relative: !!opts.period.relative });
    return {
      ingest,
      store,
      density,
      overallHours,
      giGrid: grid,
      timingsMs: { ingest: t1 - t0, cluster: t2 - t1, grid: t3 - t2, score: t4 - t3 },
      screening,
      ...(opts.areas ? { areaMap: opts.areas } : {}),
    };
  } finally {
    numbers.stop();
  }
}

/** The area a screened report's point lies in (--areas overrides the source's area), counting the outcome. */
function areaAt(
  b: ReportBatch,
  j: number,
  map: AreaMap,
  counts: { inside: number; outside: number; withoutPoint: number },
): string | undefined {
  const x = b.x[j]!,
    y = b.y[j]!;
  if (Number.isNaN(x)) {
    counts.withoutPoint++;
    return undefined;
  }
  const k = map.areaAt(x, y);
  if (k < 0) {
    counts.outside++;
    return undefined;
  }
  counts.inside++;
  return map.areas[k]!.name;
}

/**
 * A location's area: with an area map the area of its centroid, else the most common area its
 * reports name; and the other areas its reports touch (sorted).
 */
function areaOf(
  m: Int32Array,
  cols: StoreColumns,
  store: ReportStore,
  cx: number,
  cy: number,
  map?: AreaMap,
): Pick<Hotspot, 'area' | 'areaCode' | 'otherAreas'> {
  const k = map ? map.areaAt(cx, cy) : -1;
  const own = map ? (k >= 0 ? map.areas[k]! : undefined) : undefined;
  const modeIdx = mostFrequent(m, cols.area);
  const name = map ? own?.name : modeIdx >= 0 ? store.areaNames.values[modeIdx] : undefined;
  const touched = new Set<string>();
  for (let q = 0; q < m.length; q++) {
    const i = m[q]!;
    if (cols.area[i]! >= 0) touched.add(store.areaNames.values[cols.area[i]!]!);
  }
  if (name) touched.delete(name);
  return { ...(name ? { area: name, areaCode: own?.code ?? name } : {}), otherAreas: [...touched].sort() };
}

/** Rank: score, then reports, then distinct reporters (all descending), then id. */
export function byRank(a: Hotspot, b: Hotspot): number {
  return b.score - a.score || b.reports - a.reports || b.reporters - a.reporters || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The period as screened: open ends closed by the data (the first and last accepted report) or the clock. */
function resolvePeriod(
  opts: ScreenOptions,
  census: InputCensus,
  evidence: ReturnType<typeof evidenceRange>,
  windowDays: number,
): Screening['period'] {
  const first = census.firstReportedAt,
    last = census.lastReportedAt;
  const p = opts.period;
  const endsAtData = p.toMs === undefined && !p.openEndAtNow && Number.isFinite(last);
  const toMs = p.toMs ?? (endsAtData ? localMidnightAfter(last) : opts.nowMs);
  const fromMs = p.fromMs ?? (Number.isFinite(first) ? startOfDay(first) : Math.min(opts.nowMs, toMs));
  const explicit = p.fromMs !== undefined || p.toMs !== undefined;
  return {
    fromMs,
    toMs,
    label: p.label ?? `${formatPeriodDate(fromMs)}..${formatPeriodDate(toMs - 1)}`,
    explicit,
    endsAtData,
    evidence: evidence.lookback ? { fromMs: evidence.fromMs, toMs: evidence.toMs, windowDays } : { fromMs, toMs, windowDays: null },
  };
}

/** Local midnight after the day holding `ms`. */
function localMidnightAfter(ms: number): number {
  const w = toWallTime(ms);
  return localMidnight(w.year, w.month, w.day + 1);
}

function startOfDay(ms: number): number {
  const w = toWallTime(ms);
  return localMidnight(w.year, w.month, w.day);
}

function summariseGrid(g: GiStarGrid): NonNullable<Screening['grid']> {
  let hot = 0;
  for (let k = 0; k < g.z.length; k++) if (isHotCell(g, k)) hot++;
  return { cellSizeM: g.cellSizeM, cells: g.z.length, hotCells: hot, fdr: g.fdr };
}

function describe(
  c: Candidate,
  scored: ScoredCandidate,
  store: ReportStore,
  ctx: MeasureContext,
  grid: GiStarGrid | null,
  times: PlaceTimes,
  map?: AreaMap,
): Hotspot {
  const m = c.members;
  const cols = ctx.cols;
  // (the loops are functions of their own: a loop in this function got it compiled while in the
  // loop, before the rest had run, and that code then gave up after the loop on every later place)
  const located = locatedOf(m, cols.x);
  const { cx, cy, radiusM } = circleOf(located, cols.x, cols.y);
  const [lon, lat] = rdToWgs84(cx, cy);
  const buurtIdx = mostFrequent(m, cols.buurt),
    wijkIdx = mostFrequent(m, cols.wijk),
    streetIdx = mostFrequent(m, cols.street);
  const buurt = buurtIdx >= 0 ? store.areas.values[buurtIdx] : undefined;
  const wijk = wijkIdx >= 0 ? store.areas.values[wijkIdx] : undefined;
  const street = streetIdx >= 0 ? store.streets.values[streetIdx] : undefined;
  const address = c.kind === 'dwelling' ? store.addressLabel(c.address!) : undefined;
  const where = address ?? street ?? `RD ${Math.round(cx)}, ${Math.round(cy)}`;
  const buurtText = buurt ? (areaName(buurt) ?? buurt) : undefined;
  const { first, last } = spanOf(m, cols.reportedAt);
  return {
    id: c.kind === 'dwelling' ? `WO-${shortHash(store.addresses.values[c.address!]!)}` : `PS-${Math.round(cx / 10)}-${Math.round(cy / 10)}`,
    kind: c.kind,
    class: scored.class as Hotspot['class'],
    score: scored.score,
    indicators: scored.indicators,
    reports: m.length,
    // a judged reporters indicator has counted them already (the same distinct count)
    reporters: scored.indicators.find((i) => i.measure === 'reporters' && i.judged)?.value ?? distinct(m, cols.reporter),
    activeWeeks: distinct(m, ctx.weekOf),
    firstMs: first,
    lastMs: last,
    centroid: { x: cx, y: cy, lat, lon },
    radiusM,
    hullRd: convexHullOf(cols.x, cols.y, located),
    place: buurtText && buurtText !== where ? `${where}, ${buurtText}` : where,
    ...(street ? { street } : {}),
    ...(address ? { address } : {}),
    ...(buurt ? { buurt } : {}),
    ...(wijk ? { wijk } : {}),
    themes: themeCounts(m, cols),
    ...areaOf(m, cols, store, cx, cy, map),
    ...times,
    ...giStarOf(located, cols, grid),
    reportIds: store.sortedIds(m),
    weekly: weeklyOf(m, ctx.weekOf),
    ...(c.kind === 'dwelling' ? dwellingIdentity(store, c.address!) : {}),
    caveats: scored.caveats,
  };
}

/** The members with a point. (Index loops over typed arrays: a filter callback and for-of took three times as long on a large place.) */
function locatedOf(m: Int32Array, xs: Float64Array): Int32Array {
  let n = 0;
  const within = new Int32Array(m.length);
  for (let k = 0; k < m.length; k++) if (Number.isFinite(xs[m[k]!]!)) within[n++] = m[k]!;
  return within.subarray(0, n);
}

/** The centroid of the points `located` and the distance to the farthest of them (metres). */
function circleOf(located: Int32Array, xs: Float64Array, ys: Float64Array): { cx: number; cy: number; radiusM: number } {
  const n = located.length;
  let sx = 0,
    sy = 0;
  for (let k = 0; k < n; k++) {
    sx += xs[located[k]!]!;
    sy += ys[located[k]!]!;
  }
  const cx = sx / n,
    cy = sy / n;
  let radiusM = 0;
  for (let k = 0; k < n; k++) radiusM = Math.max(radiusM, Math.hypot(xs[located[k]!]! - cx, ys[located[k]!]! - cy));
  return { cx, cy, radiusM };
}

/** The first and last of the members' times. */
function spanOf(m: Int32Array, at: Float64Array): { first: number; last: number } {
  let first = Infinity,
    last = -Infinity;
  for (let k = 0; k < m.length; k++) {
    first = Math.min(first, at[m[k]!]!);
    last = Math.max(last, at[m[k]!]!);
  }
  return { first, last };
}

/** A dwelling's keys for identity across runs: its own, and the postcode form when a source gave one. */
function dwellingIdentity(store: ReportStore, address: number): Pick<Hotspot, 'addressKey' | 'postcodeKey'> {
  const pc = store.postcodeKeyOf(address);
  return { addressKey: store.addresses.values[address]!, ...(pc ? { postcodeKey: pc } : {}) };
}

/** Reports per week, ascending: counted as runs in the members' sorted week numbers. */
function weeklyOf(m: Int32Array, weekOf: Int32Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachRun(sortedValuesOf(m, weekOf), (week, reports) => out.push([week, reports]));
  return out;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function themeCounts(m: Int32Array, cols: StoreColumns): Partial<Record<Theme, number>> {
  const counts = new Int32Array(THEMES.length);
  const order: number[] = []; // themes in the order met, as the object's keys
  for (let q = 0; q < m.length; q++) {
    const i = m[q]!;
    if (counts[cols.theme[i]!]!++ === 0) order.push(cols.theme[i]!);
  }
  const out: Partial<Record<Theme, number>> = {};
  for (const t of order) out[THEMES[t]!] = counts[t]!;
  return out;
}

/** Gi* of the hottest grid cell under the location's reports. */
function giStarOf(located: Int32Array, cols: StoreColumns, grid: GiStarGrid | null): Pick<Hotspot, 'giStar'> {
  if (!grid || located.length === 0) return {};
  let best = -1;
  for (let q = 0; q < located.length; q++) {
    const i = located[q]!;
    const k = cellAt(grid, cols.x[i]!, cols.y[i]!);
    if (k >= 0 && (best < 0 || grid.z[k]! > grid.z[best]!)) best = k;
  }
  if (best < 0 || Number.isNaN(grid.z[best]!)) return {};
  return { giStar: { z: grid.z[best]!, p: grid.p[best]!, q: grid.q[best]!, significant: isHotCell(grid, best) } };
}
