import type { Db } from './db.js';
import { packCells, unpackCells, type CellTriples } from './cell-blob.js';
import { weekMonday } from '../util/period.js';
import { byCharacters } from '../util/text.js';
import { cellKey, cellOfKey, type CellWeeks } from '../model/assessment.js';

/**
 * Keeps a run's weekly cell counts, per source, for the weeks the source has reports in (see
 * CellWeeks.coverage). A week the run held a source's reports over whole replaces what the history
 * had for that week and source; a week held in part (the ends of a lookback window, or of the
 * source's data) is written only where no run held it whole. So a later
 * weekly run never cuts an earlier run's counts, and a run of one export (the police's alone)
 * leaves the other sources' counts as they were.
 */
export function recordCellWeeks(db: Db, runId: number, c: CellWeeks): void {
  const coverage = db.prepare('SELECT complete FROM covered_weeks WHERE week = ? AND source = ?');
  const clear = db.prepare('DELETE FROM cell_counts WHERE week = ? AND source = ?');
  const cover = db.prepare(`INSERT INTO covered_weeks (week, source, run_id, complete) VALUES (?, ?, ?, ?)
    ON CONFLICT(week, source) DO UPDATE SET run_id = excluded.run_id, complete = excluded.complete`);
  const writable = new Set<string>();
  for (const { source, fromDay, toDay, weeks } of c.coverage) {
    for (const w of weeks) {
      if (weekMonday(w) + 7 <= fromDay || weekMonday(w) >= toDay) continue;
      const complete = fromDay <= weekMonday(w) && weekMonday(w) + 7 <= toDay;
      const known = coverage.get(w, source) as { complete: number } | undefined;
      if (!complete && known?.complete === 1) continue;
      clear.run(w, source);
      cover.run(w, source, runId, complete ? 1 : 0);
      writable.add(`${w}\u0000${source}`);
    }
  }
  insertCellCounts(db, c, (week, source) => writable.has(`${week}\u0000${source}`));
}

/** Cell counts as rows of cell, week, theme and source (a run's, or schema 6's table). */
export type CellRows = Pick<CellWeeks, 'cx' | 'cy' | 'week' | 'theme' | 'source' | 'names' | 'reports'>;

/** Inserts the counts of the weeks and sources `keep` accepts, one packed row per week, source and theme. */
export function insertCellCounts(db: Db, c: CellRows, keep: (week: number, source: string) => boolean): void {
  const insert = db.prepare('INSERT INTO cell_counts (week, source, theme, cells) VALUES (?, ?, ?, ?)');
  const order = byGroupAndCell(c);
  for (let k = 0; k < order.length; ) {
    const i = order[k]!;
    let end = k + 1;
    while (end < order.length && sameGroup(c, i, order[end]!)) end++;
    const source = c.names.sources[c.source[i]!]!;
    if (keep(c.week[i]!, source)) insert.run(c.week[i]!, source, c.names.themes[c.theme[i]!]!, packCells(c, order.subarray(k, end)));
    k = end;
  }
}

/** Whether rows i and j count the same week, source and theme. */
const sameGroup = (c: CellRows, i: number, j: number) =>
  c.week[i] === c.week[j] && c.source[i] === c.source[j] && c.theme[i] === c.theme[j];

/**
 * The rows' indices with each week, source and theme together and its cells by cx, cy: as they
 * are when cellWeeksOf made them (checked in one pass), else sorted.
 */
function byGroupAndCell(c: CellRows): Int32Array {
  const order = Int32Array.from({ length: c.week.length }, (_, i) => i);
  let ready = true;
  const done = new Set<number>();
  for (let i = 1; i < order.length && ready; i++) {
    if (sameGroup(c, i - 1, i)) ready = c.cx[i - 1]! < c.cx[i]! || (c.cx[i - 1] === c.cx[i] && c.cy[i - 1]! < c.cy[i]!);
    else {
      const group = (c.week[i - 1]! * 256 + c.source[i - 1]!) * 256 + c.theme[i - 1]!;
      ready = !done.has(group);
      done.add(group);
    }
  }
  if (ready) return order;
  return order.sort(
    (i, j) =>
      c.week[i]! - c.week[j]! ||
      byCharacters(c.names.sources[c.source[i]!]!, c.names.sources[c.source[j]!]!) ||
      byCharacters(c.names.themes[c.theme[i]!]!, c.names.themes[c.theme[j]!]!) ||
      c.cx[i]! - c.cx[j]! ||
      c.cy[i]! - c.cy[j]!,
  );
}

