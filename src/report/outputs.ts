import { join } from 'node:path';
import type { Screening } from '../model/screening.js';
import { ensureDir, EXCEL_CSV, openCsvWriter, writeFileAtomic } from './write.js';
import { densityGeoJsonText, HOTSPOT_COLUMNS, HOTSPOT_REPORT_COLUMNS, hotspotAreasGeoJson, hotspotReportRows, hotspotRows, hotspotsGeoJson, screeningJson } from './formats.js';
import type { DensityGrid } from '../model/density.js';

export const FILE_FORMATS = ['csv', 'json', 'geojson', 'html'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What the files are written with besides the screening. */
export interface WriteOptions {
  /** Builds report.html (called only when html is asked for). */
  html?: () => string;
  /** Called before each file (tests make it throw). */
  beforeFile?: (name: string) => void;
  /** The CSV files as Dutch Excel opens them (byte order mark, `;`, decimal commas, dd-mm-jjjj times). */
  excel?: boolean;
  /** The kernel density surface, written with the GeoJSON files as density.geojson. */
  density?: DensityGrid | null;
}

/** Writes the screening's files into `dir` (each atomically); returns the paths written. */
export async function writeScreeningFiles(dir: string, s: Screening, formats: readonly FileFormat[], o: WriteOptions = {}): Promise<string[]> {
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
      for (const row of rows) await w.write(row);
      await w.commit();
      written.push(join(dir, name));
    }
  }
  if (formats.includes('geojson')) {
    const docs: Array<[string, () => string]> = [['hotspots.geojson', () => json(hotspotsGeoJson(s))], ['hotspot-areas.geojson', () => json(hotspotAreasGeoJson(s))],
      ...(density ? [['density.geojson', () => densityGeoJsonText(density)] as [string, () => string]] : [])];
    for (const [name, text] of docs) {
      beforeFile?.(name);
      writeFileAtomic(join(dir, name), text());
      written.push(join(dir, name));
    }
  }
  if (formats.includes('json')) {
    beforeFile?.('screening.json');
    writeFileAtomic(join(dir, 'screening.json'), json(screeningJson(s)));
    written.push(join(dir, 'screening.json'));
  }
  if (formats.includes('html') && html) {
    beforeFile?.('report.html');
    writeFileAtomic(join(dir, 'report.html'), html());
    written.push(join(dir, 'report.html'));
  }
  return written;
}
