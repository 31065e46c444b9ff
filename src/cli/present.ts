import type { Alert } from '../model/assessment.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Io, OutStream } from './io.js';
import type { FileSummary, ReasonCount } from '../ingest/ingest.js';
import type { IngestRunResult } from '../pipeline/validate.js';
import type { ScreenResult } from '../pipeline/screen.js';
import { CAVEAT_TEXT, changeText } from '../pipeline/outputs.js';
import type { ScreeningWarning } from '../model/screening.js';
import { formatProblem, type UserError } from '../util/errors.js';
import { escapeControls, groupedInt } from '../util/text.js';
import { formatLocalDate } from '../util/time.js';
import { fitWidth, renderTable, type Column } from './table.js';

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function colourFor(stream: OutStream, env: Io['env']): ChalkInstance {
  const on = !!stream.isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  return new Chalk({ level: on ? 1 : 0 });
}

const int = groupedInt;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `'${d}'`;
}

function formatText(d: FileSummary['dialect']): string {
  if (d.format === 'xlsx') return `Excel sheet "${printable(d.sheet ?? '')}"`;
  if (d.format === 'geojson') return 'GeoJSON features (line = feature number)';
  return `${d.encoding}${d.bom ? ' with BOM' : ''}, delimiter ${delimiterName(d.delimiter)}`;
}

function reasonLines(title: string, list: ReasonCount[], c: ChalkInstance): string[] {
  if (list.length === 0) return [];
  const width = Math.max(...list.map((r) => r.code.length));
  return [
    `  ${title}:`,
    ...list.map(
      (r) =>
        `    ${c.bold(int(r.count).padStart(7))}  ${r.code.padEnd(width)}  ${printable(r.reason)}  ${c.dim(`(lines ${r.firstLines.join(', ')}${r.count > r.firstLines.length ? ', ...' : ''})`)}`,
    ),
  ];
}

