import { Document, isMap, isScalar, type Pair } from 'yaml';
import { defineMapping, mappingSchema, type Mapping, type MappingInput } from './mapping.js';
import { GENERIC_ALIASES } from './profiles.js';

/** One line per mapping key, shown above it in a template. */
const COMMENTS: Record<string, string> = {
  name: 'shown in summaries',
  source: 'stored with each report; reports from several sources make a stronger signal',
  delimiter: 'field delimiter: , ; | or a tab (sniffed when left out)',
  encoding: 'utf-8, windows-1252 or utf-16le (sniffed when left out)',
  header: 'false when the first row holds data; then name columns by number (1 = the first)',
  decimalComma: 'numbers such as 52,3676 and 176.248,50',
  timezone: 'zone of local times without an offset',
  city: 'city of every address, when the export has no city column',
  bbox: 'accepted area in WGS84 [minLon, minLat, maxLon, maxLat]',
  id: "the source's report number; rows without one get file:line",
  reportedAt:
    'required: when the report was made; {column, time, format} for a separate time column or a fixed format such as dd-MM-yyyy HH:mm',
  incidentStart: 'when the nuisance began (hot times use it)',
  incidentEnd: 'when it ended',
  category: 'category column(s); several are joined with " / " (main / sub)',
  text: 'free text: matched by the rules in memory only, never stored or exported',
  point: '{crs: EPSG:28992, x, y} for RD metres, or {lat, lon, swapped: auto} for WGS84 degrees',
  address: 'one address column ("Kerkstraat 12a", "Amstel 1 1011PN Amsterdam"), split into street, number, suffix, postcode, city',
  street: 'street name',
  houseNumber: '"12a", "12-2" and "12 bis" are split into number and suffix',
  houseNumberSuffix: 'a separate huisletter/toevoeging column',
  postcode: '"6211 le" becomes 6211LE',
  buurt: 'CBS buurt code BU09350000 (or 8 digits)',
  wijk: 'CBS wijk code WK093500',
  reporter: 'e-mail or phone of the reporter: replaced by a keyed pseudonym at ingest',
  area: 'the area as the source names it (wijk or gebied); --areas overrides it',
  exclude: 'rows to reject on purpose, e.g. cancelled or split reports',
  themes: 'category -> theme rules tried before the built-in ones, e.g. {match: "Overlast overig", theme: woon}',
  nullValues: 'cell values that mean "empty"',
};

const DEFAULTS = defineMapping({ fields: { reportedAt: 'x' } });

/** A mapping without the keys that hold their default value, for a short template. */
function withoutDefaults(m: Mapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === 'fields') continue;
    if (JSON.stringify(v) !== JSON.stringify((DEFAULTS as Record<string, unknown>)[k])) out[k] = v;
  }
  out.fields = m.fields;
  return out;
}

/** Comments every key of a mapping document that has a line in COMMENTS. */
function comment(doc: Document): void {
  const visit = (node: unknown) => {
    if (!isMap(node)) return;
    for (const pair of node.items as Array<Pair<unknown, unknown>>) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const text = COMMENTS[key];
      if (text && isScalar(pair.key)) pair.key.commentBefore = ` ${text}`;
      if (key === 'fields') visit(pair.value);
    }
  };
  visit(doc.contents);
}

/**
 * A mapping as a commented YAML file ready to edit and pass with --map. `title` lines go on top.
 * The result loads as a valid mapping (a test feeds every template back).
 */
export function mappingYaml(m: Mapping | MappingInput, title: readonly string[]): string {
  const mapping = mappingSchema.parse(m);
  const doc = new Document(withoutDefaults(mapping));
  doc.commentBefore = [...title, 'Check it with `hotspots validate FILE --map THIS-FILE`; see README "Mapping files" for every key.']
    .map((l) => ` ${l}`)
    .join('\n');
  comment(doc);
  return doc.toString({ lineWidth: 0 });
}

/**
 * The generic profile as a template: each field named by its most common Dutch header, with the
 * other header names the profile recognises in a comment.
 */
export function genericTemplate(): string {
  const m = defineMapping({
    name: 'mijn-export',
    source: 'gemeente',
    fields: {
      id: 'meldingnummer',
      reportedAt: { column: 'datum_melding', format: 'dd-MM-yyyy HH:mm' },
      category: ['hoofdcategorie', 'subcategorie'],
      text: 'omschrijving',
      point: { crs: 'EPSG:28992', x: 'x', y: 'y' },
      street: 'straat',
      houseNumber: 'huisnummer',
      postcode: 'postcode',
      city: 'woonplaats',
      buurt: 'buurtcode',
      reporter: 'melder_email',
    },
  });
  const known = Object.entries(GENERIC_ALIASES).map(([field, aliases]) => `  ${field}: ${aliases.join(', ')}`);
  return mappingYaml(m, [
    'A mapping for an export of your own: replace each column name with the header in your file, and',
    'remove what your export does not have. Without --map the generic profile recognises these headers',
    '(compared without case, accents, spaces or punctuation):',
    ...known,
  ]);
}
