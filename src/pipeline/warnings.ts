import type { Theme } from '../model/incoming.js';
import { dwellingKeyAt, textAt, themeAt, type ReportBatch } from '../model/batch.js';
import { REPORTER_MEASURES, type LocationKind } from '../model/scoring.js';
import type { IndicatorOutcome, Screening, ScreeningWarning } from '../model/screening.js';
import type { Rules } from '../rules/schema.js';
import { classesFor } from '../rules/resolve.js';
import { formatLocalDate } from '../util/time.js';
import { groupedInt } from '../util/text.js';

/** Days the data may end before a relative period (last-week, last-4-weeks) ends without a warning. */
export const STALE_EXPORT_DAYS = 14;
/** Below this share of in-period reports in scope, the out-of-scope categories are named. */
const LITTLE_IN_SCOPE_SHARE = 0.1;
/** Distinct out-of-scope categories tallied (a free-text category column could have millions). */
const MAX_CATEGORIES = 2000;

interface FileCensus {
  accepted: number;
  withReporter: number;
  withHouseNumber: number;
  withText: number;
}

/**
 * What the inputs hold, counted while reading: per file how many reports name a reporter, a house
 * number and free text; the largest out-of-scope categories; the last report. Only counts are
 * kept: no text and no identifiers.
 */
export class InputCensus {
  readonly files = new Map<string, FileCensus>();
  readonly outOfScopeCategories = new Map<string, { theme: Theme; count: number }>();
  lastReportedAt = -Infinity;
  firstReportedAt = Infinity;

  /** Counts report `j` of a batch. */
  count(b: ReportBatch, j: number): void {
    let f = this.files.get(b.file);
    if (!f) this.files.set(b.file, (f = { accepted: 0, withReporter: 0, withHouseNumber: 0, withText: 0 }));
    const at = b.reportedAt[j]!;
    f.accepted++;
    if (b.reporter[j]! >= 0) f.withReporter++;
    if (dwellingKeyAt(b, j)) f.withHouseNumber++;
    if (b.hasText[j]) f.withText++;
    if (at > this.lastReportedAt) this.lastReportedAt = at;
    if (at < this.firstReportedAt) this.firstReportedAt = at;
  }

  outOfScope(b: ReportBatch, j: number): void {
    const key = textAt(b.category, j) || '(no category)';
    const c = this.outOfScopeCategories.get(key);
    if (c) c.count++;
    else if (this.outOfScopeCategories.size < MAX_CATEGORIES) this.outOfScopeCategories.set(key, { theme: themeAt(b, j), count: 1 });
  }
}

/** A candidate that did not reach the watch class (kept for the "why nothing" warning only). */
export interface BelowWatch {
  kind: LocationKind;
  reports: number;
  score: number;
  indicators: IndicatorOutcome[];
}

export interface WarningInput {
  screening: Screening;
  rules: Rules;
  census: InputCensus;
  belowWatch: readonly BelowWatch[];
  /** The period is relative to now (cron): check the data reach its end. */
  relative?: boolean;
}

const int = groupedInt;
const list = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');

/** Every warning for a screening, in a fixed order. */
export function screeningWarnings(w: WarningInput): ScreeningWarning[] {
  return [
    ...emptyInputs(w),
    ...missingColumns(w),
    ...staleExport(w),
    ...emptyPeriod(w),
    ...scopeWarnings(w),
    ...nothingFound(w),
    ...reportersUnknown(w),
  ];
}

function filesWhere(w: WarningInput, test: (f: FileCensus) => boolean): string[] {
  return [...w.census.files]
    .filter(([, f]) => f.accepted > 0 && test(f))
    .map(([file]) => file)
    .sort();
}

function emptyInputs(w: WarningInput): ScreeningWarning[] {
  const empty = w.screening.inputs.filter((i) => i.read === 0).map((i) => i.path);
  if (empty.length === 0) return [];
  return [
    {
      code: 'empty-input',
      details: { files: empty },
      message: `${empty.join(', ')}: a header but no rows`,
      hint: 'export the data again: the export may have been cut off, or its period was empty',
    },
  ];
}

function missingColumns(w: WarningInput): ScreeningWarning[] {
  const out: ScreeningWarning[] = [];
  const reporterIndicators = w.rules.indicators.filter((i) => REPORTER_MEASURES.has(i.measure)).map((i) => i.id);
  const noReporter = filesWhere(w, (f) => f.withReporter === 0);
  if (noReporter.length > 0 && reporterIndicators.length > 0) {
    out.push({
      code: 'no-reporter-column',
      details: { files: noReporter, indicators: reporterIndicators },
      message:
        `${noReporter.join(', ')}: no report names a reporter (no reporter column, or it is empty), so ${list(reporterIndicators)} cannot be judged ` +
        'where these reports are the majority; such hotspots are classified on the other evidence and marked "melders onbekend"',
      hint: 'map the reporter column (fields.reporter: e-mail or phone; it is pseudonymised) if the export has one; otherwise the gebiedsteam checks each "melders onbekend" hotspot for a single complainer',
    });
  }
  const noAddress = filesWhere(w, (f) => f.withHouseNumber === 0);
  if (noAddress.length > 0) {
    out.push({
      code: 'no-address-column',
      details: { files: noAddress },
      message: `${noAddress.join(', ')}: no report has a postcode and house number, so no dwelling (woonoverlast address) can be found from it`,
      hint: 'map fields.postcode and fields.houseNumber (and fields.street) if the export has them',
    });
  }
  const keywordSignals = w.rules.signals.filter((s) => s.when.some((c) => c.keywords)).map((s) => s.id);
  const noText = filesWhere(w, (f) => f.withText === 0);
  if (noText.length > 0 && keywordSignals.length > 0) {
    out.push({
      code: 'no-text-column',
      details: { files: noText, signals: keywordSignals },
      message: `${noText.join(', ')}: no free text, so the keyword part of the signals ${list(keywordSignals)} cannot fire for its reports (themes and categories still count)`,
      hint: 'map fields.text (the description; it is used in memory only, never stored) if the export has one',
    });
  }
  return out;
}

