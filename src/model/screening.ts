import type { Alert, Assessment, CellWeeks } from './assessment.js';
import type { AccuracyView, EffectView } from './effect.js';
import type { Caveat, LocationKind, Measure } from './scoring.js';
import type { Theme } from './incoming.js';

export interface IndicatorOutcome {
  id: string;
  label: string;
  value: number;
  /** Points added to the score (0 when it did not fire). */
  weight: number;
  fired: boolean;
  /** False when the indicator does not apply to this kind of location. */
  applies: boolean;
  /** False when it applies but could not be judged: its input is missing (reporters unknown). */
  judged: boolean;
  /** What was measured and its parameters, for the reason in words (see report/reasons.ts). */
  measure?: Measure;
  weeks?: number;
  windowDays?: number;
  /** The label of the signal a signal measure counts (the rules' own words). */
  signalLabel?: string;
}

/**
 * A hotspot's report ids, in id order (UTF-16 code units). They are made when asked for, from
 * where the screened reports are kept: a million ids are not held as strings for the whole run.
 * JSON.stringify writes them as an array.
 */
export interface ReportIds extends Iterable<string> {
  readonly length: number;
  toJSON(): string[];
}

/** One hotspot candidate that reached a class, fully explained. Times are UTC ms. */
export interface Hotspot {
  id: string;
  kind: LocationKind;
  class: 'hotspot' | 'watch';
  score: number;
  indicators: IndicatorOutcome[];
  reports: number;
  reporters: number;
  activeWeeks: number;
  firstMs: number;
  lastMs: number;
  centroid: { x: number; y: number; lat: number; lon: number };
  radiusM: number;
  /** Convex hull in RD metres (fewer than 3 vertices for point-like locations). */
  hullRd: Array<[number, number]>;
  /** Readable place: street (public space) or address (dwelling), with the buurt name. */
  place: string;
  street?: string;
  address?: string;
  buurt?: string;
  wijk?: string;
  themes: Partial<Record<Theme, number>>;
  /** The area it belongs to: of its centroid on the --areas map, else the one its reports name most. */
  area?: string;
  /** The area's code (the map's code property, else its name): export files are named by it. */
  areaCode?: string;
  /** Other areas its reports touch. */
  otherAreas: string[];
  peakHottime?: { label: string; share: number };
  /** Aoristic hour-of-week profile (168 bins, Monday 00:00 first). */
  hourProfile: Float64Array;
  /** Days far above this place's own daily baseline (event spikes). */
  eventDays: Array<{ date: string; reports: number; expected: number }>;
  giStar?: { z: number; p: number; q: number; significant: boolean };
  /** The reports' ids in id order: read where they are kept when written (see ReportIds). */
  reportIds: ReportIds;
  /** Reports per ISO week index (weeks since 1970, Monday-based), weeks with reports only, ascending. */
  weekly: Array<[number, number]>;
  /** Dwellings: the address key (street|number|suffix|city, or pc:postcode|number|suffix), for identity across runs; never exported. */
  addressKey?: string;
  /** Dwellings: the postcode form of the address when a source gave one, for identity with older runs. */
  postcodeKey?: string;
  /**
   * What the class could not take into account: `reporters-unknown` (too few reports name a
   * reporter: "melders onbekend", the team checks it), `gone-quiet` (a hotspot on a lookback list
   * without a recent report, listed as watch).
   */
  caveats: Caveat[];
  /** Set when the run is kept in the history. */
  history?: HotspotHistory;
}

/** Something the analyst must know to read a screening: why little was found, what could not be judged. */
export interface ScreeningWarning {
  code: string;
  message: string;
  /** How to fix it, when there is a fix. */
  hint?: string;
  /** The input file it is about. */
  file?: string;
  /** Further facts, machine-readable (counts, categories). */
  details?: Record<string, unknown>;
}

/** What the history says about a hotspot in this run. */
export interface HotspotHistory {
  key: string;
  trend: string;
  /** Compared with the previous run: new, or the score change. */
  change: HotspotChange;
  /** The team's current decision about the place, when one was recorded (`hotspots assess`). */
  assessment?: Assessment;
}

export interface HotspotChange {
  status: 'new' | 'up' | 'down' | 'same';
  previousScore?: number;
  previousClass?: string;
}

/** How a hotspot's score moved since the previous run (undefined: it was not there). */
export function changeSince(score: number, before?: { score: number; class: string }): HotspotChange {
  if (!before) return { status: 'new' };
  const status = score > before.score ? 'up' : score < before.score ? 'down' : 'same';
  return { status, previousScore: before.score, previousClass: before.class };
}

