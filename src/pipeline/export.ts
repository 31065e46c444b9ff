import { join } from 'node:path';
import { openDb } from '../history/db.js';
import { currentAssessments } from '../history/assessments.js';
import { effectsIn, type Effect } from './effect.js';
import { listRuns, previousRunId, runHotspots, weeklyCounts } from '../history/runs.js';
import { areaFileName, exportTables, type AreaLevel, type ExportHotspot, type ExportRun, type Lang } from '../report/export.js';

export { OUTSIDE_AREAS } from '../report/export.js';
import { openCsvWriter, stageOutput, writeFileAtomic } from '../report/write.js';
import { areaPageHtml } from '../report/area-page.js';
import type { AreaMap } from '../geo/area-map.js';
import { UserError } from '../util/errors.js';
import { changeSince } from '../model/screening.js';

export interface ExportOptions {
  dbPath: string;
  outDir: string;
  by: AreaLevel;
  lang: Lang;
  includeDwellings: boolean;
  /** Run number; default the latest. */
  run?: number;
  /** csv (default), and html: a page per area for the team's meeting. */
  formats?: ReadonlyArray<'csv' | 'html'>;
  /**
   * An --areas map for the outlines on the area pages: the run's own map (--by area), or a map of
   * buurten or wijken (--by buurt/wijk), matched by CBS code or name.
   */
  areaMap?: AreaMap;
}

/**
 * Writes one CSV per area from a run in the history, the way Dutch Excel opens it: UTF-8 with a
 * byte order mark, `;` between fields, dates dd-mm-jjjj, every text cell neutralised. The folder's
 * manifest says which files an earlier export wrote there; those not written again are removed,
 * and no other file is touched.
 */
export async function exportForTeams(
  o: ExportOptions,
): Promise<{ runId: number; files: Array<{ path: string; rows: number }>; leftOutDwellings: number }> {
  const db = openDb(o.dbPath, { create: false });
  let hotspots: ExportHotspot[];
  let runId: number;
  let exportRun: ExportRun;
  let weekly: Map<string, Map<number, number>>;
  let effects: Effect[];
  try {
    const runs = listRuns(db);
    const run = o.run === undefined ? runs[runs.length - 1] : runs.find((r) => r.id === o.run);
    if (!run)
      throw new UserError(o.run === undefined ? `no runs in ${o.dbPath}` : `no run ${o.run} in ${o.dbPath}`, {
        hint: 'run `hotspots screen` first, or see `hotspots history list`',
      });
    runId = run.id;
    exportRun = {
      id: run.id,
      periodLabel: run.periodLabel,
      periodFrom: run.periodFrom,
      periodTo: run.periodTo,
      evidenceFrom: run.evidenceFrom,
      createdAt: run.createdAt,
    };
    weekly = weeklyCounts(db, [run.id]);
    const prev = previousRunId(db, run.id);
    const before = new Map((prev === undefined ? [] : runHotspots(db, prev)).map((h) => [h.key, h]));
    const assessed = currentAssessments(db);
    hotspots = runHotspots(db, run.id).map((h) => {
      const assessment = assessed.get(h.key);
      return {
        ...h,
        change: changeSince(h.score, before.get(h.key)),
        indicators: JSON.parse(h.indicatorsJson),
        ...(assessment ? { assessment } : {}),
      };
    });
    effects = effectsIn(
      db,
      hotspots.filter((h) => h.assessment?.status === 'aanpak').map((h) => h.key),
    );
  } finally {
    db.close();
  }
  const tables = exportTables(hotspots, o.by, o.lang, o.includeDwellings, exportRun);
  // All files or none; the earlier export's files in this folder that are not written again are removed.
  const staged = stageOutput(o.outDir);
  try {
    const files: Array<{ path: string; rows: number }> = [];
    const formats = o.formats ?? ['csv'];
    for (const { area, rows, hotspots: inArea } of tables.areas) {
      if (formats.includes('csv')) {
        const name = areaFileName(area, exportRun.periodLabel);
        const w = openCsvWriter(join(staged.dir, name), tables.header, { delimiter: ';', bom: true });
        await w.writeAll(rows);
        await w.commit();
        files.push({ path: join(o.outDir, name), rows: rows.length });
      }
      if (formats.includes('html')) {
        const name = areaFileName(area, exportRun.periodLabel, 'html');
        const outline = o.areaMap ? outlineOf(o.areaMap, area) : undefined;
        writeFileAtomic(
          join(staged.dir, name),
          areaPageHtml({
            area,
            run: exportRun,
            hotspots: inArea,
            weekly,
            lang: o.lang,
            effects: effects.filter((e) => inArea.some((h) => h.key === e.key)),
            ...(outline ? { outline } : {}),
          }),
        );
        files.push({ path: join(o.outDir, name), rows: rows.length });
      }
    }
    await staged.publish('export');
    return { runId, files, leftOutDwellings: tables.leftOutDwellings };
  } finally {
    staged.discard();
  }
}

/**
 * The outline of an exported area in a map: the same code; for CBS codes also the code without
 * its BU/WK/GM prefix (sources write 09350003 for BU09350003); else the one area of the same name.
 */
export function outlineOf(map: AreaMap, area: { code: string; name: string }): AreaMap['areas'][number]['polygons'] | undefined {
  const digits = (code: string) => code.replace(/^(BU|WK|GM)(?=\d)/i, '');
  const byCode = map.areas.filter((a) => a.code === area.code || (/\d/.test(area.code) && digits(a.code) === digits(area.code)));
  if (byCode.length === 1) return byCode[0]!.polygons;
  const wanted = area.name.trim().toLowerCase();
  const byName = wanted === '' ? [] : map.areas.filter((a) => a.name.trim().toLowerCase() === wanted);
  return byName.length === 1 ? byName[0]!.polygons : undefined;
}
