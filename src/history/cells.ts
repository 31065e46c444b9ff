import type { Db } from './db.js';
import type { CellWeeks } from '../model/assessment.js';

/** Monday's local day number of ISO week index `week` (day 0 is Thursday 1 January 1970). */
const mondayOf = (week: number) => 7 * week - 3;

/**
 * Keeps a run's weekly cell counts. A week its evidence covered whole replaces what the history
 * had for that week; a week it covered in part (the ends of a lookback window) is written only
 * where no run covered that week whole, so a later weekly run never cuts an earlier run's counts.
 */
export function recordCellWeeks(db: Db, runId: number, c: CellWeeks): void {
  const firstWeek = Math.floor((c.fromDay + 3) / 7),
    lastWeek = Math.floor((c.toDay - 1 + 3) / 7);
  if (!(lastWeek >= firstWeek) || !Number.isFinite(firstWeek)) return;
  const coverage = db.prepare('SELECT complete FROM covered_weeks WHERE week = ?');
  const clear = db.prepare('DELETE FROM cell_weeks WHERE week = ?');
  const cover = db.prepare(
    'INSERT INTO covered_weeks (week, run_id, complete) VALUES (?, ?, ?) ON CONFLICT(week) DO UPDATE SET run_id = excluded.run_id, complete = excluded.complete',
  );
  const writable = new Set<number>();
  for (let w = firstWeek; w <= lastWeek; w++) {
    const complete = c.fromDay <= mondayOf(w) && mondayOf(w) + 7 <= c.toDay;
    const known = coverage.get(w) as { complete: number } | undefined;
    if (!complete && known?.complete === 1) continue;
    clear.run(w);
    cover.run(w, runId, complete ? 1 : 0);
    writable.add(w);
  }
  // Many rows per statement: a million reports make some 400,000 rows, one statement each took a second.
  const many = db.prepare(
    `INSERT INTO cell_weeks (cx, cy, week, theme, reports) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?, ?, ?)').join(', ')}`,
  );
  const one = db.prepare('INSERT INTO cell_weeks (cx, cy, week, theme, reports) VALUES (?, ?, ?, ?, ?)');
  let batch: Array<number | string> = [];
  for (let i = 0; i < c.week.length; i++) {
    if (!writable.has(c.week[i]!)) continue;
    batch.push(c.cx[i]!, c.cy[i]!, c.week[i]!, c.theme[i]!, c.reports[i]!);
    if (batch.length === ROWS_PER_INSERT * 5) {
      many.run(batch);
      batch = [];
    }
  }
  for (let k = 0; k < batch.length; k += 5) one.run(batch.slice(k, k + 5));
}

/** Rows per INSERT statement (5 parameters each, well under SQLite's 32,766). */
const ROWS_PER_INSERT = 500;

/** One row of counts: a cell, a week, a theme. */
export interface CellCount {
  cx: number;
  cy: number;
  week: number;
  theme: string;
  reports: number;
}

/** The counts of weeks [fromWeek, toWeek]. */
export function cellCounts(db: Db, fromWeek: number, toWeek: number): CellCount[] {
  return db
    .prepare('SELECT cx, cy, week, theme, reports FROM cell_weeks WHERE week BETWEEN ? AND ? ORDER BY week, theme, cx, cy')
    .all(fromWeek, toWeek) as CellCount[];
}

/** The weeks whose counts the history knows, ascending. */
export function coveredWeeks(db: Db): number[] {
  return (db.prepare('SELECT week FROM covered_weeks ORDER BY week').all() as Array<{ week: number }>).map((r) => r.week);
}

/** Every cell with a report in any week. */
export function allCells(db: Db): Array<{ cx: number; cy: number; reports: number }> {
  return db.prepare('SELECT cx, cy, SUM(reports) AS reports FROM cell_weeks GROUP BY cx, cy').all() as Array<{
    cx: number;
    cy: number;
    reports: number;
  }>;
}
