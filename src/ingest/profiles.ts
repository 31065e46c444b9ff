import { defineMapping, type Mapping, type MappingInput } from './mapping.js';
import { foldText } from '../util/text.js';
import { GEOMETRY_X, GEOMETRY_Y } from './read-geojson.js';

/**
 * Built-in mapping profiles. Each is plain data in the same format as a user mapping file,
 * so `hotspots profiles --show NAME` doubles as a template.
 */

/**
 * Signalen (Amsterdam/signals) datawarehouse export, joined into one file:
 * signals.csv + locations.csv + categories.csv (+ reporters.csv, statuses.csv) on the signal id.
 * Signalen's locations.csv writes ST_X (longitude) as `lat` and ST_Y (latitude) as `lng`; other
 * tools that join these files swap them back, so the order is decided per file (`swapped: auto`).
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
    point: { crs: 'EPSG:4326', lat: 'lat', lon: 'lng', swapped: 'auto' },
    street: 'address_street',
    houseNumber: 'address_number',
    postcode: 'address_postalcode',
    city: 'address_city',
    reporter: ['email', 'phone'],
  },
  exclude: [{ column: 'state', values: ['a', 's'], reason: 'status cancelled (a, geannuleerd) or split parent (s, gesplitst)' }],
};

/**
 * Signalen's public export (a municipality's open data): `id, created_at, lat, lng, category_slug,
 * category, subcategory_slug, subcategory, wijk, address`. No reporter and no free text; the
 * address is one column ("Adelaarsweg 4") without postcode; `wijk` is a name, kept as the area.
 */
export const SIGNALEN_PUBLIC: MappingInput = {
  name: 'signalen',
  source: 'signalen',
  fields: {
    id: 'id',
    reportedAt: 'created_at',
    category: ['category', 'subcategory'],
    point: { crs: 'EPSG:4326', lat: 'lat', lon: 'lng', swapped: 'auto' },
    address: 'address',
    area: 'wijk',
  },
};

/**
 * Signalen's public map API (`/signals/v1/public/signals/geography`) as saved GeoJSON: point
 * features with `created_at` and `category {name, slug, parent {name, slug}}`; no ids.
 */
export const SIGNALEN_GEOJSON: MappingInput = {
  name: 'signalen',
  source: 'signalen',
  fields: {
    reportedAt: 'created_at',
    category: ['category.parent.name', 'category.name'],
    point: { crs: 'EPSG:4326', lat: GEOMETRY_Y, lon: GEOMETRY_X, swapped: false },
  },
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
  id: [
    'id',
    'meldingnummer',
    'meldingsnummer',
    'zaaknummer',
    'registratienummer',
    'incidentnummer',
    'crimeid',
    'signalid',
    'klachtnummer',
    'dossiernummer',
    'zaaknr',
    'nummer',
  ],
  reportedAt: [
    'createdat',
    'datummelding',
    'meldingsdatum',
    'datumtijdmelding',
    'datumtijd',
    'datumklacht',
    'klachtdatum',
    'datumontvangst',
    'ontvangstdatum',
    'aanmaakdatum',
    'datumaangemaakt',
    'datum',
    'date',
    'reportedat',
    'registrdat',
    'registratiedatum',
    'tijdstip',
    'month',
    'maand',
  ],
  reportedTime: ['tijdstipmelding', 'tijd', 'time', 'tijdmelding'],
  incidentStart: [
    'incidentdatestart',
    'datumoverlast',
    'beginoverlast',
    'begindatum',
    'incidentstart',
    'begintijdincident',
    'starttijd',
    'begintijd',
    'begin',
  ],
  incidentEnd: ['incidentdateend', 'eindeoverlast', 'einddatum', 'incidentend', 'eindtijdincident', 'eindtijd', 'eind'],
  category: [
    'categorie',
    'category',
    'hoofdcategorie',
    'onderwerp',
    'maatschappelijkeklasse',
    'incidentcode',
    'crimetype',
    'soortoverlast',
    'typeoverlast',
    'aardoverlast',
    'soortklacht',
    'klachtsoort',
    'soort',
    'type',
    'aard',
    'classificatie',
    'main',
  ],
  subcategory: ['subcategorie', 'subcategory', 'sub'],
  text: ['omschrijving', 'text', 'tekst', 'description', 'toelichting', 'opmerking', 'klachtomschrijving', 'omschrijvingklacht', 'melding'],
  x: ['x', 'xcoord', 'xcoordinaat', 'rdx', 'x_rd'],
  y: ['y', 'ycoord', 'ycoordinaat', 'rdy', 'y_rd'],
  lat: ['lat', 'latitude', 'breedtegraad'],
  lon: ['lon', 'lng', 'long', 'longitude', 'lengtegraad'],
  street: ['straat', 'straatnaam', 'street', 'addressstreet', 'openbareruimte'],
  address: ['adres', 'address', 'addresstext', 'locatie', 'location'],
  houseNumber: ['huisnummer', 'housenumber', 'addressnumber', 'huisnr'],
  houseNumberSuffix: ['huisletter', 'toevoeging', 'huisnummertoevoeging'],
  postcode: ['postcode', 'addresspostalcode', 'postalcode', 'zipcode', 'zip'],
  city: ['woonplaats', 'plaats', 'addresscity', 'city'],
  buurt: ['buurtcode', 'buurt', 'cbsbuurtcode', 'bucode'],
  wijk: ['wijkcode', 'cbswijkcode', 'wkcode'],
  area: ['wijk', 'wijknaam', 'gebied', 'gebiedsnaam', 'stadsdeel', 'area', 'areaname'],
  reporter: [
    'melder',
    'melderid',
    'reporter',
    'reporterid',
    'email',
    'emailmelder',
    'melderemail',
    'telefoon',
    'phone',
    'meldertelefoon',
    'klager',
    'klagerid',
    'emailklager',
    'telefoonklager',
    'relatienummer',
  ],
};

