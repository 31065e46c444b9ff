import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { inputOptions, type InputFlags } from '../options.js';
import { ingestSettings, maxRejectRate } from '../ingest-flags.js';
import { buildIngestOptions, loadRulesFile } from '../../pipeline/inputs.js';
import { compareProfiles, hottimesJson, hottimesOf, type HottimeGrouping, type HottimeSet } from '../../pipeline/hottimes.js';
import { historyKeys, historyPath } from '../../pipeline/history.js';
import { DAY_NAMES } from '../../score/hottime.js';
import { parsePeriod } from '../../util/period.js';

interface HottimeFlags extends InputFlags {
  rules?: string;
  period?: string;
  compare?: string;
  by?: HottimeGrouping;
  json?: boolean;
  db?: string;
  history: boolean;
}

const SHADES = ' .:-=+*#%@';
const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** A 7 x 24 heatmap of an hour-of-week profile, darker = busier (relative to its own maximum). */
export function heatmap(hours: readonly number[]): string {
  const max = Math.max(...hours, 1e-12);
  const lines = [`     ${Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? String(h).padEnd(3) : '')).join('')}`];
  for (let d = 0; d < 7; d++) {
    const row = hours
      .slice(d * 24, d * 24 + 24)
      .map((v) => SHADES[Math.min(SHADES.length - 1, Math.round((v / max) * (SHADES.length - 1)))])
      .join('');
    lines.push(`  ${DAY_NAMES[d]} ${row}`);
  }
  return lines.join('\n');
}

/** What the shades of the heatmap mean: each from its share of the busiest hour of the week. */
export function heatmapLegend(): string {
  const steps = [...SHADES].map(
    (ch, k) => `${ch === ' ' ? "' '" : ch} ${k === 0 ? 0 : Math.round(((k - 0.5) / (SHADES.length - 1)) * 100)}`,
  );
  return `  shades, from this % of the busiest hour: ${steps.join('  ')}`;
}

function describeSet(s: HottimeSet): string[] {
  const o = s.overall;
  const months = o.months.map((v, i) => `${MONTHS[i]} ${v}`).join(' ');
  const lines = [
    `${s.period.label}: ${o.reports} screened reports; busiest 3 hours ${o.peak ?? '-'}`,
    heatmap(o.hours),
    heatmapLegend(),
    `  per month: ${months}`,
  ];
  if (s.groups.length > 0) {
    lines.push('  busiest 3 hours per group:');
    for (const g of s.groups) lines.push(`    ${g.name.padEnd(44).slice(0, 44)} ${String(g.reports).padStart(6)}  ${g.peak ?? '-'}`);
  }
  if (s.eventDays.length > 0) {
    lines.push("  event days (far above the place's own daily baseline):");
    for (const e of s.eventDays)
      lines.push(
        `    ${e.date}  ${String(e.reports).padStart(3)} reports (expected ${e.expected.toFixed(2)})  ${e.key ?? e.id}  ${e.place}`,
      );
  }
  return lines;
}

/** `hotspots hottimes FILE...`: when nuisance happens, and how that changed between periods. */
export function hottimesCommand(ctx: CommandContext): Command {
  const cmd = new Command('hottimes')
    .summary('hour-of-week heatmap, months and event days; compare two periods')
    .description(
      'Aoristic hour-of-week profile (a report with an incident window spreads its weight over the hours it covers),\n' +
        'overall and per theme, hotspot or buurt; month profile; event days; with --compare, which hours rose or fell.',
    )
    .argument('<files...>', 'CSV exports')
    .option('--rules <file>', 'indicator rules (their scope selects the reports)')
    .option('--period <spec>', 'last-week, last-4-weeks, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY (default: all)')
    .option('--compare <spec>', 'a second period to compare with (same forms)')
    .addOption(new Option('--by <grouping>', 'profiles per group').choices(['theme', 'hotspot', 'buurt']).default('theme'))
    .option(
      '--db <file>',
      'history that names the places by their keys (default $HOTSPOTS_DB or ./hotspots.sqlite, when it exists; read only)',
    )
    .option('--no-history', 'name places by their candidate ids, without reading a history')
    .option('--json', 'as JSON (schema version 2, see README)');
  for (const o of inputOptions()) cmd.addOption(o);
  return cmd.action(async (files: string[], flags: HottimeFlags) => {
    const { io } = ctx;
    const settings = ingestSettings(flags, io);
    const base = { ...buildIngestOptions(settings), files, rules: loadRulesFile(io.cwd, flags.rules), maxRejectRate: maxRejectRate(flags) };
    // Hot times describe the period itself: never the evidence window a hotspot list is judged over.
    const asked = (spec: string) => ({ ...parsePeriod(spec, settings.nowMs, { ranges: false }), lookback: false });
    const period = flags.period ? asked(flags.period) : { openEndAtNow: flags.now !== undefined };
    const dbPath = historyPath(io.cwd, io.env, flags.db);
    const keysOf = flags.history
      ? (s: Parameters<typeof historyKeys>[0]) => historyKeys(s, dbPath, base.rules.rules.clustering.epsM)
      : undefined;
    const by = flags.by ?? 'theme';
    const main = await hottimesOf({ ...base, period }, by, keysOf);
    const other = flags.compare ? await hottimesOf({ ...base, period: asked(flags.compare) }, by, keysOf) : undefined;
    const change = other ? compareProfiles(other.overall.hours, main.overall.hours) : undefined;
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(hottimesJson(by, main, other, change), null, 2)}\n`);
      return;
    }
    const lines = [...(other ? [...describeSet(other), ''] : []), ...describeSet(main)];
    if (change && other) {
      lines.push('', `from ${other.period.label} to ${main.period.label} (share of the week's reports, 3-hour windows):`);
      for (const c of change.rose)
        lines.push(`  rose  ${c.window.padEnd(18)} ${c.before.toFixed(1)} % -> ${c.after.toFixed(1)} % (+${c.changePt.toFixed(1)} pt)`);
      for (const c of change.fell)
        lines.push(`  fell  ${c.window.padEnd(18)} ${c.before.toFixed(1)} % -> ${c.after.toFixed(1)} % (${c.changePt.toFixed(1)} pt)`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  });
}
