import { defineMapping, type Mapping, type MappingInput } from './mapping.js';
import { foldText } from '../util/text.js';

/**
 * Built-in mapping profiles. Each is plain data in the same format as a user mapping file,
 * so `hotspots profiles --show NAME` doubles as a template.
 */

/**
 * Signalen (Amsterdam/signals) datawarehouse export, joined into one file:
 * signals.csv + locations.csv + categories.csv (+ reporters.csv, statuses.csv) on the signal id.
 * Signalen's locations.csv writes ST_X (longitude) as `lat` and ST_Y (latitude) as `lng`.
 */
export const SIGNALEN: MappingInput = {
  name: 'signalen',
  source: 'signalen',
  fields: {
    id: 'id',
    reportedAt: 'created_at',
    incidentStart: 'incident_date_start',
    incidentEnd: 'incident_date_end',
    category: ['main', 'sub'],
    text: ['text', 'text_extra'],
    point: { crs: 'EPSG:4326', lat: 'lat', lon: 'lng', swapped: true },
    street: 'address_street',
    houseNumber: 'address_number',
    postcode: 'address_postalcode',
    city: 'address_city',
    reporter: ['email', 'phone'],
  },
  exclude: [{ column: 'state', values: ['a', 's'], reason: 'status cancelled (a, geannuleerd) or split parent (s, gesplitst)' }],
};

/** police.uk street-level crime CSV: month-only dates, WGS84 snap points, no ids for ASB. */
export const POLICE_UK: MappingInput = {
  name: 'police-uk',
  source: 'police-uk',
  timezone: 'Europe/London',
  bbox: [-8.7, 49.8, 1.8, 60.9],
  fields: {
    id: 'Crime ID',
    reportedAt: { column: 'Month', format: 'yyyy-MM' },
    category: 'Crime type',
    point: { crs: 'EPSG:4326', lat: 'Latitude', lon: 'Longitude' },
    street: 'Location',
  },
  themes: [{ match: 'anti-social behaviour', theme: 'personen' }],
};

/** Header names (folded: lower-case, no accents, only a-z0-9) the generic profile recognises. */
export const GENERIC_ALIASES: Record<string, string[]> = {
  id: ['id', 'meldingnummer', 'meldingsnummer', 'zaaknummer', 'registratienummer', 'incidentnummer', 'crimeid', 'signalid', 'nummer'],
  reportedAt: ['createdat', 'datummelding', 'meldingsdatum', 'datumtijd', 'datum', 'date', 'reportedat', 'registrdat', 'registratiedatum', 'tijdstip', 'month', 'maand'],
  reportedTime: ['tijdstipmelding', 'tijd', 'time', 'tijdmelding'],
  incidentStart: ['incidentdatestart', 'datumoverlast', 'beginoverlast', 'begindatum', 'incidentstart', 'starttijd', 'begintijd', 'begin'],
  incidentEnd: ['incidentdateend', 'eindeoverlast', 'einddatum', 'incidentend', 'eindtijd', 'eind'],
  category: ['categorie', 'category', 'hoofdcategorie', 'onderwerp', 'maatschappelijkeklasse', 'incidentcode', 'crimetype', 'soort', 'type', 'classificatie', 'main'],
  subcategory: ['subcategorie', 'subcategory', 'sub'],
  text: ['omschrijving', 'text', 'tekst', 'description', 'toelichting', 'opmerking', 'melding'],
  x: ['x', 'xcoord', 'xcoordinaat', 'rdx', 'x_rd'],
  y: ['y', 'ycoord', 'ycoordinaat', 'rdy', 'y_rd'],
  lat: ['lat', 'latitude', 'breedtegraad'],
  lon: ['lon', 'lng', 'long', 'longitude', 'lengtegraad'],
  street: ['straat', 'straatnaam', 'street', 'addressstreet', 'openbareruimte', 'adres'],
  houseNumber: ['huisnummer', 'housenumber', 'addressnumber', 'huisnr'],
  houseNumberSuffix: ['huisletter', 'toevoeging', 'huisnummertoevoeging'],
  postcode: ['postcode', 'addresspostalcode', 'postalcode', 'zipcode', 'zip'],
  city: ['woonplaats', 'plaats', 'addresscity', 'city'],
  buurt: ['buurtcode', 'buurt', 'cbsbuurtcode', 'bucode'],
  wijk: ['wijkcode', 'wijk', 'cbswijkcode', 'wkcode'],
  reporter: ['melder', 'melderid', 'reporter', 'reporterid', 'email', 'emailmelder', 'melderemail', 'telefoon', 'phone', 'meldertelefoon'],
};

export const PROFILE_NAMES = ['signalen', 'police-uk', 'generic'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const foldHeader = (h: string) => foldText(h).replace(/[^a-z0-9]/g, '');

/** Picks a profile from a header row: Signalen and police.uk by their telltale columns. */
export function detectProfile(header: readonly string[]): ProfileName {
  const cols = new Set(header.map(foldHeader));
  if (cols.has('incidentdatestart') && cols.has('createdat') && cols.has('lat') && cols.has('lng')) return 'signalen';
  if (cols.has('crimeid') && cols.has('month') && cols.has('lsoacode')) return 'police-uk';
  return 'generic';
}

/** Builds the generic mapping for a header by alias; null when no date column is recognisable. */
export function genericMapping(header: readonly string[]): Mapping | null {
  const byFolded = new Map<string, string>();
  for (const h of header) if (!byFolded.has(foldHeader(h))) byFolded.set(foldHeader(h), h);
  const used = new Set<string>();
  const pick = (field: string): string | undefined => {
    for (const alias of GENERIC_ALIASES[field] ?? []) {
      const col = byFolded.get(alias);
      if (col !== undefined && !used.has(col)) {
        used.add(col);
        return col;
      }
    }
    return undefined;
  };
  const reportedAt = pick('reportedAt');
  const category = pick('category');
  if (!reportedAt) return null;
  const time = pick('reportedTime');
  const sub = pick('subcategory');
  const x = pick('x'), y = pick('y'), lat = pick('lat'), lon = pick('lon');
  const point = x && y ? { crs: 'EPSG:28992' as const, x, y } : lat && lon ? { crs: 'EPSG:4326' as const, lat, lon } : undefined;
  const optional = (field: string) => { const c = pick(field); return c ? { [field]: c } : {}; };
  return defineMapping({
    name: 'generic',
    source: 'generic',
    fields: {
      reportedAt: time ? { column: reportedAt, time } : reportedAt,
      ...(category ? { category: sub ? [category, sub] : category } : {}),
      ...(point ? { point } : {}),
      ...optional('id'), ...optional('incidentStart'), ...optional('incidentEnd'), ...optional('text'),
      ...optional('street'), ...optional('houseNumber'), ...optional('houseNumberSuffix'), ...optional('postcode'),
      ...optional('city'), ...optional('buurt'), ...optional('wijk'), ...optional('reporter'),
    },
  });
}

/** The mapping of a built-in profile (generic needs the header). */
export function builtInMapping(name: ProfileName, header: readonly string[]): Mapping | null {
  if (name === 'signalen') return defineMapping(SIGNALEN);
  if (name === 'police-uk') return defineMapping(POLICE_UK);
  return genericMapping(header);
}
