import { z } from 'zod';
import { THEMES } from '../model/incoming.js';
import { compileDatePattern } from '../util/dates.js';
import { assertTimeZone, DEFAULT_TIME_ZONE } from '../util/time.js';
import { parseWithSchema, readLocatedFile, type LocatedFile } from '../util/config-file.js';
import { UserError, type Problem } from '../util/errors.js';

/** A column by header name, or by 1-based position for files without a header row. */
const columnRef = z
  .union([z.string().min(1), z.number().int().positive()])
  .describe('Column header name, or 1-based column number for files without a header');

const timeField = z.union([
  columnRef,
  z
    .object({
      column: columnRef,
      time: columnRef.optional().describe('Separate time-of-day column, joined to the date with a space'),
      format: z
        .string()
        .min(1)
        .optional()
        .describe("Date pattern such as 'dd-MM-yyyy HH:mm' (tokens yyyy yy MM M dd d HH H mm ss SSS XXX); auto-detected when absent"),
    })
    .strict(),
]);

const rdPoint = z
  .object({
    crs: z.literal('EPSG:28992'),
    x: columnRef.describe('RD x (easting, metres)'),
    y: columnRef.describe('RD y (northing, metres)'),
  })
  .strict();

const wgsPoint = z
  .object({
    crs: z.literal('EPSG:4326').default('EPSG:4326'),
    lat: columnRef,
    lon: columnRef,
    swapped: z
      .union([z.boolean(), z.literal('auto')])
      .default('auto')
      .describe(
        'true: the source labels longitude as lat and latitude as lon (Signalen DWH locations.csv); auto (default): decided per file from which order falls inside the area',
      ),
  })
  .strict();

const oneOrMore = z.union([columnRef, z.array(columnRef).min(1)]);

export const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).default('custom').describe('Name shown in summaries'),
    source: z.string().min(1).optional().describe('Source label stored with each report (default: name)'),
    delimiter: z.enum([',', ';', '\t', '|']).optional().describe('Field delimiter; sniffed when absent'),
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le']).optional().describe('Text encoding; sniffed when absent'),
    header: z.boolean().default(true).describe('Whether the first row holds column names'),
    decimalComma: z.boolean().default(false).describe('Numbers use a decimal comma (52,3676; 176.248,50)'),
    timezone: z.string().default(DEFAULT_TIME_ZONE).describe('Zone of local times without an offset'),
    nullValues: z
      .array(z.string())
      .default(['null', 'NULL', 'None', 'n/a', 'N/A', '-'])
      .describe('Cell values that mean "empty" (Signalen writes the literal null)'),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .optional()
      .describe('Accepted area in WGS84 [minLon, minLat, maxLon, maxLat]; default: the Netherlands'),
    city: z
      .string()
      .min(1)
      .optional()
      .describe('City of every address in this export when it has no city column (a dwelling is street + number + suffix + city)'),
    fields: z
      .object({
        id: columnRef.optional(),
        reportedAt: timeField.describe('When the report was made (required)'),
        incidentStart: timeField.optional(),
        incidentEnd: timeField.optional(),
        category: oneOrMore.optional().describe('Category column(s); several are joined with " / " (main / sub)'),
        text: oneOrMore.optional().describe('Free text: matched by rules in memory, never stored or exported'),
        point: z.union([rdPoint, wgsPoint]).optional(),
        address: columnRef
          .optional()
          .describe(
            'One address column ("Kerkstraat 12a", "Plein 1944 3", "Amstel 1 1011PN Amsterdam"), split into street, number, suffix, postcode, city',
          ),
        street: columnRef.optional(),
        houseNumber: columnRef.optional(),
        houseNumberSuffix: oneOrMore.optional(),
        postcode: columnRef.optional(),
        city: columnRef.optional(),
        buurt: columnRef.optional().describe('CBS buurt code BU########'),
        wijk: columnRef.optional().describe('CBS wijk code WK######'),
        reporter: oneOrMore.optional().describe('Reporter e-mail/phone/id; pseudonymised at ingest'),
        area: columnRef
          .optional()
          .describe('The area a report lies in as the source names it (a wijk or gebied name); --areas overrides it'),
      })
      .strict(),
    exclude: z
      .array(
        z
          .object({
            column: columnRef,
            values: z.array(z.string()).min(1),
            reason: z.string().min(1),
          })
          .strict(),
      )
      .default([])
      .describe('Rows to reject on purpose, e.g. cancelled or split reports'),
    themes: z
      .array(
        z
          .object({
            match: z.string().min(1).describe('Word(s) in the category, matched case- and accent-insensitively at word start'),
            theme: z.enum(THEMES),
          })
          .strict(),
      )
      .default([])
      .describe('Category to theme rules checked before the built-in ones'),
  })
  .strict();