function fileBlock(f: FileSummary, c: ChalkInstance): string[] {
  const d = f.dialect;
  const dates =
    f.firstReportedAt === null
      ? 'no dates'
      : `${formatLocalDate(f.firstReportedAt, f.timeZone)} .. ${formatLocalDate(f.lastReportedAt!, f.timeZone)}`;
  const themes = Object.entries(f.themes)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${int(n)}`)
    .join(', ');
  const precision = Object.entries(f.precision)
    .map(([p, n]) => `${p} ${int(n)}`)
    .join(', ');
  return [
    c.bold(printable(f.path)),
    `  profile ${f.profile}; ${formatText(d)}, ${d.header ? 'header row' : 'no header'}, ${d.columns} columns`,
    `  read ${int(f.read)} = accepted ${int(f.accepted)} + rejected ${int(f.rejected)} + duplicates ${int(f.duplicates)}`,
    `  dates ${dates} (${f.timeZone}; time precision: ${precision || 'none'})`,
    `  themes ${themes || 'none'}`,
    ...categoryLines(f),
    ...f.notes.map((n) => `  ${c.yellow('note')} ${printable(n)}`),
    ...reasonLines('not accepted', f.rejectReasons, c),
    ...reasonLines('warnings (row kept)', f.warnings, c),
  ];
}

/** Which theme each category became (the largest first), so a wrong mapping shows at once. */
function categoryLines(f: FileSummary): string[] {
  if (f.categories.length === 0) return [];
  const shown = f.categories.slice(0, 12);
  const width = Math.min(60, Math.max(...shown.map((c) => printable(c.category || '(no category)').length)));
  return [
    '  categories -> theme:',
    ...shown.map((c) => `    ${int(c.reports).padStart(7)}  ${cell(c.category || '(no category)', width)}  -> ${c.theme}`),
    ...(f.categories.length > shown.length
      ? [`    ... and ${int(f.categories.length - shown.length)} more (validate --json lists them)`]
      : []),
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
  lines.push(
    `total: read ${int(t.read)} = accepted ${int(t.accepted)} + rejected ${int(t.rejected)}${excluded} + duplicates ${int(t.duplicates)}; ${verdict}`,
  );
  if (result.rejectsPath) lines.push(`rejected and duplicate rows listed in ${result.rejectsPath}`);
  return `${lines.join('\n')}\n`;
}

/** A user error: what, where, how to fix; no stack. */
export function formatUserError(err: UserError, c: ChalkInstance): string {
  const lines = [`${c.red('error:')} ${escapeControls(err.message)}`];
  for (const p of err.problems) lines.push(`  ${escapeControls(formatProblem(p))}`);
  if (err.hint) lines.push(`  ${c.dim('hint:')} ${escapeControls(err.hint)}`);
  return `${lines.join('\n')}\n`;
}

/** Text from an input, safe on a terminal: control characters shown as escapes (\x1b), one line. */
const printable = (text: string) => escapeControls(text.replace(/\r?\n|\t/g, ' '));

/** Warnings under the screening header: what could not be judged, and why little was found. */
function warningLines(warnings: readonly ScreeningWarning[], c: ChalkInstance): string[] {
  return warnings.flatMap((w) => [
    `  ${c.yellow('warning')} ${printable(w.message)}`,
    ...(w.hint ? [`    ${c.dim('hint:')} ${printable(w.hint)}`] : []),
  ]);
}

/** Pads or cuts text to a width (for the terminal table). */
function cell(raw: string, width: number): string {
  return fitWidth(printable(raw), width).padEnd(width);
}

/** What each alert asks of the team (operational messages are English; see report/words.ts for the outputs). */
const ALERT_TEXT: Record<Alert['code'], string> = {
  'new-unassessed': 'new hotspots, not yet assessed (hotspots assess KEY --status ...)',
  'aanpak-intensifying': 'under aanpak and still intensifying',
  relapse: 'afgesloten, but reported again since the closing date (relapse)',
};

/** How wide a table may be (see tableWidth), and whether to cut nothing (--wide). */
export interface TableView {
  width: number;
  wide: boolean;
}

/**
 * The ranked hotspots as a table that fits the terminal: the place (and the indicators) are cut
 * with an ellipsis first, then the change, hot-time, trend and indicator columns are left out.
 * With a history, places are shown by their key.
 */
function hotspotTable(s: ScreenResult['screening'], c: ChalkInstance, view: TableView): string[] {
  const withHistory = s.hotspots.some((h) => h.history);
  const withStatus = s.hotspots.some((h) => h.history?.assessment);
  const columns: Column[] = [
    { header: '#', align: 'right' },
    { header: withHistory ? 'key' : 'id' },
    { header: 'kind' },
    { header: 'place', max: 40, min: 16, shrink: 2 },
    { header: 'score', align: 'right' },
    { header: 'class', colour: (t, r) => (s.hotspots[r]!.class === 'hotspot' ? c.red(t) : c.yellow(t)) },
    { header: 'rep', align: 'right' },
    { header: 'mld', align: 'right' },
    { header: 'wk', align: 'right' },
    { header: 'peak hottime', drop: 2 },
    ...(withHistory
      ? [
          { header: 'trend', drop: 3 },
          { header: 'change', drop: 1 },
        ]
      : []),
    ...(withStatus ? [{ header: 'status', drop: 2 }] : []),
    {
      header: 'indicators',
      min: 24,
      shrink: 1,
      drop: 4,
      colour: (t) => t.replace(/(^|\s)(-\S+)/g, (_, sp: string, w: string) => sp + c.dim(w)).replace(/\[[^\]]*\]?/g, (m) => c.yellow(m)),
    },
  ];
  const rows = s.hotspots.map((h, k) => [
    String(k + 1),
    h.history?.key ?? h.id,
    h.kind === 'dwelling' ? 'woning' : 'plek',
    printable(h.place),
    `${h.score}${h.giStar?.significant ? '*' : ' '}`,
    h.class,
    String(h.reports),
    String(h.reporters),
    String(h.activeWeeks),
    h.peakHottime?.label ?? '',
    ...(withHistory ? [h.history?.trend ?? '', h.history ? changeText(h.history.change) : ''] : []),
    ...(withStatus ? [h.history?.assessment ? `${h.history.assessment.status} ${h.history.assessment.since}` : ''] : []),
    [
      ...h.indicators.filter((i) => i.fired).map((i) => (i.weight < 0 ? `-${i.id}` : i.id)),
      ...h.caveats.map((k) => `[${CAVEAT_TEXT[k]}]`),
    ].join(' '),
  ]);
  return renderTable(columns, rows, { ...view, bold: (t) => c.bold(t) });
}

/** The ranked hotspot table plus a short provenance block, as `screen` prints it. */
export function formatScreening(
  result: ScreenResult,
  c: ChalkInstance,
  outDir: string,
  view: TableView = { width: Infinity, wide: false },
): string {
  const s = result.screening;
  const t = result.ingest.totals;
  const f = s.funnel;
  const e = s.period.evidence;
  const lines = [
    c.bold(`Screening ${s.period.label} with rules "${s.rules.name}"`),
    ...(s.period.endsAtData
      ? [`  the period ends at the last report (${formatLocalDate(s.period.toMs - 1)}); pass --period, --to or --now for another end`]
      : []),
    ...(e.windowDays !== null
      ? [
          `  judged over the ${e.windowDays % 7 === 0 ? `${e.windowDays / 7} weeks` : `${e.windowDays} days`} up to the period's end: ${formatLocalDate(e.fromMs)}..${formatLocalDate(e.toMs - 1)}`,
        ]
      : []),
    `  reports: read ${int(t.read)} = accepted ${int(t.accepted)} + rejected ${int(t.rejected)} + duplicates ${int(t.duplicates)}`,
    `  accepted ${int(f.accepted)} = screened ${int(f.screened)} + out of scope ${int(f.outOfScope)} + outside the ${e.windowDays !== null ? 'window' : 'period'} ${int(f.outsidePeriod)}`,
    `  candidates: ${int(s.candidates.publicSpace)} public-space clusters, ${int(s.candidates.dwellings)} dwellings; ${int(s.candidates.belowWatch)} below "watch"`,
    s.grid
      ? `  Gi* grid: ${s.grid.cellSizeM} m cells, ${int(s.grid.hotCells)} of ${int(s.grid.cells)} significantly hot (FDR ${s.grid.fdr})`
      : '  Gi* grid: too few points',
    ...warningLines(s.warnings, c),
    '',
  ];
  if (s.hotspots.length === 0) lines.push('No hotspot or watch candidates.');
  else {
    lines.push(...hotspotTable(s, c, view));
    lines.push('', c.dim('rep = reports, mld = distinct reporters, wk = active weeks, * = on a significant Gi* hot cell'));
  }
  const hot = s.hotspots.filter((h) => h.class === 'hotspot').length;
  if (s.history) {
    const gone = s.history.gone.map((g) => `${g.key} (${g.place})`).join(', ');
    const compared = s.history.previousRunId !== undefined ? `compared with run ${s.history.previousRunId}` : 'first run in the history';
    lines.push(
      `history: run ${s.history.runId}${s.history.replaced ? ' (replaced the earlier run of the same inputs, rules and period)' : ''}; ${compared}${gone ? `; gone: ${gone}` : ''}`,
    );
    for (const code of Object.keys(ALERT_TEXT) as Array<Alert['code']>) {
      const keys = s.history.alerts.filter((a) => a.code === code).map((a) => a.key);
      if (keys.length === 0) continue;
      const listed = keys.length > 8 ? `${keys.slice(0, 8).join(', ')} and ${keys.length - 8} more` : keys.join(', ');
      lines.push(c.yellow(`alert: ${ALERT_TEXT[code]}: ${listed}`));
    }
  }
  lines.push(`${hot} hotspots, ${s.hotspots.length - hot} to watch; files in ${outDir}/`);
  if (result.ingest.overThreshold)
    lines.push(
      c.red(`reject rate ${pct(t.rejectRate)} is over the maximum ${pct(result.ingest.maxRejectRate)}; see ${outDir}/rejects.csv`),
    );
  return `${lines.join('\n')}\n`;
}
