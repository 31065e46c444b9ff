import { Random } from './random.js';
import { CITY } from './city.js';
import type { Channel, ScenarioReport } from './generate.js';
import type { Theme } from '../../dist/model/incoming.js';
import { formatLocalIso, toWallTime } from '../../dist/util/time.js';

/**
 * Turns scenario reports into the CSV rows two real sources would export: a municipal MOR
 * system (UTF-8, comma, ISO-like local times, RD with dots) and a police export (Windows-1252,
 * semicolon, dd-MM-yyyy HH:mm, RD with decimal commas, incident codes like "E38 ...").
 * A small share of rows carries the defects real exports have, counted in `DefectCounts`.
 */

export const GEMEENTE_HEADER = [
  'meldingnummer',
  'datum_melding',
  'begin_overlast',
  'einde_overlast',
  'hoofdcategorie',
  'subcategorie',
  'omschrijving',
  'x',
  'y',
  'straat',
  'huisnummer',
  'postcode',
  'woonplaats',
  'buurtcode',
  'melder_email',
] as const;

export const POLITIE_HEADER = [
  'Registratienummer',
  'Datum/tijd melding',
  'Begintijd incident',
  'Eindtijd incident',
  'Maatschappelijke klasse',
  'Omschrijving',
  'Straat',
  'Huisnummer',
  'Postcode',
  'Plaats',
  'X-coördinaat',
  'Y-coördinaat',
  'Buurtcode',
  'Melder telefoon',
] as const;

const GEMEENTE_CATEGORY: Record<Theme, [string, string]> = {
  drugs: ['Overlast van en door personen of groepen', 'Drank- / drugsoverlast'],
  jeugd: ['Overlast van en door personen of groepen', 'Jongerenoverlast'],
  personen: ['Overlast van en door personen of groepen', 'Overige overlast door personen'],
  alcohol: ['Overlast van en door personen of groepen', 'Drankoverlast'],
  verward: ['Overlast van en door personen of groepen', 'Verward persoon'],
  woon: ['Woonoverlast', 'Overlast vanuit woning'],
  geluid: ['Overlast Bedrijven en Horeca', 'Geluidsoverlast muziek'],
  vervuiling: ['Afval', 'Vervuiling en stank'],
  afval: ['Afval', 'Zwerfvuil en dumping'],
  overig: ['Overlast in de openbare ruimte', 'Overig openbare ruimte'],
};

/** Municipal categories of reports about a dwelling, where they differ from public space. */
const GEMEENTE_DWELLING_CATEGORY: Partial<Record<Theme, [string, string]>> = {
  geluid: ['Woonoverlast', 'Geluidsoverlast uit woning'],
  personen: ['Overlast van en door personen of groepen', 'Overlast door bewoners'],
  vervuiling: ['Afval', 'Vervuiling en stank'],
};

const POLITIE_CATEGORY: Record<Theme, string> = {
  drugs: 'E38 Overlast alcohol/drugs',
  jeugd: 'E35 Melding overlast jeugd',
  personen: 'E41 Overlast zwervers',
  alcohol: 'F010 Openbare dronkenschap',
  verward: 'E33 Overlast door verward persoon',
  woon: 'F95 Burengerucht (relatieproblemen)',
  geluid: 'M22 Geluidshinder overig',
  vervuiling: 'Overlast overig',
  afval: 'M11 Afval/zwerfvuil',
  overig: 'F16 Lokaalvredebreuk',
};

/**
 * Police categories of reports about a dwelling: noise is "M22 Geluidshinder overig", and most
 * residential nuisance is filed as "Overlast overig" (no theme: unclassified nuisance at an address).
 */
const POLITIE_DWELLING_CATEGORY: Partial<Record<Theme, string>> = {
  woon: 'Overlast overig',
  personen: 'Overlast overig',
  vervuiling: 'Overlast overig',
};

/** How the reports are spread over the two exports: by channel, or every report in each (each export alone is complete). */
export type SourceMode = 'split' | 'each';

export type DefectKind = 'bad-date' | 'zero-coordinates' | 'no-location' | 'duplicate' | 'future-date';
export type DefectCounts = Record<DefectKind, number>;

