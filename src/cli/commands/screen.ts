import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { inputOptions, type InputFlags } from '../options.js';
import { ingestSettings, maxRejectRate } from '../ingest-flags.js';
import { colourFor, formatIngestSummary, formatScreening } from '../present.js';
import { EXIT } from '../exit-codes.js';
import { buildIngestOptions, loadAreaMap, loadRulesFile } from '../../pipeline/inputs.js';
import { runScreenJob } from '../../pipeline/screen-job.js';
import { historyPath } from '../../pipeline/history.js';
import { formatsHelp, parseFormatList, screeningJson, type FileFormat } from '../../pipeline/outputs.js';
import { parseBoundary, parsePeriod, parseWindowFlag } from '../../util/period.js';
import type { ScreenPeriod } from '../../pipeline/screen.js';
import { UserError } from '../../util/errors.js';
import { formatLocalDate } from '../../util/time.js';
import { progressLine } from '../progress.js';
import { tableWidth } from '../table.js';
import { groupedInt } from '../../util/text.js';

interface ScreenFlags extends InputFlags {
  out: string;
  rules?: string;
  from?: string;
  to?: string;
  period?: string;
  format: string;
  json?: boolean;
  timings?: boolean;
  db?: string;
  history: boolean;
  quiet?: boolean;
  failOnNew?: boolean;
  window?: string;
  areas?: string;
  areaField?: string;
  wide?: boolean;
  excel?: boolean;
  lang: 'nl' | 'en';
  reportTop?: string;
}

const DEFAULT_FORMATS = 'table,csv,json,geojson';

/** --report-top: a whole number of places, 0 or more. */
function parseReportTop(text: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 0)
    throw new UserError(`--report-top: "${text}" is not a number of places`, {
      hint: 'e.g. --report-top 100; 0 shows every place in the compact table',
    });
  return n;
}

/**
 * The period asked for: --period (judged over the rules' window when shorter), --from/--to (judged
 * whole), or everything up to the last report (up to --now when given).
 */
function periodOf(flags: ScreenFlags, nowMs: number): ScreenPeriod {
  if (flags.period && (flags.from || flags.to)) throw new UserError('use --period or --from/--to, not both');
  if (flags.period) return parsePeriod(flags.period, nowMs);
  const p: ScreenPeriod = { openEndAtNow: flags.now !== undefined };
  if (flags.from) p.fromMs = parseBoundary(flags.from, '--from');
  if (flags.to) p.toMs = parseBoundary(flags.to, '--to');
  if (p.fromMs !== undefined && p.toMs !== undefined && p.fromMs >= p.toMs) throw new UserError('--from must be before --to');
  return p;
}

/**
 * Expands `{date}` (the run's local date, yyyy-MM-dd) and `{period}` (the period's label, or "all")
 * in --out, for dated output folders from cron: --out "lijsten/{date}".
 */
export function expandOutDir(template: string, nowMs: number, period: { fromMs?: number; toMs?: number; label?: string }): string {
  const label =
    period.label ??
    (period.fromMs !== undefined || period.toMs !== undefined
      ? `${period.fromMs !== undefined ? formatLocalDate(period.fromMs) : 'start'}..${period.toMs !== undefined ? formatLocalDate(period.toMs - 1) : 'now'}`
      : 'all');
  return template.replaceAll('{date}', formatLocalDate(nowMs)).replaceAll('{period}', label.replace(/[^\w.-]+/g, '_'));
}

