import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { historyPath, historyPrune, historyRun, historyRunJson, historyRuns, historyRunsJson } from '../../pipeline/history.js';
import { UserError } from '../../util/errors.js';
import { parseNow } from '../options.js';
import { formatLocalDate } from '../../util/time.js';

/** Parses a retention like 2y, 18m, 26w or 90d into a cutoff before `nowMs`. */
export function cutoffBefore(text: string, nowMs: number): number {
  const m = /^(\d+)\s*([dwmy])$/.exec(text.trim());
  if (!m) throw new UserError(`--older-than: "${text}" is not a duration`, { hint: 'write e.g. 2y, 18m, 26w or 90d' });
  const n = Number(m[1]);
  const d = new Date(nowMs);
  if (m[2] === 'd') return nowMs - n * 86_400_000;
  if (m[2] === 'w') return nowMs - n * 7 * 86_400_000;
  if (m[2] === 'm') {
    d.setUTCMonth(d.getUTCMonth() - n);
    return d.getTime();
  }
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.getTime();
}

const dbOption = ['--db <file>', 'history file (default $HOTSPOTS_DB or ./hotspots.sqlite)'] as const;

/** `hotspots history list|show|prune`. */
export function historyCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const history = new Command('history').summary('list, show or prune the screenings kept in the history');
  history.addCommand(
    new Command('list')
      .description('list the runs in the history')
      .option(...dbOption)
      .option('--json', 'as JSON')
      .action((flags: { db?: string; json?: boolean }) => {
        const runs = historyRuns(historyPath(io.cwd, io.env, flags.db));
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(historyRunsJson(runs), null, 2)}\n`);
          return;
        }
        if (runs.length === 0) {
          io.stdout.write('no runs yet\n');
          return;
        }
        const range = (from: string, to: string) => `${formatLocalDate(Date.parse(from))}..${formatLocalDate(Date.parse(to) - 1)}`;
        io.stdout.write(
          `${'run'.padStart(4)}  ${'period'.padEnd(32)} ${'judged over'.padEnd(22)} ${'hotspots'.padStart(8)} ${'watch'.padStart(5)}  rules\n`,
        );
        for (const r of runs) {
          const period = `${r.periodLabel === range(r.periodFrom, r.periodTo) ? '' : `${r.periodLabel} `}${range(r.periodFrom, r.periodTo)}`;
          const evidence =
            r.evidenceFrom === r.periodFrom && r.evidenceTo === r.periodTo ? 'the period' : range(r.evidenceFrom, r.evidenceTo);
          io.stdout.write(
            `${String(r.id).padStart(4)}  ${period.padEnd(32)} ${evidence.padEnd(22)} ${String(r.hotspots).padStart(8)} ${String(r.watch).padStart(5)}  ${r.rulesName} (${r.rulesSha256.slice(0, 8)})\n`,
          );
        }
      }),
  );
  history.addCommand(
    new Command('show')
      .description('show the hotspots of one run')
      .argument('<run>', 'run number (see history list)')
      .option(...dbOption)
      .option('--json', 'as JSON')
      .action((run: string, flags: { db?: string; json?: boolean }) => {
        const id = Number(run);
        if (!Number.isInteger(id) || id < 1) throw new UserError(`"${run}" is not a run number`, { hint: 'see `hotspots history list`' });
        const r = historyRun(historyPath(io.cwd, io.env, flags.db), id);
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(historyRunJson(r), null, 2)}\n`);
          return;
        }
        io.stdout.write(
          `run ${r.run.id}: ${r.run.periodLabel}, rules ${r.run.rulesName}, inputs ${r.run.inputs.map((i) => i.path).join(', ')}\n`,
        );
        const current = new Map(r.assessments.map((a) => [a.key, a]));
        for (const h of r.hotspots) {
          const a = current.get(h.key);
          io.stdout.write(
            `${String(h.rank).padStart(3)}  ${h.key.padEnd(8)} ${h.class.padEnd(7)} ${String(h.score).padStart(5)}  ${String(h.reports).padStart(4)} reports  ${(h.trend ?? '').padEnd(12)} ${(a ? `${a.status} ${a.since}` : '').padEnd(23)} ${h.place}\n`,
          );
        }
        if (r.assessments.length > 0) {
          io.stdout.write('decisions about these keys (oldest first):\n');
          for (const a of r.assessments)
            io.stdout.write(
              `  ${a.key.padEnd(8)} ${a.status.padEnd(12)} since ${a.since}  ${a.team ?? ''}${a.ref ? ` (${a.ref})` : ''}  recorded ${a.recordedAt}\n`,
            );
        }
      }),
  );
  history.addCommand(
    new Command('prune')
      .description('delete runs whose period ended before a retention limit (AVG)')
      .requiredOption('--older-than <duration>', 'e.g. 2y, 18m, 26w, 90d')
      .option(...dbOption)
      .option('--now <time>', 'the current time (ISO 8601)')
      .option('--dry-run', 'list the runs it would remove, and remove nothing')
      .option('--yes', 'allow removing every run in the history')
      .action((flags: { olderThan: string; db?: string; now?: string; dryRun?: boolean; yes?: boolean }) => {
        const nowMs = parseNow(flags.now, io.now).getTime();
        const cutoff = cutoffBefore(flags.olderThan, nowMs);
        const r = historyPrune(historyPath(io.cwd, io.env, flags.db), cutoff, {
          ...(flags.dryRun ? { dryRun: true } : {}),
          ...(flags.yes ? { all: true } : {}),
        });
        const before = formatLocalDate(cutoff);
        if (!r.removed) {
          io.stdout.write(
            `${flags.dryRun ? 'would remove' : 'removed'} ${r.runs.length} run(s) whose period ended before ${before}${r.runs.length ? ':' : ''}\n`,
          );
          for (const run of r.runs)
            io.stdout.write(`  run ${run.id}  ${run.periodLabel}  (${run.hotspots} hotspots, ${run.watch} to watch)\n`);
          return;
        }
        io.stdout.write(
          `removed ${r.runs.length} run(s) whose period ended before ${before}, and ${r.keys} hotspot key(s) no longer used\n`,
        );
      }),
  );
  return history;
}
