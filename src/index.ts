/**
 * overlast-hotspots as a library: the same pipeline the `hotspots` CLI runs, without argv,
 * colours or exit codes. Re-exports only.
 */
export { runIngest, summaryJson, type IngestRunOptions, type IngestRunResult } from './pipeline/validate.js';
export { runScreen, type ScreenOptions, type ScreenResult } from './pipeline/screen.js';
export { runScreenJob, type ScreenJobOptions, type ScreenJobResult } from './pipeline/screen-job.js';
export { buildIngestOptions, loadRulesFile, type InputSettings } from './pipeline/inputs.js';
export { recordScreening, historyRuns, historyRun, historyPrune, historyTrends, historyPath } from './pipeline/history.js';
export { hottimesOf, compareProfiles } from './pipeline/hottimes.js';
export { exportForTeams } from './pipeline/export.js';
export { writeScreeningFiles, screeningJson, reportHtml } from './pipeline/outputs.js';
export { loadMappingFile, mappingSchema, type Mapping } from './ingest/mapping.js';
export { loadRules, type LoadedRules } from './rules/load.js';
export { rulesSchema, type Rules } from './rules/schema.js';
export { UserError, isUserError } from './util/errors.js';
export { main } from './cli/main.js';
export type { Report, Theme } from './model/incoming.js';
export type { Hotspot, Screening } from './model/screening.js';
