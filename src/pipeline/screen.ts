import { createHash } from 'node:crypto';
import { runIngest, type IngestRunOptions, type IngestRunResult } from './validate.js';
import { findCandidates, type Candidate } from '../cluster/locations.js';
import { compileReportTests } from '../rules/match.js';
import type { LoadedRules } from '../rules/load.js';
import { scoreCandidate, type MeasureContext } from '../score/measures.js';
import { cellAt, giStarGrid, isHotCell, type GiStarGrid } from '../score/grid.js';
import { eventDays, peakWindow } from '../score/hottime.js';
import { hourProfile } from '../score/aoristic.js';
import { ReportStore, type StoreColumns } from '../model/store.js';
import { THEMES, type Theme } from '../model/report.js';
import type { Hotspot, Screening } from '../model/screening.js';
import { convexHullOf } from '../geo/hull.js';
import { rdToWgs84 } from '../geo/rd.js';
import { areaName } from '../geo/areas.js';
import { formatPeriodDate, localMidnight, weekIndex } from '../util/period.js';
import { toWallTime } from '../util/time.js';

export interface ScreenOptions extends Omit<IngestRunOptions, 'onReport'> {
  rules: LoadedRules;
  /** Screening period [fromMs, toMs); open ends default to the first report and now. */
  period: { fromMs?: number; toMs?: number; label?: string };
}

export interface ScreenResult {
  ingest: IngestRunResult;
  screening: Screening;
  /** The screened reports in columns, for further analysis (hot times). */
  store: ReportStore;
  /** Milliseconds per stage (not part of any output file: they differ from run to run). */
  timingsMs: Record<'ingest' | 'cluster' | 'grid' | 'score', number>;
}

/** The main job: ingest, keep in-scope reports of the period, find and score candidates. */
export async function runScreen(opts: ScreenOptions): Promise<ScreenResult> {
  const rules = opts.rules.rules;
  const test = compileReportTests(rules);
  const t0 = performance.now();
  const store = new ReportStore();
  const funnel = { accepted: 0, outsidePeriod: 0, outOfScope: 0, screened: 0, withoutPoint: 0 };
  const { fromMs = -Infinity, toMs = Infinity } = opts.period;
  const ingest = await runIngest({
    ...opts,
    onReport: (r) => {
      funnel.accepted++;
      if (r.reportedAt < fromMs || r.reportedAt >= toMs) { funnel.outsidePeriod++; return; }
      const t = test(r);
      if (!t.inScope) { funnel.outOfScope++; return; }
      funnel.screened++;
      if (!r.point) funnel.withoutPoint++;
      store.add(r, t.signals);
    },
  });
  const t1 = performance.now();
  const period = resolvePeriod(opts, store);
  const cols = store.columns();
  const weekOf = Int32Array.from(cols.reportedAt, (t) => weekIndex(t));
  const ctx: MeasureContext = { cols, periodEndMs: period.toMs, signalBits: new Map(rules.signals.map((s, i) => [s.id, i])), weekOf };
  const candidates = findCandidates(cols.x, cols.y, cols.address, {
    epsM: rules.clustering.epsM, minPoints: rules.clustering.minPoints, minDwellingReports: rules.dwellings.minReports,
  });
  const t2 = performance.now();
  const grid = giStarGrid(cols.x, cols.y, { ...(rules.grid.cellSizeM ? { cellSizeM: rules.grid.cellSizeM } : {}), fdr: rules.grid.fdr });
  const t3 = performance.now();
  const hotspots: Hotspot[] = [];
  const periodDays = Math.max(1, Math.round((period.toMs - period.fromMs) / 86_400_000));
  let belowWatch = 0;
  for (const c of candidates) {
    const scored = scoreCandidate(rules, c.kind, c.members, ctx);
    if (scored.class === 'none') { belowWatch++; continue; }
    hotspots.push(describe(c, scored, store, ctx, grid, periodDays));
  }
  const t4 = performance.now();
  hotspots.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ingest,
    store,
    timingsMs: { ingest: t1 - t0, cluster: t2 - t1, grid: t3 - t2, score: t4 - t3 },
    screening: {
      period,
      rules: { name: rules.name, file: opts.rules.file, sha256: opts.rules.sha256 },
      inputs: ingest.files.map((f) => ({ path: f.path, sha256: f.sha256, read: f.read, accepted: f.accepted, rejected: f.rejected, duplicates: f.duplicates })),
      funnel,
      candidates: { publicSpace: candidates.filter((c) => c.kind === 'public-space').length, dwellings: candidates.filter((c) => c.kind === 'dwelling').length, belowWatch },
      grid: grid ? summariseGrid(grid) : null,
      hotspots,
    },
  };
}

function resolvePeriod(opts: ScreenOptions, store: ReportStore): Screening['period'] {
  let first = Infinity;
  for (const t of store.columns().reportedAt) if (t < first) first = t;
  const fromMs = opts.period.fromMs ?? (Number.isFinite(first) ? startOfDay(first) : opts.nowMs);
  const toMs = opts.period.toMs ?? opts.nowMs;
  const explicit = opts.period.fromMs !== undefined || opts.period.toMs !== undefined;
  return { fromMs, toMs, label: opts.period.label ?? `${formatPeriodDate(fromMs)}..${formatPeriodDate(toMs - 1)}`, explicit };
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

/** The most frequent non-negative value, ties to the smallest. */
function mode(members: Int32Array, values: Int32Array): number {
  const counts = new Map<number, number>();
  let best = -1, bestCount = 0;
  for (const i of members) {
    const v = values[i]!;
    if (v < 0) continue;
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && v < best)) { best = v; bestCount = c; }
  }
  return best;
}