const pad = (n: number) => String(n).padStart(2, '0');

function isoLocal(ms: number): string {
  const w = toWallTime(ms);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

function dutchLocal(ms: number): string {
  const w = toWallTime(ms);
  return `${pad(w.day)}-${pad(w.month)}-${w.year} ${pad(w.hour)}:${pad(w.minute)}`;
}

const decimalComma = (n: number) => n.toFixed(1).replace('.', ',');
const phoneOf = (email: string) => `06-${String(10_000_000 + (Number(/\d+/.exec(email)?.[0] ?? 0) % 89_999_999))}`;

/** Rows for one channel, with seeded defects; `counts` is updated with what was injected. */
export function* exportRows(
  reports: Iterable<ScenarioReport>,
  channel: Channel,
  opts: { seed: number; defectRate: number; futureFrom: number; counts: DefectCounts; sources?: SourceMode },
): Generator<string[]> {
  const rng = new Random(opts.seed ^ (channel === 'gemeente' ? 0x51 : 0x9e));
  const format = channel === 'gemeente' ? gemeenteRow : politieRow;
  for (const r of reports) {
    if (r.channel !== channel && opts.sources !== 'each') continue;
    let row = format(r);
    if (rng.chance(opts.defectRate)) {
      const kind = rng.pick(['bad-date', 'zero-coordinates', 'no-location', 'duplicate'] as const);
      opts.counts[kind]++;
      if (kind === 'duplicate')
        yield row; // exported twice, as re-exports and merges do
      else row = injectDefect(row, kind, channel);
    }
    yield row;
  }
  // Year typed as 2062 for 2026: a future date whatever day the fixture is read.
  const typoYearMs = 36 * 365.25 * 86_400_000;
  for (let k = 0; k < 2; k++) {
    opts.counts['future-date']++;
    const future = {
      truth: 'FUTURE',
      channel,
      seq: 9_000_000 + k,
      reportedAtMs: opts.futureFrom - (k + 1) * 86_400_000 + typoYearMs,
      theme: 'overig' as const,
      text: 'Datum verkeerd ingevoerd.',
      x: 176500,
      y: 317900,
      street: 'Markt',
      buurt: 'BU09350000',
      reporter: 'x@example.nl',
    };
    yield format(future);
  }
}

function injectDefect(row: string[], kind: Exclude<DefectKind, 'duplicate' | 'future-date'>, channel: Channel): string[] {
  const out = [...row];
  if (kind === 'bad-date') out[1] = channel === 'gemeente' ? 'onbekend' : '31-02-2025 25:61';
  else {
    out[channel === 'gemeente' ? 7 : 10] = kind === 'zero-coordinates' ? '0' : '';
    out[channel === 'gemeente' ? 8 : 11] = kind === 'zero-coordinates' ? '0' : '';
    if (kind === 'no-location') for (const i of channel === 'gemeente' ? [9, 10, 11] : [6, 7, 8]) out[i] = '';
  }
  return out;
}

function gemeenteRow(r: ScenarioReport): string[] {
  const [main, sub] = (r.dwelling ? GEMEENTE_DWELLING_CATEGORY[r.theme] : undefined) ?? GEMEENTE_CATEGORY[r.theme];
  return [
    `MOR-${r.seq}`,
    isoLocal(r.reportedAtMs),
    r.incidentStartMs ? isoLocal(r.incidentStartMs) : '',
    r.incidentEndMs ? isoLocal(r.incidentEndMs) : '',
    main,
    sub,
    r.text,
    r.x.toFixed(1),
    r.y.toFixed(1),
    r.street,
    r.houseNumber ? `${r.houseNumber}${r.suffix ?? ''}` : '',
    r.postcode ?? '',
    CITY,
    r.buurt,
    r.reporter,
  ];
}

function politieRow(r: ScenarioReport): string[] {
  return [
    `PL2300-${String(r.seq).padStart(7, '0')}`,
    dutchLocal(r.reportedAtMs),
    r.incidentStartMs ? dutchLocal(r.incidentStartMs) : '',
    r.incidentEndMs ? dutchLocal(r.incidentEndMs) : '',
    (r.dwelling ? POLITIE_DWELLING_CATEGORY[r.theme] : undefined) ?? POLITIE_CATEGORY[r.theme],
    r.text,
    r.street,
    r.houseNumber ? `${r.houseNumber}${r.suffix ? ` ${r.suffix}` : ''}` : '',
    r.postcode ? `${r.postcode.slice(0, 4)} ${r.postcode.slice(4)}` : '',
    CITY.toUpperCase(),
    decimalComma(r.x),
    decimalComma(r.y),
    r.buurt.slice(2),
    phoneOf(r.reporter),
  ];
}

/** Signalen's public export columns (a municipality's open data), as in the real file. */
export const SIGNALEN_PUBLIC_HEADER = [
  'id',
  'created_at',
  'lat',
  'lng',
  'category_slug',
  'category',
  'subcategory_slug',
  'subcategory',
  'wijk',
  'address',
] as const;

type SignalenCategory = readonly [mainSlug: string, main: string, subSlug: string, sub: string];
const PERSONEN = ['overlast-van-en-door-personen-of-groepen', 'Overlast van en door personen of groepen'] as const;

/** Signalen's standard tree per theme (public space), with the residential variants below. */
const SIGNALEN_CATEGORY: Record<Theme, SignalenCategory> = {
  drugs: [...PERSONEN, 'drank-en-drugsoverlast', 'Drank- / drugsoverlast'],
  jeugd: [...PERSONEN, 'jongerenoverlast', 'Jongerenoverlast'],
  personen: [...PERSONEN, 'overige-overlast-door-personen', 'Overige overlast door personen'],
  alcohol: [...PERSONEN, 'drankoverlast', 'Drankoverlast'],
  verward: [...PERSONEN, 'verward-persoon', 'Verward persoon'],
  woon: ['wonen', 'Wonen', 'wonen-overig', 'Wonen overig'],
  geluid: ['overlast-bedrijven-en-horeca', 'Overlast Bedrijven en Horeca', 'geluidsoverlast-muziek', 'Geluidsoverlast muziek'],
  vervuiling: ['afval', 'Afval', 'huisafval', 'Huisafval'],
  afval: ['afval', 'Afval', 'zwerfvuil', 'Zwerfvuil'],
  overig: ['overlast-in-de-openbare-ruimte', 'Overlast in de openbare ruimte', 'overig-openbaar-ruimte', 'Overig openbare ruimte'],
};
const SIGNALEN_DWELLING_CATEGORY: Partial<Record<Theme, SignalenCategory>> = {
  geluid: [...PERSONEN, 'geluidsoverlast-door-personen', 'Geluidsoverlast door personen'],
  woon: [...PERSONEN, 'huisvesting', 'Huisvesting'],
};

/** A WGS84 coordinate as Signalen writes it (up to 7 decimals, no trailing zeros). */
const degrees = (v: number) => String(Math.round(v * 1e7) / 1e7);

/**
 * Rows of Signalen's public export for every report: one address column without postcode
 * ("Hoogbrugstraat 39 A"), the wijk by name, WGS84 points, no reporter and no free text.
 * `swapped` writes longitude under `lat` as Signalen's datawarehouse does.
 */
export function* signalenPublicRows(
  reports: Iterable<ScenarioReport>,
  toWgs84: (x: number, y: number) => [number, number],
  wijkName: (buurt: string) => string,
  swapped = false,
): Generator<string[]> {
  for (const r of reports) {
    const [mainSlug, main, subSlug, sub] = (r.dwelling ? SIGNALEN_DWELLING_CATEGORY[r.theme] : undefined) ?? SIGNALEN_CATEGORY[r.theme];
    const [lon, lat] = toWgs84(r.x, r.y);
    const address = r.houseNumber ? `${r.street} ${r.houseNumber}${r.suffix ? ` ${r.suffix}` : ''}` : r.street;
    yield [
      String(r.seq),
      formatLocalIso(r.reportedAtMs),
      degrees(swapped ? lon : lat),
      degrees(swapped ? lat : lon),
      mainSlug,
      main,
      subSlug,
      sub,
      wijkName(r.buurt),
      address,
    ];
  }
}