function staleExport(w: WarningInput): ScreeningWarning[] {
  const p = w.screening.period;
  const last = w.census.lastReportedAt;
  if (!w.relative || !Number.isFinite(last)) return [];
  if (last >= p.toMs - STALE_EXPORT_DAYS * 86_400_000) return [];
  const end = formatLocalDate(last);
  return [
    {
      code: 'stale-export',
      details: { lastReport: end, periodEnd: formatLocalDate(p.toMs - 1) },
      message: `the export ends ${end}, more than ${STALE_EXPORT_DAYS} days before the period ends (${formatLocalDate(p.toMs - 1)}); is it complete?`,
      hint: 'export the source again, or screen a period the data cover (--period, --from/--to)',
    },
  ];
}

function emptyPeriod(w: WarningInput): ScreeningWarning[] {
  const f = w.screening.funnel;
  if (f.accepted === 0 || f.outsidePeriod < f.accepted) return [];
  const e = w.screening.period.evidence;
  const [dataFrom, dataTo] = [formatLocalDate(w.census.firstReportedAt), formatLocalDate(w.census.lastReportedAt)];
  const range = `${dataFrom} .. ${dataTo}`;
  return [
    {
      code: 'no-reports-in-period',
      details: { dataFrom, dataTo },
      message: `none of the ${int(f.accepted)} accepted reports falls in ${formatLocalDate(e.fromMs)} .. ${formatLocalDate(e.toMs - 1)}; the data run ${range}`,
      hint: 'choose a period the data cover, or check --now',
    },
  ];
}

function scopeWarnings(w: WarningInput): ScreeningWarning[] {
  const f = w.screening.funnel;
  const inPeriod = f.screened + f.outOfScope;
  if (inPeriod === 0 || f.screened >= LITTLE_IN_SCOPE_SHARE * inPeriod) return [];
  const top = [...w.census.outOfScopeCategories].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  const named = top.map(([category, c]) => `"${category}" (${int(c.count)}, theme ${c.theme})`).join(', ');
  const themes = [...new Set(top.map(([, c]) => c.theme))];
  const unthemed = top.filter(([, c]) => c.theme === 'overig').map(([category]) => category);
  const hint = [
    `add the themes to the scope in a copy of the rules (publicSpace.scope / dwellings.scope themes: ${themes.join(', ')}) and pass it with --rules`,
    unthemed.length > 0
      ? `or give these categories a theme with a mapping rule (themes: [{match: "${unthemed[0]}", theme: personen}]) and --map`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  return [
    {
      code: f.screened === 0 ? 'nothing-in-scope' : 'little-in-scope',
      details: {
        screened: f.screened,
        outOfScope: f.outOfScope,
        categories: top.map(([category, c]) => ({ category, theme: c.theme, reports: c.count })),
      },
      message: `${f.screened === 0 ? 'no report' : `only ${int(f.screened)} of ${int(inPeriod)} reports`} in the period ${f.screened === 0 ? 'is' : 'are'} in the rules' scope; the largest out-of-scope categories: ${named}`,
      hint,
    },
  ];
}

function nothingFound(w: WarningInput): ScreeningWarning[] {
  const s = w.screening;
  if (s.hotspots.length > 0 || s.funnel.screened === 0) return [];
  const c = w.rules.clustering;
  if (w.belowWatch.length === 0) {
    return [
      {
        code: 'no-candidates',
        details: { screened: s.funnel.screened },
        message:
          `none of the ${int(s.funnel.screened)} screened reports form a candidate: no address has ${w.rules.dwellings.minReports} or more, ` +
          `and no ${c.minPoints} reports lie within ${c.epsM} m of each other`,
        hint: 'screen a longer period, add inputs, or lower dwellings.minReports / clustering.minPoints in a copy of the rules',
      },
    ];
  }
  const best = [...w.belowWatch].sort((a, b) => b.score - a.score || b.reports - a.reports)[0]!;
  const watch = classesFor(w.rules, best.kind).watch;
  const missing = watch.require.filter((id) => {
    const i = best.indicators.find((x) => x.id === id);
    return i?.applies && i.judged && !i.fired;
  });
  return [
    {
      code: 'below-watch',
      details: { candidates: w.belowWatch.length, bestScore: best.score, watchMinScore: watch.minScore, missing },
      message:
        `${int(w.belowWatch.length)} candidate(s) found, none reached "watch": the best (${best.kind}, ${best.reports} reports) scores ${best.score} ` +
        `of the ${watch.minScore} needed${missing.length > 0 ? `, and ${list(missing)} did not fire` : ''}`,
      hint: 'see `hotspots rules explain` for what each class needs',
    },
  ];
}

function reportersUnknown(w: WarningInput): ScreeningWarning[] {
  const marked = w.screening.hotspots.filter((h) => h.caveats.includes('reporters-unknown'));
  if (marked.length === 0) return [];
  return [
    {
      code: 'reporters-unknown',
      details: { hotspots: marked.length },
      message:
        `${marked.length} location(s) were classified without knowing who reported them ("melders onbekend"): the several-reporters ` +
        'requirement and the one-reporter guard were left out',
      hint: 'the gebiedsteam checks these for a single complainer when it assesses them',
    },
  ];
}
