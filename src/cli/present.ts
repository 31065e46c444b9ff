import { Chalk, type ChalkInstance } from 'chalk';
import type { Io, OutStream } from './io.js';
import type { FileSummary, ReasonCount } from '../ingest/ingest.js';
import type { IngestRunResult } from '../pipeline/validate.js';
import { formatProblem, type UserError } from '../util/errors.js';
import { formatLocalDate } from '../util/time.js';

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function colourFor(stream: OutStream, env: Io['env']): ChalkInstance {
  const on = !!stream.isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  return new Chalk({ level: on ? 1 : 0 });
}

const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `'${d}'`;
}

function reasonLines(title: string, list: ReasonCount[], c: ChalkInstance): string[] {
  if (list.length === 0) return [];
  const width = Math.max(...list.map((r) => r.code.length));
  return [
    `  ${title}:`,
    ...list.map((r) => `    ${c.bold(int(r.count).padStart(7))}  ${r.code.padEnd(width)}  ${r.reason}  ${c.dim(`(lines ${r.firstLines.join(', ')}${r.count > r.firstLines.length ? ', ...' : ''})`)}`),
  ];
}

function fileBlock(f: FileSummary, c: ChalkInstance): string[] {
  const d = f.dialect;
  const dates = f.firstReportedAt === null ? 'no dates' : `${formatLocalDate(f.firstReportedAt)} .. ${formatLocalDate(f.lastReportedAt!)}`;
  const themes = Object.entries(f.themes).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${int(n)}`).join(', ');
  const precision = Object.entries(f.precision).map(([p, n]) => `${p} ${int(n)}`).join(', ');
  return [
    c.bold(f.path),
    `  profile ${f.profile}; ${d.encoding}${d.bom ? ' with BOM' : ''}, delimiter ${delimiterName(d.delimiter)}, ${d.header ? 'header row' : 'no header'}, ${d.columns} columns`,
    `  read ${int(f.read)} = accepted ${int(f.accepted)} + rejected ${int(f.rejected)} + duplicates ${int(f.duplicates)}`,
    `  dates ${dates} (Europe/Amsterdam; time precision: ${precision || 'none'})`,
    `  themes ${themes || 'none'}`,
    ...f.notes.map((n) => `  ${c.yellow('note')} ${n}`),
    ...reasonLines('not accepted', f.rejectReasons, c),
    ...reasonLines('warnings (row kept)', f.warnings, c),
  ];
}

/** The human summary of an ingest run, as `validate` prints it. */
export function formatIngestSummary(result: IngestRunResult, c: ChalkInstance): string {
  const t = result.totals;
  const lines = result.files.flatMap((f) => [...fileBlock(f, c), '']);
  const verdict = result.overThreshold
    ? c.red(`reject rate ${pct(t.rejectRate)} is over the maximum ${pct(result.maxRejectRate)}`)
    : c.green(`reject rate ${pct(t.rejectRate)} (maximum ${pct(result.maxRejectRate)})`);
  const excluded = t.excluded > 0 ? ` (${int(t.excluded)} excluded on purpose, not counted in the reject rate)` : '';
  lines.push(`total: read ${int(t.read)} = accepted ${int(t.accepted)} + rejected ${int(t.rejected)}${excluded} + duplicates ${int(t.duplicates)}; ${verdict}`);
  if (result.rejectsPath) lines.push(`rejected and duplicate rows listed in ${result.rejectsPath}`);
  return `${lines.join('\n')}\n`;
}

/** A user error: what, where, how to fix; no stack. */
export function formatUserError(err: UserError, c: ChalkInstance): string {
  const lines = [`${c.red('error:')} ${err.message}`];
  for (const p of err.problems) lines.push(`  ${formatProblem(p)}`);
  if (err.hint) lines.push(`  ${c.dim('hint:')} ${err.hint}`);
  return `${lines.join('\n')}\n`;
}
