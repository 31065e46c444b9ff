import { runScreen, type ScreenOptions, type ScreenResult } from './screen.js';
import { beginRecording, withHistory, type HistorySession } from './history.js';
import { reportHtml, writeScreeningFiles, type FileFormat } from './outputs.js';
import { rejectsPathIn } from './validate.js';
import { stageOutput } from '../report/write.js';
import type { Lang } from '../report/words.js';
import { join } from 'node:path';
import { collectGarbage } from '../util/heap.js';
import { writeSqliteFile } from '../history/db.js';
import { writeGeoPackage, type GpkgContent } from '../report/gpkg.js';
import { isHotCell } from '../score/grid.js';
import { THEMES } from '../model/incoming.js';
import { formatLocalDate } from '../util/time.js';
import type { Screening } from '../model/screening.js';

export interface ScreenJobOptions extends Omit<ScreenOptions, 'rejectsPath'> {
  /** Output folder (made when missing). */
  outDir: string;
  formats: readonly FileFormat[];
  /** hotspots.csv and hotspot-reports.csv as Dutch Excel opens them (--excel). */
  excel?: boolean;
  /** Language of report.html (--lang); default Dutch. */
  lang?: Lang;
  /** Places shown in detail in report.html (--report-top); default 50. */
  reportTop?: number;
  /** Keep the run in this history file; none when undefined. */
  history?: { dbPath: string; options: unknown };
}

export interface ScreenJobResult extends ScreenResult {
  files: string[];
  /** Whether hotspots appeared that the previous run did not have. */
  /** The history raised an alert (see alertsFor): a new unassessed hotspot, an aanpak intensifying, a relapse. */
  newHotspots: boolean;
  timingsMs: ScreenResult['timingsMs'] & { history: number; report: number };
}

/**
 * Screened reports from which the garbage of scoring and history is collected before the report
 * stage (see collectGarbage): at 1M reports the peak memory fell by about 40 MB; below this the
 * heap is small and the collection would only cost time.
 */
const COLLECT_MIN_REPORTS = 250_000;

/** What hotspots.gpkg holds: the hotspots, the screened reports (id, theme, day), the Gi* cells and the density. */
function geoPackageContent(result: ScreenResult, screening: Screening, nowMs: number): GpkgContent {
  const cols = result.store.columns();
  const g = result.giGrid;
  return {
    screening,
    createdIso: new Date(nowMs).toISOString(),
    density: result.density,
    reports: {
      x: cols.x,
      y: cols.y,
      id: (i) => result.store.idAt(i),
      theme: (i) => THEMES[cols.theme[i]!]!,
      day: (i) => formatLocalDate(cols.reportedAt[i]!),
    },
    grid: g ? { ...g, hot: (k) => isHotCell(g, k) } : null,
  };
}

/**
 * The whole `screen` job, all or nothing: the files are written into a staging folder inside
 * --out, the run into an open history transaction; only when every file is complete are they
 * moved into place, and then the history commits. Any failure before that (a full disk, no
 * permission, a bad --db, an exception, a signal via `signal`) leaves --out and the history as
 * they were. A crash between the moves and the commit leaves delivered files and an unchanged
 * history, which the next run repairs by running again.
 */
export async function runScreenJob(o: ScreenJobOptions): Promise<ScreenJobResult> {
  const staged = stageOutput(o.outDir);
  let session: HistorySession | undefined;
  try {
    const result = await runScreen({ ...o, rejectsPath: rejectsPathIn(staged.dir) });
    o.signal?.throwIfAborted();
    o.onStage?.('history');
    const t0 = performance.now();
    session = o.history
      ? beginRecording(result.screening, {
          dbPath: o.history.dbPath,
          nowMs: o.nowMs,
          distanceM: o.rules.rules.clustering.epsM,
          options: o.history.options,
        })
      : undefined;
    const screening = session ? withHistory(result.screening, session.result) : result.screening;
    if (result.store.size >= COLLECT_MIN_REPORTS) collectGarbage();
    const t1 = performance.now();
    o.onStage?.('report');
    await writeScreeningFiles(staged.dir, screening, o.formats, {
      html: () => reportHtml({ ...result, screening }, o.lang, o.reportTop),
      beforeFile: (name) => o.onStage?.(`report:${name}`),
      excel: !!o.excel,
      density: result.density,
    });
    if (o.formats.includes('gpkg')) {
      o.onStage?.('report:hotspots.gpkg');
      writeSqliteFile(join(staged.dir, 'hotspots.gpkg'), (db) => writeGeoPackage(db, geoPackageContent(result, screening, o.nowMs)));
    }
    o.signal?.throwIfAborted();
    o.onStage?.('publish');
    const files = await staged.publish('screen');
    session?.commit();
    return {
      ...result,
      ingest: { ...result.ingest, rejectsPath: rejectsPathIn(o.outDir) },
      screening,
      files,
      newHotspots: (screening.history?.alerts.length ?? 0) > 0,
      timingsMs: { ...result.timingsMs, history: t1 - t0, report: performance.now() - t1 },
    };
  } catch (err) {
    session?.rollback();
    throw err;
  } finally {
    staged.discard();
  }
}
