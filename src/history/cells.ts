import { RowInserter, type Db } from './db.js';
import { weekMonday } from '../util/period.js';
import type { CellWeeks } from '../model/assessment.js';

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
  const clear = db.prepare('DELETE FROM cell_weeks WHERE week = ? AND source = ?');
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
  const rows = new RowInserter(db, 'cell_weeks (cx, cy, week, theme, source, reports)', 6);
  for (let i = 0; i < c.week.length; i++) {
    if (writable.has(`${c.week[i]}\u0000${c.source[i]}`))
      rows.add(c.cx[i]!, c.cy[i]!, c.week[i]!, c.theme[i]!, c.source[i]!, c.reports[i]!);
  }
  rows.flush();
}

/** One row of counts: a cell, a week, a theme. */
export interface CellCount {
  cx: number;
  cy: number;
  week: number;
  theme: string;
  reports: number;
}

/** The counts of weeks [fromWeek, toWeek], all sources together. */
export function cellCounts(db: Db, fromWeek: number, toWeek: number): CellCount[] {
  return db
    .prepare(`SELECT cx, cy, week, theme, SUM(reports) AS reports FROM cell_weeks WHERE week BETWEEN ? AND ?
      GROUP BY week, theme, cx, cy ORDER BY week, theme, cx, cy`)
    .all(fromWeek, toWeek) as CellCount[];
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

/** Every cell with a report in any week. */
export function allCells(db: Db): Array<{ cx: number; cy: number; reports: number }> {
  return db.prepare('SELECT cx, cy, SUM(reports) AS reports FROM cell_weeks GROUP BY cx, cy').all() as Array<{
    cx: number;
    cy: number;
    reports: number;
  }>;
}
