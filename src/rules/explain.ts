import type { Condition, IndicatorRule, Rules } from './schema.js';

const MEASURE_TEXT: Record<IndicatorRule['measure'], (i: IndicatorRule, signalLabel: string) => string> = {
  reports: () => 'the number of reports',
  reporters: () => 'the number of distinct reporters',
  activeWeeks: () => 'the number of weeks with at least one report',
  signalShare: (_, s) => `the share of reports that are "${s}"`,
  signalCount: (_, s) => `the number of reports that are "${s}"`,
  sources: () => 'the number of sources (municipality, police, ...)',
  recentReports: (i) => `the number of reports in the last ${i.windowDays} days of the period`,
  peakWeeksShare: (i) => `the share of reports in the busiest ${i.weeks} consecutive weeks`,
  topReporterShare: () => 'the share of reports made by the most active reporter',
  samePointShare: () => 'the share of reports on the single most common exact point',
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

/** The rules in plain language, for `hotspots rules explain`. */
export function explainRules(r: Rules): string {
  const label = new Map(r.signals.map((s) => [s.id, s.label]));
  const lines = [`Rules "${r.name}"${r.description ? `: ${r.description}` : ''}`, ''];
  lines.push(r.scope ? `Screened reports: those where ${whenText(r.scope)}.` : 'Screened reports: all.');
  lines.push(
    `Public-space locations: reports with at least ${r.clustering.minPoints} reports within ${r.clustering.epsM} m are clustered (DBSCAN).`,
    `Dwellings: ${r.dwellings.minReports} or more reports at one address (postcode + house number).`,
    `Statistical check: Getis-Ord Gi* on a ${r.grid.cellSizeM ? `${r.grid.cellSizeM} m` : 'automatic'} grid, false discovery rate ${r.grid.fdr}.`,
    '', 'Signals (per report):',
  );
  for (const s of r.signals) lines.push(`  ${s.id}: "${s.label}" when ${whenText(s.when)}.`);
  lines.push('', 'Indicators (per location; the score is the sum of the points of those that fire):');
  for (const i of r.indicators) {
    const what = MEASURE_TEXT[i.measure](i, (i.signal && label.get(i.signal)) ?? '');
    const sign = i.weight >= 0 ? `+${i.weight}` : `${i.weight}`;
    const kinds = i.appliesTo ? ` (${i.appliesTo.join(', ')} only)` : '';
    lines.push(`  ${i.id} (${sign}): ${i.label}; fires when ${what} ${threshold(i)}${kinds}.`);
  }
  lines.push('', 'Classes:');
  for (const [name, c] of [['hotspot', r.classes.hotspot], ['watch', r.classes.watch]] as const) {
    const req = c.require.length > 0 ? `, and ${c.require.join(', ')} fire` : '';
    const unless = c.unless.length > 0 ? `, unless ${c.unless.join(' or ')} fires` : '';
    lines.push(`  ${name}: score at least ${c.minScore}${req}${unless}.`);
  }
  lines.push('  Indicators that do not apply to a kind of location are not required of it.');
  return `${lines.join('\n')}\n`;
}
