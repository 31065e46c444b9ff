import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules, type LoadedRules } from '../rules/load.js';
import { loadMappingFile } from '../ingest/mapping.js';
import type { IngestOptions } from '../ingest/ingest.js';
import type { ProfileName } from '../ingest/profiles.js';
import type { BBox } from '../geo/rd.js';
import { loadPseudonymKey } from './pseudonym-key.js';
import { readFileSync } from 'node:fs';
import { AreaMapError, buildAreaMap, type AreaMap } from '../geo/area-map.js';
import { UserError } from '../util/errors.js';

export interface InputSettings {
  cwd: string;
  env: Record<string, string | undefined>;
  nowMs: number;
  mapFiles?: string[];
  profile?: ProfileName | 'auto';
  encoding?: IngestOptions['encoding'];
  delimiter?: IngestOptions['delimiter'];
  bbox?: BBox;
  keyFile?: string;
  /** Excel: the sheet to read. */
  sheet?: string;
  /** Zone of local times without an offset, for every input (default: the mapping's or profile's). */
  timeZone?: string;
  /** Worker threads for large CSV inputs (--jobs). */
  jobs?: number;
}

/** Turns settings (from flags or a library caller) into ingest options: mapping loaded, key ready. */
export function buildIngestOptions(s: InputSettings): IngestOptions {
  return {
    cwd: s.cwd,
    nowMs: s.nowMs,
    pseudonymKey: loadPseudonymKey(s.env, s.keyFile ? resolve(s.cwd, s.keyFile) : undefined),
    ...(s.mapFiles?.length ? { mappings: s.mapFiles.map((f) => loadMappingFile(resolve(s.cwd, f), f)) } : {}),
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.delimiter ? { delimiter: s.delimiter } : {}),
    ...(s.bbox ? { bbox: s.bbox } : {}),
    ...(s.sheet ? { sheet: s.sheet } : {}),
    ...(s.timeZone ? { timeZone: s.timeZone } : {}),
    ...(s.jobs !== undefined ? { jobs: s.jobs } : {}),
    ...parallelMinBytes(s.env),
  };
}

/**
 * HOTSPOTS_PARALLEL_MIN_BYTES lowers the size from which CSV inputs are read by worker threads,
 * and at 0 makes a screening of any size work out its numbers on one (tests run small files in
 * parallel with it, to compare with running them on one thread).
 */
function parallelMinBytes(env: InputSettings['env']): Pick<IngestOptions, 'parallelMinBytes' | 'parallelMinReports'> {
  const v = env.HOTSPOTS_PARALLEL_MIN_BYTES;
  if (v === undefined || !/^\d+$/.test(v)) return {};
  return { parallelMinBytes: Number(v), ...(Number(v) === 0 ? { parallelMinReports: 0 } : {}) };
}

/** The bundled default rules file. */
export const DEFAULT_RULES_PATH = fileURLToPath(new URL('../../rules/default.yaml', import.meta.url));

/** Loads `--rules FILE` (relative to cwd) or the bundled default rules. */
export function loadRulesFile(cwd: string, file?: string): LoadedRules {
  return file ? loadRules(resolve(cwd, file), file) : loadRules(DEFAULT_RULES_PATH, 'rules/default.yaml');
}

/** The area map of `--areas FILE` (a GeoJSON of polygons); `field` is `name` or `name,code` (--area-field). */
export function loadAreaMap(cwd: string, file: string, field?: string): AreaMap & { file: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolve(cwd, file), 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`--areas: cannot read ${file}: ${code ?? (err as Error).message}`, {
      hint: 'pass a GeoJSON FeatureCollection of the areas (polygons), in WGS84 or RD New',
    });
  }
  const [nameField, codeField] = (field ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  try {
    return {
      ...buildAreaMap(doc as Parameters<typeof buildAreaMap>[0], {
        ...(nameField ? { nameField } : {}),
        ...(codeField ? { codeField } : {}),
      }),
      file,
    };
  } catch (err) {
    if (!(err instanceof AreaMapError)) throw err;
    throw new UserError(`--areas: ${file}: ${err.message}`, {
      hint: 'name the property holding the area name with --area-field NAME[,CODE]',
    });
  }
}
