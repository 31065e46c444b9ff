/** Kinds of hotspot location. */
export const KINDS = ['public-space', 'dwelling'] as const;
export type LocationKind = (typeof KINDS)[number];

/** What an indicator can measure over the reports of a location in the period. */
export const MEASURES = ['reports', 'reporters', 'activeWeeks', 'signalShare', 'signalCount', 'sources',
  'recentReports', 'peakWeeksShare', 'topReporterShare', 'samePointShare'] as const;
export type Measure = (typeof MEASURES)[number];

/** An indicator as scoring needs it (the rules file's indicator entries have this shape). */
export interface IndicatorSpec {
  id: string;
  label: string;
  measure: Measure;
  signal?: string;
  windowDays?: number;
  weeks?: number;
  min?: number;
  max?: number;
  weight: number;
  appliesTo?: readonly LocationKind[];
}

export interface ClassSpec {
  minScore: number;
  require: readonly string[];
  unless: readonly string[];
}

export interface ScoringSpec {
  indicators: readonly IndicatorSpec[];
  classes: { hotspot: ClassSpec; watch: ClassSpec };
}
