/** What a gebiedsteam decided about a hotspot key (values stored in the history; words in report/words.ts). */
export const ASSESSMENT_STATUSES = ['beoordeeld', 'aanpak', 'afgesloten', 'geen-hotspot'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** One recorded decision. There is no free-text field: notes attract names (AVG). */
export interface Assessment {
  id: number;
  key: string;
  status: AssessmentStatus;
  /** yyyy-mm-dd, Europe/Amsterdam: the date the status holds from. */
  since: string;
  team?: string;
  ref?: string;
  /** ISO 8601: when it was recorded. */
  recordedAt: string;
}

/** What the weekly run tells a team about (see `alertsFor`). */
export type AlertCode = 'new-unassessed' | 'aanpak-intensifying' | 'relapse';

export interface Alert {
  code: AlertCode;
  key: string;
  place: string;
}

/** Counts per 25 m cell, ISO week, theme and source, as the history keeps them (no report rows). */
export interface CellWeeks {
  cellSizeM: number;
  /**
   * Per source, the local day numbers [fromDay, toDay) its counts cover: the run's evidence range,
   * narrowed to the days between the source's first and last screened report.
   */
  coverage: Array<{ source: string; fromDay: number; toDay: number }>;
  cx: Int32Array;
  cy: Int32Array;
  week: Int32Array;
  theme: string[];
  source: string[];
  reports: Int32Array;
}

/** Side of the cells the history counts reports in (metres). */
export const CELL_SIZE_M = 25;
/**
 * A cell belongs to a place when its centre lies in the place's hull or within half a cell's
 * diagonal of it (17.7 m), so the cells of reports on the hull's edge count (effect, accuracy).
 */
export const CELL_EDGE_M = (CELL_SIZE_M * Math.SQRT2) / 2;