export const PROFILE_NAMES = ['signalen', 'police-uk', 'generic'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const foldHeader = (h: string) => foldText(h).replace(/[^a-z0-9]/g, '');

/** What kind of file the header came from: CSV, Excel, or GeoJSON (with the crs of its points). */
export interface SourceShape {
  kind: 'csv' | 'xlsx' | 'geojson';
  crs?: 'EPSG:4326' | 'EPSG:28992';
}

type SignalenShape = 'datawarehouse' | 'public' | 'geojson';

/** Which Signalen export a header is, by its telltale columns; undefined when none. */
function signalenShape(cols: ReadonlySet<string>): SignalenShape | undefined {
  if (cols.has('createdat') && (cols.has('categoryparentname') || (cols.has('categoryslug') && cols.has('geometryx')))) return 'geojson';
  if (!cols.has('createdat') || !cols.has('lat') || !cols.has('lng')) return undefined;
  if (cols.has('incidentdatestart') || cols.has('addressstreet')) return 'datawarehouse';
  if (cols.has('categoryslug') || cols.has('subcategoryslug') || cols.has('subcategory')) return 'public';
  return undefined;
}

/** Picks a profile from a header row: Signalen (any of its shapes) and police.uk by their telltale columns. */
export function detectProfile(header: readonly string[]): ProfileName {
  const cols = new Set(header.map(foldHeader));
  if (signalenShape(cols)) return 'signalen';
  if (cols.has('crimeid') && cols.has('month') && cols.has('lsoacode')) return 'police-uk';
  return 'generic';
}

/** The point of a GeoJSON feature, in the crs the file has. */
function geometryPoint(crs: NonNullable<SourceShape['crs']>) {
  return crs === 'EPSG:28992' ? { crs, x: GEOMETRY_X, y: GEOMETRY_Y } : { crs, lat: GEOMETRY_Y, lon: GEOMETRY_X, swapped: false };
}

/**
 * Builds the generic mapping for a header by alias; null when no date column is recognisable.
 * For GeoJSON (`geometry` given) the point comes from the features' geometry.
 */
export function genericMapping(header: readonly string[], geometry?: SourceShape['crs']): Mapping | null {
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
  const x = pick('x'),
    y = pick('y'),
    lat = pick('lat'),
    lon = pick('lon');
  const point = geometry
    ? geometryPoint(geometry)
    : x && y
      ? { crs: 'EPSG:28992' as const, x, y }
      : lat && lon
        ? { crs: 'EPSG:4326' as const, lat, lon, swapped: 'auto' as const }
        : undefined;
  const optional = (field: string) => {
    const c = pick(field);
    return c ? { [field]: c } : {};
  };
  const street = optional('street'),
    houseNumber = optional('houseNumber');
  // One address column ("Kerkstraat 12a") only when the street and number have no columns of their own.
  const address = Object.keys(street).length === 0 && Object.keys(houseNumber).length === 0 ? optional('address') : {};
  return defineMapping({
    name: 'generic',
    source: 'generic',
    fields: {
      reportedAt: time ? { column: reportedAt, time } : reportedAt,
      ...(category ? { category: sub ? [category, sub] : category } : {}),
      ...(point ? { point } : {}),
      ...optional('id'),
      ...optional('incidentStart'),
      ...optional('incidentEnd'),
      ...optional('text'),
      ...street,
      ...houseNumber,
      ...address,
      ...optional('houseNumberSuffix'),
      ...optional('postcode'),
      ...optional('city'),
      ...optional('buurt'),
      ...optional('wijk'),
      ...optional('reporter'),
      ...optional('area'),
    },
  });
}

/** The mapping of a built-in profile (Signalen picks its shape, generic its columns, from the header). */
export function builtInMapping(name: ProfileName, header: readonly string[], shape: SourceShape = { kind: 'csv' }): Mapping | null {
  if (name === 'signalen') {
    const found = signalenShape(new Set(header.map(foldHeader)));
    const which = shape.kind === 'geojson' ? 'geojson' : found === 'public' ? 'public' : 'datawarehouse';
    return defineMapping(which === 'geojson' ? SIGNALEN_GEOJSON : which === 'public' ? SIGNALEN_PUBLIC : SIGNALEN);
  }
  if (name === 'police-uk') return defineMapping(POLICE_UK);
  return genericMapping(header, shape.kind === 'geojson' ? (shape.crs ?? 'EPSG:4326') : undefined);
}
