import { join } from 'node:path';
import type { Screening } from '../model/screening.js';
import { ensureDir, EXCEL_CSV, openCsvWriter, writeFileAtomic } from './write.js';
import { HOTSPOT_COLUMNS, HOTSPOT_REPORT_COLUMNS, hotspotAreasGeoJson, hotspotReportRows, hotspotRows, hotspotsGeoJson, screeningJson } from './formats.js';

export const FILE_FORMATS = ['csv', 'json', 'geojson', 'html'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Writes the screening's files into `dir` (each atomically); returns the paths written. `excel`:
 * the CSV files as Dutch Excel opens them (byte order mark, `;`, decimal commas, dd-mm-jjjj times).
 */
export async function writeScreeningFiles(
  dir: string, s: Screening, formats: readonly FileFormat[], html?: () => string, beforeFile?: (name: string) => void, excel = false,
): Promise<string[]> {
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
    for (const [name, doc] of [['hotspots.geojson', hotspotsGeoJson], ['hotspot-areas.geojson', hotspotAreasGeoJson]] as const) {
      beforeFile?.(name);
      writeFileAtomic(join(dir, name), json(doc(s)));
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
