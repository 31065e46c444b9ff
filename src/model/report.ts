import type { TimePrecision } from '../util/dates.js';

/**
 * Normalised themes; rules and reports speak these, whatever the source calls them.
 * `vervuiling` is pollution or stench at a dwelling (reported at an address); `afval` is waste
 * in public space (dumping, litter, and pollution reported without a house number).
 */
export const THEMES = ['drugs', 'jeugd', 'personen', 'verward', 'alcohol', 'woon', 'geluid', 'vervuiling', 'afval', 'overig'] as const;
export type Theme = (typeof THEMES)[number];

export interface Point {
  /** RD New (EPSG:28992) metres. */
  x: number;
  y: number;
  /** WGS84 degrees. */
  lat: number;
  lon: number;
}

export interface Address {
  street?: string;
  houseNumber?: number;
  /** House letter and/or addition, upper-case: "A", "2", "BIS", "A-2". */
  suffix?: string;
  /** Normalised `1234AB`. */
  postcode?: string;
  city?: string;
}

/**
 * One nuisance report in canonical form, whatever export it came from.
 * `text` is the free text: personal data, held in memory for rule matching only,
 * never written to history or any export.
 */
export interface Report {
  /** Source id, or `file:line` for sources without ids (police.uk ASB). */
  id: string;
  /** Whether `id` came from the source (false: derived from file and line). */
  hasSourceId: boolean;
  source: string;
  /** Instant the report was made (UTC ms). */
  reportedAt: number;
  precision: TimePrecision;
  /** Optional incident window (UTC ms); the nuisance itself, not the report. */
  incidentStart?: number;
  incidentEnd?: number;
  category: string;
  theme: Theme;
  text?: string;
  point?: Point;
  address?: Address;
  /** CBS codes, e.g. BU09350000 / WK093500. */
  buurt?: string;
  wijk?: string;
  /** Keyed-hash pseudonym of the reporter (e-mail/phone); never the identifier itself. */
  reporter?: string;
  /** 1-based line in the source file where the record starts. */
  line: number;
  file: string;
}

/** Key that identifies a dwelling: `6211AB|12|A`; undefined without postcode and number. */
export function addressKey(a: Address | undefined): string | undefined {
  if (!a?.postcode || a.houseNumber === undefined) return undefined;
  return `${a.postcode}|${a.houseNumber}|${a.suffix ?? ''}`;
}
