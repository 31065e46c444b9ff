import { Command, Option } from 'commander';
import type { OutStream } from '../io.js';
import { ACCURACY_WEEKS, historyAccuracy, type AccuracyReport } from '../../pipeline/accuracy.js';
import { accuracyJson, accuracySentence, weekDates } from '../../report/accuracy.js';
import type { CommandContext } from '../context.js';
import { historyPath, historyTrends, STEP_WEEKS } from '../../pipeline/history.js';
import { parseBoundary } from '../../util/period.js';
import { UserError } from '../../util/errors.js';

const SPARK = '▁▂▃▄▅▆▇█';

/** A sparkline of a count series. */
export function sparkline(series: readonly number[]): string {
  const max = Math.max(1, ...series);
  return series.map((v) => (v === 0 ? ' ' : SPARK[Math.min(7, Math.floor((v / max) * 7.999))])).join('');
}

/** `hotspots trend`: every hotspot key's series over the runs, with its category. */
export function trendCommand(ctx: CommandContext): Command {
  return new Command('trend')
    .summary('trend category of every hotspot over the runs in the history')
    .description(
      `Series of reports per ${STEP_WEEKS}-week step (weekly counts of all selected runs merged; the latest run wins\n` +
        'for a week), classified new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical.',
    )
    .option('--runs <n>', 'only the last N runs')
    .option('--from <date>', 'runs whose period ends after this date')
    .option('--to <date>', 'runs whose period starts before this date (inclusive)')
    .option('--db <file>', 'history file (default $HOTSPOTS_DB or ./hotspots.sqlite)')
    .option('--json', 'as JSON')
    .option(
      '--accuracy',
      `how good each run's list was: hit rate, PAI and PEI over the ${ACCURACY_WEEKS} weeks after it, against last period's and long-run counts`,
    )
    .addOption(new Option('--lang <lang>', 'language of the --accuracy sentence').choices(['nl', 'en']).default('nl'))
    .action((flags: { runs?: string; from?: string; to?: string; db?: string; json?: boolean; accuracy?: boolean; lang: 'nl' | 'en' }) => {
      const { io } = ctx;
      if (flags.accuracy) {
        writeAccuracy(io.stdout, historyAccuracy(historyPath(io.cwd, io.env, flags.db)), flags);
        return;
      }
      const runs = flags.runs === undefined ? undefined : Number(flags.runs);
      if (runs !== undefined && (!Number.isInteger(runs) || runs < 1))
        throw new UserError(`--runs: "${flags.runs}" is not a positive whole number`);
      const t = historyTrends(historyPath(io.cwd, io.env, flags.db), {
        ...(runs !== undefined ? { runs } : {}),
        ...(flags.from ? { fromMs: parseBoundary(flags.from, '--from') } : {}),
        ...(flags.to ? { toMs: parseBoundary(flags.to, '--to') } : {}),
      });
      const rows = [...t.trends]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, v]) => ({
          key,
          place: t.places.get(key) ?? '',
          category: v.trend.category,
          inLatestRun: t.latest.has(key),
          latestClass: t.latest.get(key)?.class ?? null,
          stepWeeks: STEP_WEEKS,
          series: v.series,
          mannKendall: { s: v.trend.mk.s, z: Number(v.trend.mk.z.toFixed(4)), p: Number(v.trend.mk.p.toFixed(6)) },
        }));
      if (flags.json) {
        io.stdout.write(`${JSON.stringify({ schemaVersion: 1, runs: t.runs.map((r) => r.id), trends: rows }, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        io.stdout.write('no hotspots in the history yet\n');
        return;
      }
      io.stdout.write(`${t.runs.length} run(s); reports per ${STEP_WEEKS} weeks, oldest left\n`);
      for (const r of rows) {
        io.stdout.write(
          `${r.key.padEnd(8)} ${r.category.padEnd(12)} ${sparkline(r.series)}  ${(r.latestClass ?? 'gone').padEnd(7)} ${r.place}\n`,
        );
      }
    });
}

/** `trend --accuracy`: a row per judged run, then the pooled figures and one sentence. */
function writeAccuracy(out: OutStream, a: AccuracyReport, flags: { json?: boolean; lang: 'nl' | 'en' }): void {
  if (flags.json) {
    out.write(`${JSON.stringify(accuracyJson(a), null, 2)}\n`);
    return;
  }
  const f = (v: number) => v.toFixed(2).padStart(6);
  const p = (v: number) => `${(v * 100).toFixed(0).padStart(3)} %`;
  out.write(
    `lists judged on the ${a.weeksAfter} weeks after each run; ${a.places.toLocaleString('en-US')} cells of ${a.cellSizeM} m in the study area\n`,
  );
  out.write(
    `${'run'.padStart(4)}  ${'judged on'.padEnd(23)} ${'cells'.padStart(5)} ${'reports'.padStart(7)}  ${'hit'.padStart(5)} ${'PAI'.padStart(6)} ${'PEI'.padStart(6)}  | last 4 wk: hit  PAI  | long run: hit  PAI  | overlap\n`,
  );
  for (const r of a.runs) {
    const d = weekDates(r.weeks);
    out.write(
      `${String(r.runId).padStart(4)}  ${`${d.from}..${d.to}`.padEnd(23)} ${String(r.cells).padStart(5)} ${String(r.list.reports).padStart(7)}  ${p(r.list.hitRate)} ${f(r.list.pai)} ${f(r.list.pei)}  |     ${p(r.lastPeriod.hitRate)} ${f(r.lastPeriod.pai)} |    ${p(r.longRun.hitRate)} ${f(r.longRun.pai)} | ${r.jaccard === null ? '' : r.jaccard.toFixed(2)}\n`,
    );
  }
  if (a.pending.length > 0)
    out.write(`not judged yet (their ${a.weeksAfter} weeks are not all in the history): run ${a.pending.join(', ')}\n`);
  out.write(`${accuracySentence(a, flags.lang)}\n`);
}