export interface InputSummary {
  path: string;
  sha256: string;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

/** Everything a screening produced, before it is formatted. */
export interface Screening {
  period: {
    fromMs: number;
    toMs: number;
    label: string;
    /** Set by --period or --from/--to (not the data or the clock). */
    explicit: boolean;
    /** The open end was the end of the last report's day. */
    endsAtData: boolean;
    /**
     * The reports the list is judged on: the period itself, or for a period shorter than the
     * window a lookback of `windowDays` ending at the period's end (windowDays null when whole).
     */
    evidence: { fromMs: number; toMs: number; windowDays: number | null };
  };
  rules: { name: string; file: string; sha256: string };
  inputs: InputSummary[];
  /** Accepted reports by what happened to them: outside the period, out of scope, screened. */
  funnel: { accepted: number; outsidePeriod: number; outOfScope: number; screened: number; withoutPoint: number };
  candidates: { publicSpace: number; dwellings: number; belowWatch: number };
  grid: { cellSizeM: number; cells: number; hotCells: number; fdr: number } | null;
  /** With --areas: the map, and where the screened reports fell (none is dropped). */
  areas: { file: string; count: number; inside: number; outside: number; withoutPoint: number } | null;
  hotspots: Hotspot[];
  warnings: ScreeningWarning[];
  /** Set when the run is kept in the history. */
  history?: {
    runId: number;
    replaced: boolean;
    previousRunId?: number;
    /** Hotspots of the previous run that are not in this one. */
    gone: Array<{ key: string; place: string; class: string; score: number }>;
    /** What a team must hear about: new unassessed hotspots, aanpak places still intensifying, relapses. */
    alerts: Alert[];
    /** The effect of the aanpak of each listed place under aanpak (see pipeline/effect.ts). */
    effects?: EffectView[];
    /** How good the history's earlier lists were (see pipeline/accuracy.ts). */
    accuracy?: AccuracyView;
  };
  /** Counts per 25 m cell, week and theme, for the history (not written to any file). */
  cellWeeks?: CellWeeks;
  /** How concentrated the screened reports are (null without located reports). */
  concentration?: Concentration | null;
  /** Repeat reports at addresses (null without addresses). */
  repeats?: AddressRepeats | null;
}

/** Repeat reports at addresses: share with a further report within 4, 13 and 26 weeks, and the curve per day. */
export interface AddressRepeats {
  addresses: number;
  /** share null: no address was followed that long. */
  within: Array<{ days: number; addresses: number; repeated: number; share: number | null }>;
  /** Per day 1..n: the share repeated within that many days (n: as long as 30 addresses were followed). */
  curve: number[];
}

/** The ranking and counts the history keeps per hotspot and run, written and read alike. */
export interface HotspotSummary {
  rank: number;
  class: string;
  score: number;
  reports: number;
  reporters: number;
  activeWeeks: number;
  /** ISO 8601 (UTC). */
  first: string;
  last: string;
  place: string;
}

/** A hotspot as the history keeps it for one run (no free text, no reporter data). */
export interface StoredHotspot extends HotspotSummary {
  key: string;
  kind: string;
  address: string | null;
  buurt: string | null;
  wijk: string | null;
  area: string | null;
  areaCode: string | null;
  peakHottime: string | null;
  trend: string | null;
  /** [{id, label, value, weight, fired}] as JSON. */
  indicatorsJson: string;
  /** Comma-separated caveats (reporters-unknown, gone-quiet); empty when none. */
  caveats: string;
  /** Centroid and convex hull (RD metres; the hull as JSON [[x, y], ...]). */
  x: number;
  y: number;
  hullJson: string;
  /** The 168 hour-of-week weights as JSON; null for runs recorded before schema 5. */
  hoursJson: string | null;
}

/** How concentrated the screened reports are, over grid cells and over addresses. */
export interface Concentration {
  cells: ConcentrationOver & { cellSizeM: number };
  /** Addresses with at least one report (there is no address register, so no zeros). */
  addresses: ConcentrationOver | null;
}

export interface ConcentrationOver {
  places: number;
  reports: number;
  gini: number;
  /** Bernasco & Steenbeek (2017); equal to gini when reports >= places. */
  generalisedGini: number;
  /** The smallest share of places holding half of the reports (busiest first). */
  placesShareForHalf: number;
  /** Share of reports at the busiest 5 % of places. */
  reportsShareAtTop5Pct: number;
  /** Lorenz curve, busiest first: [share of places, share of reports], at most 50 points. */
  lorenz: Array<[number, number]>;
}