/** `hotspots screen FILE...`: the main job. */
export function screenCommand(ctx: CommandContext): Command {
  const cmd = new Command('screen')
    .summary('screen exports into ranked, explained hotspot candidates (the main job)')
    .description(
      'Ingests the exports, applies the indicator rules, clusters reports into public-space hotspots and dwellings,\n' +
        'and writes hotspots.csv, hotspot-reports.csv, hotspots.geojson, hotspot-areas.geojson, screening.json and rejects.csv into --out.',
    )
    .argument('<files...>', 'CSV exports')
    .option('--rules <file>', 'indicator rules (default: the bundled rules/default.yaml)')
    .option('--from <date>', 'start of the period (yyyy-MM-dd, local)')
    .option('--to <date>', 'end of the period, inclusive (yyyy-MM-dd, local)')
    .addOption(
      new Option(
        '--period <spec>',
        'last-week, last-4-weeks, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY (shorter than the window: judged over the window up to its end)',
      ),
    )
    .option(
      '--areas <file>',
      "the municipality's own area map: GeoJSON polygons (WGS84 or RD New); every report gets the area its point lies in",
    )
    .option(
      '--area-field <name[,code]>',
      'properties holding the area name (and code) in --areas (default statnaam/statcode, buurtnaam, wijknaam, name/code)',
    )
    .option('--window <duration>', "evidence window for a period shorter than it, as 13w or 91d (default: the rules' window, 26w)")
    .option('--out <dir>', 'output folder; {date} and {period} are filled in (dated folders for cron)', 'hotspots-out')
    .option('--format <list>', `comma-separated: ${formatsHelp('screen')}`, DEFAULT_FORMATS)
    .option('--json', 'print screening.json on stdout instead of the table')
    .addOption(
      new Option('--lang <lang>', 'language of report.html (words, reasons, weekdays); the terminal stays English')
        .choices(['nl', 'en'])
        .default('nl'),
    )
    .option('--report-top <n>', 'places shown in detail in report.html (map number, reasons, heatmap); the rest in a compact table', '50')
    .option(
      '--excel',
      'write hotspots.csv and hotspot-reports.csv as Dutch Excel opens them: byte order mark, ";", decimal commas, dd-mm-jjjj times',
    )
    .option('--wide', 'print the table whole, however wide (default: fit the terminal, cutting place names with …)')
    .option('--timings', 'print the time each stage took to stderr (for benchmarks)')
    .option('--db <file>', 'history file (default $HOTSPOTS_DB or ./hotspots.sqlite)')
    .option('--no-history', 'do not keep this run in the history')
    .option('--quiet', 'print nothing but errors (for cron); files are still written')
    .option(
      '--fail-on-new',
      'exit 3 on an alert: a new hotspot not yet assessed, a place under aanpak still intensifying, or an afgesloten place reported again (needs the history)',
    );
  for (const o of inputOptions()) cmd.addOption(o);
  return cmd.action(async (files: string[], flags: ScreenFlags) => {
    const { io } = ctx;
    const formats = parseFormatList(flags.format, 'screen');
    const settings = ingestSettings(flags, io);
    const rules = loadRulesFile(io.cwd, flags.rules);
    const period = periodOf(flags, settings.nowMs);
    if (flags.failOnNew && !flags.history) throw new UserError('--fail-on-new needs the history', { hint: 'drop --no-history' });
    const outName = expandOutDir(flags.out, settings.nowMs, period);
    const progress = progressLine(io.stderr, !!io.stderr.isTTY && !flags.quiet && !flags.json);
    const result = await runScreenJob({
      ...buildIngestOptions(settings),
      files,
      rules,
      period,
      maxRejectRate: maxRejectRate(flags),
      ...(flags.window ? { windowDays: parseWindowFlag(flags.window) } : {}),
      ...(flags.areas ? { areas: loadAreaMap(io.cwd, flags.areas, flags.areaField) } : {}),
      outDir: resolve(io.cwd, outName),
      formats: formats.filter((f): f is FileFormat => f !== 'table'),
      excel: !!flags.excel,
      lang: flags.lang,
      reportTop: parseReportTop(flags.reportTop ?? '50'),
      onProgress: (file, rows) => progress.update(() => `reading ${file}: ${groupedInt(rows)} rows`),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(flags.history
        ? {
            history: {
              dbPath: historyPath(io.cwd, io.env, flags.db),
              options: {
                files,
                map: flags.map ?? [],
                profile: flags.profile,
                rules: flags.rules ?? null,
                period: flags.period ?? null,
                from: flags.from ?? null,
                to: flags.to ?? null,
              },
            },
          }
        : {}),
    });
    progress.done();
    const c = colourFor(io.stdout, io.env);
    if (flags.json) io.stdout.write(`${JSON.stringify(screeningJson(result.screening), null, 2)}\n`);
    else if (flags.quiet) {
      /* files only */
    } else if (formats.includes('table'))
      io.stdout.write(formatScreening(result, c, outName, { width: tableWidth(io.stdout, io.env, !!flags.wide), wide: !!flags.wide }));
    else io.stdout.write(formatIngestSummary(result.ingest, c));
    if (flags.timings)
      io.stderr.write(
        `timings ${JSON.stringify(Object.fromEntries(Object.entries(result.timingsMs).map(([k, v]) => [k, Math.round(v)])))}\n`,
      );
    ctx.exitCode = result.ingest.overThreshold ? EXIT.dataProblems : flags.failOnNew && result.newHotspots ? EXIT.newHotspots : EXIT.ok;
  });
}