/** One row of counts: a cell, a week, a theme. */
export interface CellCount {
  cx: number;
  cy: number;
  week: number;
  theme: string;
  reports: number;
}

/** The counts of weeks [fromWeek, toWeek], all sources together, by week, theme, cx and cy. */
export function cellCounts(db: Db, fromWeek: number, toWeek: number): CellCount[] {
  const rows = db
    .prepare('SELECT week, theme, cells FROM cell_counts WHERE week BETWEEN ? AND ? ORDER BY week, theme, source')
    .all(fromWeek, toWeek) as Array<{ week: number; theme: string; cells: Uint8Array }>;
  const out: CellCount[] = [];
  for (let i = 0; i < rows.length; ) {
    const { week, theme } = rows[i]!;
    let j = i;
    while (j < rows.length && rows[j]!.week === week && rows[j]!.theme === theme) j++;
    for (const [cx, cy, reports] of summed(rows.slice(i, j).map((r) => unpackCells(r.cells)))) out.push({ cx, cy, week, theme, reports });
    i = j;
  }
  return out;
}

/**
 * Every cell with a report in any week, by cx, then cy: read a packed row at a time into a set of
 * cell keys (as rows of three numbers, a 1M history's 450,000 counts were some 40 MB at once).
 */
export function cellsWithReports(db: Db): { cx: Int32Array; cy: Int32Array } {
  const keys = new Set<number>();
  for (const { cells } of db.prepare('SELECT cells FROM cell_counts').iterate() as IterableIterator<{ cells: Uint8Array }>) {
    const t = unpackCells(cells);
    for (let k = 0; k < t.cx.length; k++) keys.add(cellKey(t.cx[k]!, t.cy[k]!));
  }
  const sorted = Float64Array.from(keys).sort(); // by key: by cx, then cy
  const out = { cx: new Int32Array(sorted.length), cy: new Int32Array(sorted.length) };
  for (let k = 0; k < sorted.length; k++) [out.cx[k], out.cy[k]] = cellOfKey(sorted[k]!);
  return out;
}

/**
 * The counts of weeks [fromWeek, toWeek], all sources and themes together: per week, per cell key
 * (see cellKey), its reports. Read a packed row at a time (see cellsWithReports).
 */
export function weeklyCellTotals(db: Db, fromWeek: number, toWeek: number): Map<number, Map<number, number>> {
  const byWeek = new Map<number, Map<number, number>>();
  const rows = db.prepare('SELECT week, cells FROM cell_counts WHERE week BETWEEN ? AND ?');
  for (const { week, cells } of rows.iterate(fromWeek, toWeek) as IterableIterator<{ week: number; cells: Uint8Array }>) {
    let m = byWeek.get(week);
    if (!m) byWeek.set(week, (m = new Map()));
    const t = unpackCells(cells);
    for (let k = 0; k < t.cx.length; k++) {
      const key = cellKey(t.cx[k]!, t.cy[k]!);
      m.set(key, (m.get(key) ?? 0) + t.reports[k]!);
    }
  }
  return byWeek;
}

/** The counts of the same cells added up, by cx and cy. */
function summed(parts: CellTriples[]): Array<[number, number, number]> {
  const all: Array<[number, number, number]> = [];
  for (const p of parts) for (let k = 0; k < p.cx.length; k++) all.push([p.cx[k]!, p.cy[k]!, p.reports[k]!]);
  if (parts.length > 1) all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number, number]> = [];
  for (const t of all) {
    const last = out[out.length - 1];
    if (last && last[0] === t[0] && last[1] === t[1]) last[2] += t[2];
    else out.push(t);
  }
  return out;
}

/**
 * The weeks whose counts the history knows whole, ascending: every source with reports in the week
 * was held over all of it by some run (a week held in part, at the start of a lookback window or
 * before the run's clock, would read as a fall).
 */
export function coveredWeeks(db: Db): number[] {
  return (
    db.prepare('SELECT week FROM covered_weeks GROUP BY week HAVING MIN(complete) = 1 ORDER BY week').all() as Array<{ week: number }>
  ).map((r) => r.week);
}
