/** Output writing as the CLI sees it: re-exported from the report stage. */
export { writeScreeningFiles, FILE_FORMATS, formatsHelp, parseFormatList, type FileFormat, type OutputFormat } from '../report/outputs.js';
export { screeningJson, changeText, CAVEAT_TEXT } from '../report/formats.js';

import { REPORT_TOP, screeningHtml } from '../report/html.js';
import type { Lang } from '../report/words.js';
import { weekIndex } from '../util/period.js';
import type { ScreenResult } from './screen.js';

/** Builds report.html from a screening and its screened reports, in one language (default Dutch), in pieces. */
export function reportHtml(result: ScreenResult, lang: Lang = 'nl', top = REPORT_TOP): string[] {
  const store = result.store;
  const cols = store.columns();
  return screeningHtml(
    result.screening,
    {
      x: cols.x,
      y: cols.y,
      buurtOf: (i) => (cols.buurt[i]! >= 0 ? store.areas.values[cols.buurt[i]!] : undefined),
      overallHours: result.overallHours,
      rejected: result.ingest.totals.rejected,
      density: result.density,
      ...(result.areaMap ? { outlines: result.areaMap.areas } : {}),
    },
    weekIndex,
    top,
    lang,
  );
}