export type Mapping = z.output<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;
export type ColumnRef = z.output<typeof columnRef>;
export type TimeField = z.output<typeof timeField>;

/** A mapping plus where it came from, so column errors can point at the mapping file's line. */
export interface LoadedMapping {
  mapping: Mapping;
  located?: LocatedFile;
}

/** Reads and checks a user mapping file (YAML or JSON); all problems reported at once. */
export function loadMappingFile(path: string, file = path): LoadedMapping {
  const located = readLocatedFile(path, file);
  const mapping = parseWithSchema(mappingSchema, located, 'the mapping');
  const problems = checkMapping(mapping, located);
  if (problems.length > 0) {
    throw new UserError(`${file}: ${problems.length} problem(s) in the mapping`, { problems });
  }
  return { mapping, located };
}

/** Builds a mapping from code (built-in profiles), validated like a file. */
export function defineMapping(input: MappingInput): Mapping {
  return mappingSchema.parse(input);
}

/** Semantic checks the schema cannot express: date patterns, zone, header vs numbered columns. */
export function checkMapping(m: Mapping, located?: LocatedFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: PropertyKey[], message: string, hint?: string) => {
    const pos = located?.locate(path) ?? {};
    problems.push({ file: located?.file ?? '(mapping)', ...pos, field: path.join('.'), message, ...(hint ? { hint } : {}) });
  };
  try {
    assertTimeZone(m.timezone);
  } catch {
    at(['timezone'], `unknown time zone "${m.timezone}"`, 'use an IANA name such as Europe/Amsterdam');
  }
  for (const key of ['reportedAt', 'incidentStart', 'incidentEnd'] as const) {
    const f = m.fields[key];
    if (f && typeof f === 'object' && f.format) {
      try {
        compileDatePattern(f.format, DEFAULT_TIME_ZONE);
      } catch (err) {
        at(['fields', key, 'format'], (err as Error).message);
      }
    }
  }
  if (m.bbox && (m.bbox[0] >= m.bbox[2] || m.bbox[1] >= m.bbox[3])) {
    at(['bbox'], 'bbox must be [minLon, minLat, maxLon, maxLat] with min < max');
  }
  if (!m.header) {
    for (const [path, ref] of columnRefs(m)) {
      if (typeof ref === 'string') at(path, `column "${ref}" is named, but header is false`, 'use 1-based column numbers');
    }
  }
  return problems;
}

/** Every column reference in a mapping with its path, for header checks. */
export function columnRefs(m: Mapping): Array<[PropertyKey[], ColumnRef]> {
  const out: Array<[PropertyKey[], ColumnRef]> = [];
  const add = (path: PropertyKey[], v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out.push([path, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => add([...path, i], x));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (k !== 'format' && k !== 'crs' && k !== 'swapped') add([...path, k], x);
    }
  };
  for (const [k, v] of Object.entries(m.fields)) add(['fields', k], v);
  m.exclude.forEach((e, i) => add(['exclude', i, 'column'], e.column));
  return out;
}
