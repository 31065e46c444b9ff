import type { TimePrecision } from '../util/dates.js';
import { foldText, rememberedByText } from '../util/text.js';

/**
 * Normalised themes; rules and reports speak these, whatever the source calls them.
 * `vervuiling` is pollution or stench at a dwelling (reported at an address); `afval` is waste
 * in public space (dumping, litter, and pollution reported without a house number).
 */
export const THEMES = ['drugs', 'jeugd', 'personen', 'verward', 'alcohol', 'woon', 'geluid', 'vervuiling', 'afval', 'overig'] as const;
export type Theme = (typeof THEMES)[number];

/** A report's location in RD New (EPSG:28992) metres: what clustering and every grid work in. */
export interface Point {
  x: number;
  y: number;
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
  /** The area as the source names it (a wijk or gebied name), or from --areas. */
  area?: string;
  /** Its dwelling keys, worked out once (see dwellingKeysOf). */
  dwelling?: { street?: string; postcode?: string };
  /** The reporter (e-mail/phone) as a keyed-hash number for distinct counts (see pseudonymiser); never the identifier itself. */
  reporter?: number;
  /** 1-based line in the source file where the record starts. */
  line: number;
  file: string;
}

/**
 * A street or city name as identity: folded (case, accents), punctuation dropped, spaces collapsed.
 * Remembered for the last names: a dwelling's key normalises its street and city on every report,
 * and a city has a few hundred streets (a lookup instead of folding and two replacements).
 */
export function normaliseName(text: string): string {
  return rememberedName(text);
}

const rememberedName = rememberedByText((text: string) =>
  foldText(text)
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim(),
);

/**
 * Keys that identify a dwelling. Its identity is street + number + suffix + city
 * (`kerkstraat|12|A|maastricht`), whether or not the source gives a postcode; the city is empty when
 * the source has none. A source with postcode and number but no street gives only the postcode
 * form (`pc:6211AB|12|A`); reports with both forms tie the two together (see ReportStore).
 */
export function dwellingKeys(a: Address | undefined): { street?: string; postcode?: string } {
  if (!a || a.houseNumber === undefined) return {};
  const suffix = a.suffix ?? '';
  const out: { street?: string; postcode?: string } = {};
  if (a.street) out.street = `${normaliseName(a.street)}|${a.houseNumber}|${suffix}|${a.city ? normaliseName(a.city) : ''}`;
  if (a.postcode) out.postcode = `pc:${a.postcode}|${a.houseNumber}|${suffix}`;
  return out;
}

/** The key dwellings had before street-based identity (`6211AB|12|A`), from a postcode-form key. */
export const legacyPostcodeKey = (postcodeKey: string) => postcodeKey.replace(/^pc:/, '');

/** A report's dwelling keys, worked out once however many stages ask. */
export function dwellingKeysOf(r: Report): { street?: string; postcode?: string } {
  return (r.dwelling ??= dwellingKeys(r.address));
}

/** A report's dwelling key (street form first), or undefined when it cannot be a dwelling. */
export function reportAddressKey(r: Report): string | undefined {
  const k = dwellingKeysOf(r);
  return k.street ?? k.postcode;
}
