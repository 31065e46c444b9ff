import { durationDays, type ClassesRule, type Condition, type IndicatorRule, type Rules } from './schema.js';
import { classesFor, scopeFor } from './resolve.js';
import type { LocationKind } from '../model/scoring.js';

const MEASURE_TEXT: Record<IndicatorRule['measure'], (i: IndicatorRule, signalLabel: string, recent: string) => string> = {
  reports: () => 'the number of reports',
  reporters: () => 'the number of distinct reporters',
  activeWeeks: () => 'the number of weeks with at least one report',
  signalShare: (_, s) => `the share of reports that are "${s}"`,
  signalCount: (_, s) => `the number of reports that are "${s}"`,
  sources: () => 'the number of sources (municipality, police, ...)',
  recentReports: (i, _s, recent) => `the number of reports in the last ${i.windowDays ? `${i.windowDays} days` : recent} of the period`,
  peakWeeksShare: (i) => `the share of reports in the busiest ${i.weeks} consecutive weeks`,
  busiestWeeksShare: (i) => `the share of reports in the ${i.weeks} busiest weeks (consecutive or not: a yearly event counts too)`,
  topReporterShare: () => 'the share of reports made by the most active reporter',
  samePointShare: () => 'the share of reports on the single most common exact point',
  spanWeeks: () => 'the number of weeks from the first report to the last',
};

function conditionText(c: Condition): string {
  const parts: string[] = [];
  if (c.themes) parts.push(`theme is ${c.themes.join(' or ')}`);
  if (c.categories) parts.push(`category contains a word starting with ${c.categories.map((w) => `"${w}"`).join(', ')}`);
  if (c.keywords) parts.push(`free text contains a word starting with ${c.keywords.map((w) => `"${w}"`).join(', ')}`);
  if (c.hours) parts.push(`local time from ${c.hours.from}:00 to ${c.hours.to}:00`);
  if (c.weekdays) parts.push(`on ${c.weekdays.join(', ')}`);
  if (c.sources) parts.push(`source is ${c.sources.join(' or ')}`);
  return parts.join(' and ');
}

const whenText = (when: readonly Condition[]) => when.map(conditionText).join('; or ');

function threshold(i: IndicatorRule): string {
  if (i.min !== undefined && i.max !== undefined) return `is between ${i.min} and ${i.max}`;
  return i.min !== undefined ? `is at least ${i.min}` : `is at most ${i.max}`;
}

const durationText = (d: string) => { const days = durationDays(d); return days % 7 === 0 ? `${days / 7} weeks` : `${days} days`; };

function classLines(name: string, c: ClassesRule['hotspot']): string {
  const req = c.require.length > 0 ? `, and ${c.require.join(', ')} fire` : '';
  const unless = c.unless.length > 0 ? `, unless ${c.unless.join(' or ')} fires` : '';
  return `    ${name}: score at least ${c.minScore}${req}${unless}.`;
}

function kindLines(r: Rules, kind: LocationKind): string[] {
  const scope = scopeFor(r, kind);
  const classes = classesFor(r, kind);
  const what = kind === 'dwelling'
    ? `Dwellings (woonoverlast): ${r.dwellings.minReports} or more reports at one address (street + house number + suffix + city; or postcode + house number)`
    : `Public-space locations: clusters of at least ${r.clustering.minPoints} reports within ${r.clustering.epsM} m of each other (DBSCAN), from the reports no dwelling took`;
  return [
    `${what}.`,
    `  Reports counted: ${scope ? `those where ${whenText(scope)}` : 'all'}.`,
    '  Classes:',
    classLines('hotspot', classes.hotspot),
    classLines('watch', classes.watch),
  ];
}

/** The rules in plain language, for `hotspots rules explain`. */
export function explainRules(r: Rules): string {
  const label = new Map(r.signals.map((s) => [s.id, s.label]));
  const recent = durationText(r.recent);
  const lines = [`Rules "${r.name}"${r.description ? `: ${r.description}` : ''}`, ''];
  lines.push(...kindLines(r, 'dwelling'), '', ...kindLines(r, 'public-space'), '');
  lines.push(
    `Period and evidence: a period shorter than ${durationText(r.window)} (--period last-week, last-4-weeks, a week or a month) is judged on the reports`,
    `of the ${durationText(r.window)} ending at the period's end (--window changes it); longer periods and --from/--to are judged whole.`,
    'Thresholds stay the same whatever the period. On a list judged over the window, a hotspot without a report in the last',
    `${recent} of the period has gone quiet: it is listed as watch ("gone quiet").`,
    'Reporters unknown: where most of a location\'s reports name no reporter, indicators about reporters are not judged: they add no',
    'points, are not required, and the minimum score is lowered by the points they could have added. Such a location is classified on',
    'the remaining evidence and marked "melders onbekend": the one-reporter guard could not run, so the gebiedsteam checks it.',
    `Statistical check: Getis-Ord Gi* on ${r.grid.cellSizeM ? `a ${r.grid.cellSizeM} m` : 'an automatic'} grid, false discovery rate ${r.grid.fdr}.`,
    '', 'Signals (per report):',
  );
  for (const s of r.signals) lines.push(`  ${s.id}: "${s.label}" when ${whenText(s.when)}.`);
  lines.push('', 'Indicators (per location; the score is the sum of the points of those that fire):');
  for (const i of r.indicators) {
    const what = MEASURE_TEXT[i.measure](i, (i.signal && label.get(i.signal)) ?? '', recent);
    const sign = i.weight >= 0 ? `+${i.weight}` : `${i.weight}`;
    const kinds = i.appliesTo ? ` (${i.appliesTo.map((k) => (k === 'dwelling' ? 'dwellings' : 'public space')).join(', ')} only)` : '';
    lines.push(`  ${i.id} (${sign}): ${i.label}; fires when ${what} ${threshold(i)}${kinds}.`);
  }
  lines.push('', 'Indicators that do not apply to a kind of location are not required of it.');
  return `${lines.join('\n')}\n`;
}
