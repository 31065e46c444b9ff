import { join } from 'node:path';
import type { Screening } from '../model/screening.js';
import { ensureDir, EXCEL_CSV, openCsvWriter, writeFileAtomic, type FileContent } from './write.js';
import { jsonPieces } from '../util/json-pieces.js';
import { UserError } from '../util/errors.js';
import {
  densityGeoJsonText,
  HOTSPOT_COLUMNS,
  HOTSPOT_REPORT_COLUMNS,
  hotspotAreasGeoJson,
  hotspotJson,
  hotspotReportRows,
  hotspotRows,
  hotspotsGeoJson,
  screeningJson,
} from './formats.js';
import type { DensityGrid } from '../model/density.js';

/**
 * Every output format, and what each command writes for it: one registry that `screen` and
 * `export` both read for their --format (as mapshaper keeps one map of its exporters).
 */
export const OUTPUT_FORMATS = {
  table: { screen: 'the ranked table on the terminal' },
  csv: { screen: 'hotspots.csv and hotspot-reports.csv', export: 'one CSV per area' },
  json: { screen: 'screening.json' },
  geojson: { screen: 'hotspots.geojson, hotspot-areas.geojson and density.geojson' },
  html: { screen: 'report.html', export: 'one printable page per area' },
  gpkg: { screen: 'hotspots.gpkg, a GeoPackage for QGIS: areas, points, reports, Gi* cells, density, in RD New' },
} as const satisfies Record<string, Partial<Record<FormatCommand, string>>>;

export type FormatCommand = 'screen' | 'export';
export type OutputFormat = keyof typeof OUTPUT_FORMATS;

/** The formats a command writes. */
export function formatsOf(command: FormatCommand): OutputFormat[] {
  return (Object.keys(OUTPUT_FORMATS) as OutputFormat[]).filter((f) => command in OUTPUT_FORMATS[f]);
}

/** --format's help text for a command: each format and what it writes. */
export function formatsHelp(command: FormatCommand): string {
  return formatsOf(command)
    .map((f) => `${f} (${(OUTPUT_FORMATS[f] as Partial<Record<FormatCommand, string>>)[command]})`)
    .join(', ');
}

/** Parses a comma-separated --format for a command; an unknown or empty list is a user error. */
export function parseFormatList(text: string, command: FormatCommand): OutputFormat[] {
  const list = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const known = formatsOf(command);
  const bad = list.filter((f) => !(known as string[]).includes(f));
  if (bad.length > 0 || list.length === 0) {
    throw new UserError(`--format: ${bad.length > 0 ? `unknown format ${bad.map((b) => `"${b}"`).join(', ')}` : 'no format given'}`, {
      hint: `choose from ${known.join(', ')}`,
    });
  }
  return list as OutputFormat[];
}

/** The formats `screen` writes as files (all but the terminal table). */
export const FILE_FORMATS = ['csv', 'json', 'geojson', 'html', 'gpkg'] as const satisfies readonly OutputFormat[];
export type FileFormat = (typeof FILE_FORMATS)[number];

/**
 * A document as JSON.stringify(value, null, 2) writes it, with a final line break, in pieces (see
 * jsonPieces): a 60 MB screening.json held as one string, with what stringify builds it from,
 * grew the heap by some 130 MB at the end of a 1M run.
 */
function* json(value: unknown): Generator<string> {
  yield* jsonPieces(value);
  yield '\n';
}

/** What the files are written with besides the screening. */
export interface WriteOptions {
  /** Builds report.html (called only when html is asked for). */
  html?: () => FileContent;
  /** Called before each file (tests make it throw). */
  beforeFile?: (name: string) => void;
  /** The CSV files as Dutch Excel opens them (byte order mark, `;`, decimal commas, dd-mm-jjjj times). */
  excel?: boolean;
  /** The kernel density surface, written with the GeoJSON files as density.geojson. */
  density?: DensityGrid | null;
}

/** Writes the screening's files into `dir` (each atomically); returns the paths written. The GeoPackage is not written here (it is an SQLite file: see pipeline/screen-job.ts). */
export async function writeScreeningFiles(
  dir: string,
  s: Screening,
  formats: readonly FileFormat[],
  o: WriteOptions = {},
): Promise<string[]> {
  const { html, beforeFile, excel = false, density } = o;
  ensureDir(dir);
  const written: string[] = [];
  if (formats.includes('csv')) {
    for (const [name, columns, rows] of [
      ['hotspots.csv', HOTSPOT_COLUMNS, hotspotRows(s, excel)],
      ['hotspot-reports.csv', HOTSPOT_REPORT_COLUMNS, hotspotReportRows(s)],
    ] as const) {
      beforeFile?.(name);
      const w = openCsvWriter(join(dir, name), columns, excel ? EXCEL_CSV : {});
      await w.writeAll(rows);
      await w.commit();
      written.push(join(dir, name));
    }
  }
  if (formats.includes('geojson') || formats.includes('json')) {
    // Each hotspot in its JSON form once for the three files that show it; gone before report.html.
    const forms = s.hotspots.map(hotspotJson);
    if (formats.includes('geojson')) {
      const docs: Array<[string, () => FileContent]> = [
        ['hotspots.geojson', () => json(hotspotsGeoJson(s, forms))],
        ['hotspot-areas.geojson', () => json(hotspotAreasGeoJson(s, forms))],
        ...(density ? [['density.geojson', () => densityGeoJsonText(density)] as [string, () => FileContent]] : []),
      ];
      for (const [name, text] of docs) {
        beforeFile?.(name);
        writeFileAtomic(join(dir, name), text());
        written.push(join(dir, name));
      }
    }
    if (formats.includes('json')) {
      beforeFile?.('screening.json');
      writeFileAtomic(join(dir, 'screening.json'), json(screeningJson(s, forms)));
      written.push(join(dir, 'screening.json'));
    }
  }
  if (formats.includes('html') && html) {
    beforeFile?.('report.html');
    writeFileAtomic(join(dir, 'report.html'), html());
    written.push(join(dir, 'report.html'));
  }
  return written;
}
