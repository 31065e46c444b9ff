import { runScreen, type ScreenOptions, type ScreenResult } from './screen.js';
import { recordScreening } from './history.js';
import { reportHtml, writeScreeningFiles, type FileFormat } from './outputs.js';
import { rejectsPathIn } from './validate.js';
import { ensureDir } from '../report/write.js';

export interface ScreenJobOptions extends Omit<ScreenOptions, 'rejectsPath'> {
  /** Output folder (made when missing). */
  outDir: string;
  formats: readonly FileFormat[];
  /** Keep the run in this history file; none when undefined. */
  history?: { dbPath: string; options: unknown };
}

export interface ScreenJobResult extends ScreenResult {
  files: string[];
  /** Whether hotspots appeared that the previous run did not have. */
  newHotspots: boolean;
  timingsMs: ScreenResult['timingsMs'] & { history: number; report: number };
}

/** The whole `screen` job: screen, keep the run in the history, write the files. */
export async function runScreenJob(o: ScreenJobOptions): Promise<ScreenJobResult> {
  ensureDir(o.outDir);
  const result = await runScreen({ ...o, rejectsPath: rejectsPathIn(o.outDir) });
  const t0 = performance.now();
  if (o.history) {
    recordScreening(result.screening, { dbPath: o.history.dbPath, nowMs: o.nowMs, distanceM: o.rules.rules.clustering.epsM, options: o.history.options });
  }
  const t1 = performance.now();
  const files = await writeScreeningFiles(o.outDir, result.screening, o.formats, () => reportHtml(result));
  return {
    ...result,
    files,
    newHotspots: result.screening.hotspots.some((h) => h.class === 'hotspot' && h.history?.change.status === 'new'),
    timingsMs: { ...result.timingsMs, history: t1 - t0, report: performance.now() - t1 },
  };
}
