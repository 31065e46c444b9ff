/** Why a class could only be decided in part: reporters unknown, or a hotspot gone quiet (watch). */
export const CAVEATS = ['reporters-unknown', 'gone-quiet'] as const;
export type Caveat = (typeof CAVEATS)[number];

/** Kinds of hotspot location. */
export const KINDS = ['public-space', 'dwelling'] as const;
export type LocationKind = (typeof KINDS)[number];

/** Bits of a report's scope mask: which kinds of location it counts towards. */
export const IN_DWELLING_SCOPE = 1;
export const IN_PUBLIC_SCOPE = 2;

/** What an indicator can measure over the reports of a location in the period. */
export const MEASURES = [
  'reports',
  'reporters',
  'activeWeeks',
  'signalShare',
  'signalCount',
  'sources',
  'recentReports',
  'peakWeeksShare',
  'busiestWeeksShare',
  'topReporterShare',
  'samePointShare',
  'spanWeeks',
] as const;

/** Measures that need to know who reported: not judgeable where reporters are unknown. */
export const REPORTER_MEASURES: ReadonlySet<Measure> = new Set(['reporters', 'topReporterShare']);
export type Measure = (typeof MEASURES)[number];

/** An indicator as scoring needs it (the rules file's indicator entries have this shape). */
export interface IndicatorSpec {
  id: string;
  label: string;
  measure: Measure;
  signal?: string;
  /** The signal's own label, for the reason in words. */
  signalLabel?: string;
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

export interface ClassSpecs {
  hotspot: ClassSpec;
  watch: ClassSpec;
}

export interface ScoringSpec {
  indicators: readonly IndicatorSpec[];
  /** Classes per kind of location. */
  classes: Record<LocationKind, ClassSpecs>;
  /** Days at the end of the period that count as recent (recentReports default, "gone quiet"). */
  recentDays: number;
}
