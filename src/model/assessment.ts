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
   * Per source, what its counts cover: the local day numbers [fromDay, toDay) of the run's evidence
   * range (narrowed to the source's first and last screened report when the export starts or stops
   * more than two days inside it), and within them the ISO weeks in
   * which the source has a screened report at all (a week without any is missing data, not a zero:
   * an export with a gap of months does not read as a quiet city).
   */
  coverage: Array<{ source: string; fromDay: number; toDay: number; weeks: number[] }>;
  cx: Int32Array;
  cy: Int32Array;
  week: Int32Array;
  /** Indices into `names.themes` and `names.sources`: a million rows as two small arrays, not two million string slots. */
  theme: Uint8Array;
  source: Uint8Array;
  names: { themes: readonly string[]; sources: readonly string[] };
  reports: Int32Array;
}

/** Side of the cells the history counts reports in (metres). */
export const CELL_SIZE_M = 25;
/**
 * A cell belongs to a place when its centre lies in the place's hull or within half a cell's
 * diagonal of it (17.7 m), so the cells of reports on the hull's edge count (effect, accuracy).
 */
export const CELL_EDGE_M = (CELL_SIZE_M * Math.SQRT2) / 2;

/** One number per 25 m cell, for maps and sets: unique for cell indices within +-2^20 (+-26,000 km). */
export const cellKey = (cx: number, cy: number): number => (cx + 2 ** 20) * 2 ** 21 + (cy + 2 ** 20);

/** The cell indices of a cellKey; keys in ascending order are cells by cx, then cy. */
export const cellOfKey = (key: number): [cx: number, cy: number] => [Math.floor(key / 2 ** 21) - 2 ** 20, (key % 2 ** 21) - 2 ** 20];
