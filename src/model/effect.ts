/** What the outputs need of an effect (pipeline/effect.ts) and of the list's accuracy (pipeline/accuracy.ts). */

/** A list judged against the reports after it (see stats/accuracy.ts listAccuracy). */
export interface ListAccuracyView {
  reports: number;
  captured: number;
  hitRate: number;
  areaShare: number;
  pai: number;
  bestCaptured: number;
  pei: number;
}

/** The effect of an aanpak as the pipeline measured it (see pipeline/effect.ts), in what these outputs need. */
export interface EffectView {
  key: string;
  place: string;
  aanpak: { since: string; team?: string; ref?: string };
  current: { status: string; since: string };
  weeks: { before: number; after: number };
  notEstimated?: string;
  ringM: number;
  treated?: AreaView;
  ring?: AreaView;
  control?: AreaView;
  relative?: Interval;
  ringRelative?: Interval;
  wdd?: { wdd: number; se: number; z: number; lo: number; hi: number };
  wdq?: number;
  series: Array<[number, number]>;
  windows: { before: [number, number]; after: [number, number] } | null;
}
export interface Interval {
  ratio: number;
  lo: number;
  hi: number;
}
export interface AreaView {
  before: number;
  after: number;
  perWeekBefore: number;
  perWeekAfter: number;
  change: { ratio: number; lo: number; hi: number; p: number };
}

/** Every run's list judged against the weeks after it (pipeline/accuracy.ts), with the naive baselines. */
export interface AccuracyView {
  /** Weeks after a run's period its list is judged on. */
  weeksAfter: number;
  cellSizeM: number;
  /** Cells of the study area: every 25 m cell inside the convex hull of the cells with a report (0 when nothing was judged). */
  places: number;
  /** Runs whose following weeks the history does not (yet) hold whole. */
  pending: number[];
  runs: Array<{
    runId: number;
    periodLabel: string;
    /** ISO week indices judged on. */
    weeks: [number, number];
    /** Hotspots on the list, and the 25 m cells they cover. */
    hotspots: number;
    cells: number;
    list: ListAccuracyView & { hitRateCi: { lo: number; hi: number } };
    /** As many cells, chosen by the reports of the weeks before the period's end. */
    lastPeriod: ListAccuracyView;
    /** As many cells, chosen by all reports the history has before the period's end. */
    longRun: ListAccuracyView;
    jaccard: number | null;
  }>;
  summary: {
    runs: number;
    list: PooledView;
    lastPeriod: PooledView;
    longRun: PooledView;
    meanJaccard: number | null;
  } | null;
}
export interface PooledView {
  meanAreaShare: number;
  hitRate: number;
  lo: number;
  hi: number;
  meanPai: number;
  meanPei: number;
}
