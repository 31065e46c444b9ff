import { join } from 'node:path';
import { generateReports, planScenario, type ScenarioOptions, type ScenarioPlan } from './generate.js';
import {
  exportRows,
  GEMEENTE_HEADER,
  POLITIE_HEADER,
  SIGNALEN_PUBLIC_HEADER,
  signalenPublicRows,
  type DefectCounts,
  type SourceMode,
} from './exports.js';
import { rdToWgs84 } from '../../dist/geo/rd.js';
import { areaName } from '../../dist/geo/areas.js';
import { wijkOfBuurt } from '../../dist/ingest/fields.js';
import { openCsvWriter, writeFileAtomic } from '../../dist/report/write.js';
import { formatLocalIso } from '../../dist/util/time.js';

export interface ScenarioTruth {
  seed: number;
  scale: number;
  /** split: each report in the export of its channel; each: every report in both exports. */
  sources: SourceMode;
  period: { from: string; to: string };
  /** The moment the scenario is screened; pass as --now. */
  now: string;
  rows: { gemeente: number; politie: number };
  defects: { gemeente: DefectCounts; politie: DefectCounts };
  hotspots: ScenarioPlan['hotspots'];
  decoys: ScenarioPlan['decoys'];
  /** Reports per planted entity (before defects), for recall checks. */
  reportsPerEntity: Record<string, number>;
}

/** The mapping that reads the scenario's police export (the municipal one is recognised by its profile). */
export const SCENARIO_MAPPING = 'fixtures/demo/politie.mapping.yaml';

/**
 * The command-line arguments that read a scenario written into `dir`: both exports, the police
 * export's mapping, and the scenario's clock (--now). Scripts and tests add the command and the rest.
 */
export function scenarioArgs(dir: string, truth: Pick<ScenarioTruth, 'now'>): string[] {
  return [join(dir, 'meldingen.csv'), join(dir, 'politie-export.csv'), '--map', SCENARIO_MAPPING, '--now', truth.now];
}

const emptyCounts = (): DefectCounts => ({ 'bad-date': 0, 'zero-coordinates': 0, 'no-location': 0, duplicate: 0, 'future-date': 0 });

/**
 * Writes the scenario as two exports plus its ground truth (with `sources: 'each'`, both exports
 * hold every report, so either one alone is a complete view of the city) into `dir`: meldingen.csv (municipal
 * MOR, UTF-8, comma), politie-export.csv (police, Windows-1252, semicolon, decimal commas), truth.json.
 * Streams rows, so a scale of 250 (about a million reports) stays in bounded memory.
 */
export async function writeScenario(
  dir: string,
  opts: ScenarioOptions & { defectRate?: number; sources?: SourceMode } = {},
): Promise<ScenarioTruth> {
  const plan = planScenario(opts);
  const endMs = plan.startMs + plan.weeks * 7 * 86_400_000;
  const nowMs = endMs + 6 * 3_600_000;
  const defects = { gemeente: emptyCounts(), politie: emptyCounts() };
  const perEntity: Record<string, number> = {};
  const counted = function* () {
    for (const r of generateReports(plan)) {
      perEntity[r.truth] = (perEntity[r.truth] ?? 0) + 1;
      yield r;
    }
  };
  const rows = { gemeente: 0, politie: 0 };
  for (const channel of ['gemeente', 'politie'] as const) {
    const file = join(dir, channel === 'gemeente' ? 'meldingen.csv' : 'politie-export.csv');
    const writer = openCsvWriter(
      file,
      channel === 'gemeente' ? GEMEENTE_HEADER : POLITIE_HEADER,
      channel === 'gemeente' ? {} : { delimiter: ';', encoding: 'windows-1252' },
    );
    const source = channel === 'gemeente' ? counted() : generateReports(plan);
    for (const row of exportRows(source, channel, {
      seed: plan.seed,
      defectRate: opts.defectRate ?? 0.01,
      futureFrom: nowMs,
      counts: defects[channel],
      sources: opts.sources ?? 'split',
    })) {
      await writer.write(row);
    }
    await writer.commit();
    rows[channel] = writer.rows;
  }
  const truth: ScenarioTruth = {
    seed: plan.seed,
    scale: plan.scale,
    sources: opts.sources ?? 'split',
    period: { from: formatLocalIso(plan.startMs), to: formatLocalIso(endMs) },
    now: formatLocalIso(nowMs),
    rows,
    defects,
    hotspots: plan.hotspots,
    decoys: plan.decoys,
    reportsPerEntity: perEntity,
  };
  writeFileAtomic(join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}

/**
 * Writes every report of a scenario as Signalen's public export (`signalen-public.csv`: id,
 * created_at, lat, lng, category and subcategory with slugs, wijk name, one address column; no
 * postcode, reporter or free text) plus truth.json. `swapped` writes longitude under `lat`.
 */
export async function writeSignalenPublic(dir: string, opts: ScenarioOptions & { swapped?: boolean } = {}): Promise<ScenarioTruth> {
  const plan = planScenario(opts);
  const endMs = plan.startMs + plan.weeks * 7 * 86_400_000;
  const nowMs = endMs + 6 * 3_600_000;
  const writer = openCsvWriter(join(dir, 'signalen-public.csv'), SIGNALEN_PUBLIC_HEADER);
  const perEntity: Record<string, number> = {};
  const wijk = (buurt: string) => areaName(wijkOfBuurt(buurt))?.replace(/^Buitenwijk /, '') ?? '';
  for (const row of signalenPublicRows(generateReports(plan), (x, y) => rdToWgs84(x, y), wijk, opts.swapped)) await writer.write(row);
  await writer.commit();
  for (const r of generateReports(plan)) perEntity[r.truth] = (perEntity[r.truth] ?? 0) + 1;
  const truth: ScenarioTruth = {
    seed: plan.seed,
    scale: plan.scale,
    sources: 'each',
    period: { from: formatLocalIso(plan.startMs), to: formatLocalIso(endMs) },
    now: formatLocalIso(nowMs),
    rows: { gemeente: writer.rows, politie: 0 },
    defects: { gemeente: emptyCounts(), politie: emptyCounts() },
    hotspots: plan.hotspots,
    decoys: plan.decoys,
    reportsPerEntity: perEntity,
  };
  writeFileAtomic(join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