function describe(c: Candidate, scored: ReturnType<typeof scoreCandidate>, store: ReportStore, ctx: MeasureContext, grid: GiStarGrid | null, periodDays: number): Hotspot {
  const m = c.members;
  const cols = ctx.cols;
  const located = m.filter((i) => Number.isFinite(cols.x[i]!));
  let sx = 0, sy = 0;
  for (const i of located) { sx += cols.x[i]!; sy += cols.y[i]!; }
  const cx = sx / located.length, cy = sy / located.length;
  const [lon, lat] = rdToWgs84(cx, cy);
  let radiusM = 0;
  for (const i of located) radiusM = Math.max(radiusM, Math.hypot(cols.x[i]! - cx, cols.y[i]! - cy));
  const buurtIdx = mode(m, cols.buurt), wijkIdx = mode(m, cols.wijk), streetIdx = mode(m, cols.street);
  const buurt = buurtIdx >= 0 ? store.areas.values[buurtIdx] : undefined;
  const wijk = wijkIdx >= 0 ? store.areas.values[wijkIdx] : undefined;
  const street = streetIdx >= 0 ? store.streets.values[streetIdx] : undefined;
  const address = c.kind === 'dwelling' ? store.addressLabels.get(c.address!) : undefined;
  const where = address ?? street ?? `RD ${Math.round(cx)}, ${Math.round(cy)}`;
  const buurtText = buurt ? areaName(buurt) ?? buurt : undefined;
  let first = Infinity, last = -Infinity;
  for (const i of m) { first = Math.min(first, cols.reportedAt[i]!); last = Math.max(last, cols.reportedAt[i]!); }
  return {
    id: c.kind === 'dwelling' ? `WO-${shortHash(store.addresses.values[c.address!]!)}` : `PS-${Math.round(cx / 10)}-${Math.round(cy / 10)}`,
    kind: c.kind, class: scored.class as Hotspot['class'], score: scored.score, indicators: scored.indicators,
    reports: m.length,
    reporters: new Set(Array.from(m, (i) => cols.reporter[i]!).filter((r) => r >= 0)).size,
    activeWeeks: new Set(Array.from(m, (i) => ctx.weekOf[i]!)).size,
    firstMs: first, lastMs: last,
    centroid: { x: cx, y: cy, lat, lon }, radiusM, hullRd: convexHullOf(cols.x, cols.y, located),
    place: buurtText && buurtText !== where ? `${where}, ${buurtText}` : where,
    ...(street ? { street } : {}), ...(address ? { address } : {}), ...(buurt ? { buurt } : {}), ...(wijk ? { wijk } : {}),
    themes: themeCounts(m, cols),
    ...timesOf(m, cols, periodDays),
    ...giStarOf(located, cols, grid),
    reportIds: Array.from(m, (i) => store.ids[i]!).sort(),
    weekly: weeklyOf(m, ctx.weekOf),
    ...(c.kind === 'dwelling' ? { addressKey: store.addresses.values[c.address!]! } : {}),
  };
}

function weeklyOf(m: Int32Array, weekOf: Int32Array): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const i of m) counts.set(weekOf[i]!, (counts.get(weekOf[i]!) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function themeCounts(m: Int32Array, cols: StoreColumns): Partial<Record<Theme, number>> {
  const out: Partial<Record<Theme, number>> = {};
  for (const i of m) { const t = THEMES[cols.theme[i]!]!; out[t] = (out[t] ?? 0) + 1; }
  return out;
}

/** Hot times of a location: aoristic hour-of-week profile, its busiest 3 hours, event days. */
function timesOf(m: Int32Array, cols: StoreColumns, periodDays: number): Pick<Hotspot, 'peakHottime' | 'hourProfile' | 'eventDays'> {
  const profile = hourProfile(m, cols);
  const peak = peakWindow(profile, 3);
  return { ...(peak ? { peakHottime: { label: peak.label, share: peak.share } } : {}), hourProfile: profile, eventDays: eventDays(m, cols, periodDays) };
}

/** Gi* of the hottest grid cell under the location's reports. */
function giStarOf(located: Int32Array, cols: StoreColumns, grid: GiStarGrid | null): Pick<Hotspot, 'giStar'> {
  if (!grid || located.length === 0) return {};
  let best = -1;
  for (const i of located) {
    const k = cellAt(grid, cols.x[i]!, cols.y[i]!);
    if (k >= 0 && (best < 0 || grid.z[k]! > grid.z[best]!)) best = k;
  }
  if (best < 0 || Number.isNaN(grid.z[best]!)) return {};
  return { giStar: { z: grid.z[best]!, p: grid.p[best]!, q: grid.q[best]!, significant: isHotCell(grid, best) } };
}
