import { extentOf } from '../geo/extent.js';
import { openDb, type Db } from '../history/db.js';
import { cellsWithReports, coveredWeeks, weeklyCellTotals } from '../history/cells.js';
import { listedHulls, runsInOrder } from '../history/runs.js';
import { CELL_EDGE_M, CELL_SIZE_M, cellKey } from '../model/assessment.js';
import type { AccuracyView, PooledView } from '../model/effect.js';
import { convexHullOf, distanceToHull, inConvexRing } from '../geo/hull.js';
import { jaccard, listAccuracy, wilson, type ListAccuracy } from '../stats/accuracy.js';
import { weekIndex } from '../util/period.js';

/** Weeks after a run's period its list is judged on (a 4-week rolling window). */
export const ACCURACY_WEEKS = 4;

/** One run's list judged against the weeks after it; the report over all runs (see model/effect.ts). */
type RunAccuracy = AccuracyView['runs'][number];
export type AccuracyReport = AccuracyView;
type AccuracySummary = NonNullable<AccuracyView['summary']>;

type CellKey = number;

/** `trend --accuracy`: every run's list scored against the weeks after it (from the history's cell counts). */
export function historyAccuracy(dbPath: string, weeksAfter = ACCURACY_WEEKS): AccuracyReport {
  const db = openDb(dbPath, { create: false });
  try {
    return accuracyOf(db, weeksAfter);
  } finally {
    db.close();
  }
}

export function accuracyOf(db: Db, weeksAfter = ACCURACY_WEEKS): AccuracyReport {
  const covered = coveredWeeks(db);
  const coveredSet = new Set(covered);
  const judgeable = (periodTo: string) => {
    const first = weekIndex(Date.parse(periodTo));
    for (let w = first; w < first + weeksAfter; w++) if (!coveredSet.has(w)) return false;
    return true;
  };
  const all = runsInOrder(db);
  // Nothing to judge yet (a first run, or runs without later weeks): no need to read the counts.
  if (!all.some((r) => judgeable(r.periodTo))) {
    return { weeksAfter, cellSizeM: CELL_SIZE_M, places: 0, runs: [], pending: all.map((r) => r.id), summary: null };
  }
  const places = studyAreaCells(db);
  const byWeek =
    covered.length > 0 ? weeklyCellTotals(db, covered[0]!, covered[covered.length - 1]!) : new Map<number, Map<CellKey, number>>();
  const sumWeeks = (from: number, to: number) => {
    const out = new Map<CellKey, number>();
    for (let w = from; w <= to; w++) for (const [k, n] of byWeek.get(w) ?? []) out.set(k, (out.get(k) ?? 0) + n);
    return out;
  };
  const runs: RunAccuracy[] = [];
  const pending: number[] = [];
  let previousKeys: Set<string> | undefined;
  for (const run of all) {
    const listed = listedHulls(db, run.id);
    const keys = new Set(listed.map((h) => h.key));
    const overlap = previousKeys ? jaccard(previousKeys, keys) : null;
    previousKeys = keys;
    const first = weekIndex(Date.parse(run.periodTo));
    const last = first + weeksAfter - 1;
    if (!judgeable(run.periodTo)) {
      pending.push(run.id);
      continue;
    }
    const cells = cellsOf(listed.map((h) => JSON.parse(h.hullJson) as Array<[number, number]>));
    const next = sumWeeks(first, last);
    const list = listAccuracy(cells, next, places);
    const before = covered.filter((w) => w < first);
    runs.push({
      runId: run.id,
      periodLabel: run.periodLabel,
      weeks: [first, last],
      hotspots: listed.length,
      cells: cells.size,
      list: { ...list, hitRateCi: wilson(list.captured, list.reports) },
      lastPeriod: listAccuracy(topCells(sumWeeks(first - weeksAfter, first - 1), cells.size), next, places, cells.size),
      longRun: listAccuracy(
        topCells(before.length > 0 ? sumWeeks(before[0]!, first - 1) : new Map(), cells.size),
        next,
        places,
        cells.size,
      ),
      jaccard: overlap,
    });
  }
  return { weeksAfter, cellSizeM: CELL_SIZE_M, places, runs, pending, summary: summarise(runs) };
}

/** The busiest `k` cells of a period (ties by cell, so the choice is repeatable). */
function topCells(counts: ReadonlyMap<CellKey, number>, k: number): Set<CellKey> {
  return new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([c]) => c),
  );
}

/** The 25 m cells whose centre lies in or within CELL_EDGE_M of any of the hulls. */
export function cellsOf(hulls: ReadonlyArray<Array<[number, number]>>): Set<CellKey> {
  const boxes = hulls.filter((h) => h.length > 0).map((hull) => ({ hull, ...cellBox(hull) }));
  const found = new FoundCells(boxes);
  for (const { hull, x0, x1, y0, y1 } of boxes) {
    for (let cx = x0; cx <= x1; cx++) {
      // a cell an earlier hull took is not measured again (hulls overlap: at 1M, 8,400 places
      // spanned 21.7 million cells, of which 78,000 distinct ones are near a hull)
      for (let cy = found.nextFree(cx, y0, y1); cy <= y1; cy = found.nextFree(cx, cy + 1, y1)) {
        if (distanceToHull(hull, (cx + 0.5) * CELL_SIZE_M, (cy + 0.5) * CELL_SIZE_M) <= CELL_EDGE_M) found.add(cx, cy);
      }
    }
  }
  return found.cells;
}

/** The cells a hull's bounding box spans, widened by CELL_EDGE_M. */
function cellBox(hull: ReadonlyArray<[number, number]>): { x0: number; x1: number; y0: number; y1: number } {
  const e = extentOf(hull);
  const cell = (v: number) => Math.floor(v / CELL_SIZE_M);
  return { x0: cell(e.minX - CELL_EDGE_M), x1: cell(e.maxX + CELL_EDGE_M), y0: cell(e.minY - CELL_EDGE_M), y1: cell(e.maxY + CELL_EDGE_M) };
}

/** Cells at most this many: a flag per cell of the boxes' extent (16 MB); beyond it, only the set. */
const MAX_FLAGGED_CELLS = 1 << 24;

/**
 * The cells found so far, in the order found, and as flags over the extent of all boxes with a
 * column's cells side by side (a set lookup per cell cost 1 s at 1M).
 */
class FoundCells {
  readonly cells = new Set<CellKey>();
  private readonly flags: Uint8Array | undefined;
  private readonly x0: number;
  private readonly y0: number;
  private readonly rows: number;
  constructor(boxes: ReadonlyArray<{ x0: number; x1: number; y0: number; y1: number }>) {
    const e = extentOf(
      boxes.flatMap(
        (b): Array<[number, number]> => [
          [b.x0, b.y0],
          [b.x1, b.y1],
        ],
      ),
    );
    this.x0 = e.minX;
    this.y0 = e.minY;
    this.rows = e.maxY - e.minY + 1;
    const cols = e.maxX - e.minX + 1;
    if (boxes.length > 0 && cols * this.rows <= MAX_FLAGGED_CELLS) this.flags = new Uint8Array(cols * this.rows);
  }
  /** The first cell of column `cx` from `cy` to `cyLast` not found yet; cyLast + 1 when there is none. */
  nextFree(cx: number, cy: number, cyLast: number): number {
    if (!this.flags) {
      while (cy <= cyLast && this.cells.has(cellKey(cx, cy))) cy++;
      return cy;
    }
    const column = (cx - this.x0) * this.rows - this.y0;
    if (cy > cyLast || this.flags[column + cy] === 0) return cy;
    const free = this.flags.subarray(column + cy, column + cyLast + 1).indexOf(0); // a native scan over the run of cells found
    return free < 0 ? cyLast + 1 : cy + free;
  }
  add(cx: number, cy: number): void {
    this.cells.add(cellKey(cx, cy));
    if (this.flags) this.flags[(cx - this.x0) * this.rows + (cy - this.y0)] = 1;
  }
}

/** Cells of the study area: every 25 m cell whose centre lies in the convex hull of the cells with a report. */
function studyAreaCells(db: Db): number {
  const cells = cellsWithReports(db),
    count = cells.cx.length;
  if (count < 3) return count;
  const centre = (c: Int32Array) => Float64Array.from(c, (v) => (v + 0.5) * CELL_SIZE_M);
  const hull = convexHullOf(centre(cells.cx), centre(cells.cy), Int32Array.from(cells.cx.keys()));
  if (hull.length < 3) return count;
  const { minX: x0, maxX: x1, minY: y0, maxY: y1 } = extentOf(cellPoints(cells));
  let n = 0;
  for (let cx = x0; cx <= x1; cx++) {
    for (let cy = y0; cy <= y1; cy++) if (inConvexRing(hull, (cx + 0.5) * CELL_SIZE_M, (cy + 0.5) * CELL_SIZE_M)) n++;
  }
  return Math.max(n, count);
}

function* cellPoints(c: { cx: Int32Array; cy: Int32Array }): Generator<[number, number]> {
  for (let k = 0; k < c.cx.length; k++) yield [c.cx[k]!, c.cy[k]!];
}

function pooled(list: readonly ListAccuracy[]): PooledView {
  const captured = list.reduce((s, a) => s + a.captured, 0),
    reports = list.reduce((s, a) => s + a.reports, 0);
  const ci = wilson(captured, reports);
  const mean = (f: (a: ListAccuracy) => number) => list.reduce((s, a) => s + f(a), 0) / list.length;
  return {
    meanAreaShare: mean((a) => a.areaShare),
    hitRate: reports > 0 ? captured / reports : 0,
    lo: ci.lo,
    hi: ci.hi,
    meanPai: mean((a) => a.pai),
    meanPei: mean((a) => a.pei),
  };
}

function summarise(runs: readonly RunAccuracy[]): AccuracySummary | null {
  if (runs.length === 0) return null;
  const overlaps = runs.map((r) => r.jaccard).filter((j): j is number => j !== null);
  return {
    runs: runs.length,
    list: pooled(runs.map((r) => r.list)),
    lastPeriod: pooled(runs.map((r) => r.lastPeriod)),
    longRun: pooled(runs.map((r) => r.longRun)),
    meanJaccard: overlaps.length > 0 ? overlaps.reduce((s, j) => s + j, 0) / overlaps.length : null,
  };
}
