import { durationDays, type ClassesRule, type Condition, type IndicatorRule, type Rules } from './schema.js';
import { classesFor, scopeFor } from './resolve.js';
import type { LocationKind } from '../model/scoring.js';
import type { Lang } from '../model/lang.js';

type Measured = (i: IndicatorRule, signal: string, recent: string) => string;

/** Every phrase of `rules explain`, per language; the rules' own labels and ids are shown as written. */
interface ExplainText {
  measure: Record<IndicatorRule['measure'], Measured>;
  condition: {
    themes: (list: string) => string;
    categories: (words: string) => string;
    keywords: (words: string) => string;
    hours: (from: number, to: number) => string;
    weekdays: (days: string) => string;
    sources: (list: string) => string;
    or: string;
    and: string;
    orClause: string;
    all: string;
    scoped: (when: string) => string;
  };
  threshold: { between: (a: number, b: number) => string; atLeast: (a: number) => string; atMost: (b: number) => string };
  duration: (weeks: number | null, days: number) => string;
  classLine: (name: string, minScore: number, require: readonly string[], unless: string) => string;
  kind: {
    dwelling: (minReports: number) => string;
    publicSpace: (minPoints: number, epsM: number) => string;
    counted: (when: string) => string;
    classes: string;
  };
  title: (name: string, description?: string) => string;
  period: (window: string, recent: string) => string[];
  grid: (cell: number | undefined, fdr: number) => string;
  signals: string;
  signal: (id: string, label: string, when: string) => string;
  indicators: string;
  indicator: (id: string, sign: string, label: string, what: string, threshold: string, kinds: string) => string;
  only: (kinds: LocationKind[]) => string;
  closing: string;
  className: { hotspot: string; watch: string };
}

const quoteList = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

const TEXT: Record<Lang, ExplainText> = {
  en: {
    measure: {
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
    },
    condition: {
      themes: (l) => `theme is ${l}`,
      categories: (w) => `category contains a word starting with ${w}`,
      keywords: (w) => `free text contains a word starting with ${w}`,
      hours: (f, t) => `local time from ${f}:00 to ${t}:00`,
      weekdays: (d) => `on ${d}`,
      sources: (l) => `source is ${l}`,
      or: ' or ',
      and: ' and ',
      orClause: '; or ',
      all: 'all',
      scoped: (when) => `those where ${when}`,
    },
    threshold: { between: (a, b) => `is between ${a} and ${b}`, atLeast: (a) => `is at least ${a}`, atMost: (b) => `is at most ${b}` },
    duration: (weeks, days) => (weeks !== null ? `${weeks} weeks` : `${days} days`),
    classLine: (name, min, req, unless) =>
      `    ${name}: score at least ${min}${req.length > 0 ? `, and ${req.join(', ')} ${req.length === 1 ? 'fires' : 'fire'}` : ''}${unless ? `, unless ${unless} fires` : ''}.`,
    kind: {
      dwelling: (n) =>
        `Dwellings (woonoverlast): ${n} or more reports at one address (street + house number + suffix + city; or postcode + house number)`,
      publicSpace: (n, eps) =>
        `Public-space locations: clusters of at least ${n} reports within ${eps} m of each other (DBSCAN), from the reports no dwelling took`,
      counted: (when) => `  Reports counted: ${when}.`,
      classes: '  Classes:',
    },
    title: (name, d) => `Rules "${name}"${d ? `: ${d}` : ''}`,
    period: (window, recent) => [
      `Period and evidence: a period shorter than ${window} (--period last-week, last-4-weeks, a week or a month) is judged on the reports`,
      `of the ${window} ending at the period's end (--window changes it); longer periods and --from/--to are judged whole.`,
      'Thresholds stay the same whatever the period. On a list judged over the window, a hotspot without a report in the last',
      `${recent} of the period has gone quiet: it is listed as watch ("gone quiet").`,
      "Reporters unknown: where most of a location's reports name no reporter, indicators about reporters are not judged: they add no",
      'points, are not required, and the minimum score is lowered by the points they could have added. Such a location is classified on',
      'the remaining evidence and marked "reporters unknown": the one-reporter guard could not run, so the area team checks it.',
    ],
    grid: (cell, fdr) => `Statistical check: Getis-Ord Gi* on ${cell ? `a ${cell} m` : 'an automatic'} grid, false discovery rate ${fdr}.`,
    signals: 'Signals (per report):',
    signal: (id, label, when) => `  ${id}: "${label}" when ${when}.`,
    indicators: 'Indicators (per location; the score is the sum of the points of those that fire):',
    indicator: (id, sign, label, what, threshold, kinds) => `  ${id} (${sign}): ${label}; fires when ${what} ${threshold}${kinds}.`,
    only: (kinds) => ` (${kinds.map((k) => (k === 'dwelling' ? 'dwellings' : 'public space')).join(', ')} only)`,
    closing: 'Indicators that do not apply to a kind of location are not required of it.',
    className: { hotspot: 'hotspot', watch: 'watch' },
  },
  nl: {
    measure: {
      reports: () => 'het aantal meldingen',
      reporters: () => 'het aantal verschillende melders',
      activeWeeks: () => 'het aantal weken met minstens één melding',
      signalShare: (_, s) => `het aandeel meldingen dat "${s}" is`,
      signalCount: (_, s) => `het aantal meldingen dat "${s}" is`,
      sources: () => 'het aantal bronnen (gemeente, politie, ...)',
      recentReports: (i, _s, recent) =>
        `het aantal meldingen in de laatste ${i.windowDays ? `${i.windowDays} dagen` : recent} van de periode`,
      peakWeeksShare: (i) => `het aandeel meldingen in de drukste ${i.weeks} opeenvolgende weken`,
      busiestWeeksShare: (i) =>
        `het aandeel meldingen in de ${i.weeks} drukste weken (opeenvolgend of niet: ook een jaarlijks evenement telt)`,
      topReporterShare: () => 'het aandeel meldingen van de meest actieve melder',
      samePointShare: () => 'het aandeel meldingen op het vaakst voorkomende exacte punt',
      spanWeeks: () => 'het aantal weken van de eerste tot de laatste melding',
    },
    condition: {
      themes: (l) => `het thema ${l} is`,
      categories: (w) => `de categorie een woord bevat dat begint met ${w}`,
      keywords: (w) => `de vrije tekst een woord bevat dat begint met ${w}`,
      hours: (f, t) => `de lokale tijd tussen ${f}:00 en ${t}:00 ligt`,
      weekdays: (d) => `het ${d} is`,
      sources: (l) => `de bron ${l} is`,
      or: ' of ',
      and: ' en ',
      orClause: '; of ',
      all: 'alle',
      scoped: (when) => `die waarbij ${when}`,
    },
    threshold: { between: (a, b) => `tussen ${a} en ${b} ligt`, atLeast: (a) => `minstens ${a} is`, atMost: (b) => `hoogstens ${b} is` },
    duration: (weeks, days) => (weeks !== null ? `${weeks} weken` : `${days} dagen`),
    classLine: (name, min, req, unless) =>
      `    ${name}: score minstens ${min}${req.length > 0 ? `, en ${req.join(', ')} ${req.length === 1 ? 'slaat' : 'slaan'} aan` : ''}${unless ? `, tenzij ${unless} aanslaat` : ''}.`,
    kind: {
      dwelling: (n) =>
        `Woningen (woonoverlast): ${n} of meer meldingen op één adres (straat + huisnummer + toevoeging + plaats; of postcode + huisnummer)`,
      publicSpace: (n, eps) =>
        `Plekken in de openbare ruimte: clusters van minstens ${n} meldingen binnen ${eps} m van elkaar (DBSCAN), uit de meldingen die geen woning nam`,
      counted: (when) => `  Meldingen die meetellen: ${when}.`,
      classes: '  Klassen:',
    },
    title: (name, d) => `Regels "${name}"${d ? `: ${d}` : ''}`,
    period: (window, recent) => [
      `Periode en bewijs: een periode korter dan ${window} (--period last-week, last-4-weeks, een week of een maand) wordt beoordeeld op de meldingen`,
      `van de ${window} tot het einde van de periode (--window verandert dat); langere perioden en --from/--to worden in hun geheel beoordeeld.`,
      'De drempels blijven gelijk, hoe lang de periode ook is. Op een lijst die over het venster is beoordeeld, is een hotspot zonder melding in de laatste',
      `${recent} van de periode stil gevallen: hij staat er als aandachtslocatie ("stil gevallen").`,
      'Melders onbekend: waar de meeste meldingen van een plek geen melder noemen, worden de indicatoren over melders niet beoordeeld: ze geven',
      "geen punten, zijn niet vereist, en de minimumscore daalt met de punten die ze hadden kunnen geven. Zo'n plek wordt op het overige",
      'bewijs ingedeeld en gemarkeerd als "melders onbekend": de controle op één melder kon niet, dus het gebiedsteam kijkt het na.',
    ],
    grid: (cell, fdr) =>
      `Statistische controle: Getis-Ord Gi* op een ${cell ? `raster van ${cell} m` : 'automatisch raster'}, false discovery rate ${fdr}.`,
    signals: 'Signalen (per melding):',
    signal: (id, label, when) => `  ${id}: "${label}" als ${when}.`,
    indicators: 'Indicatoren (per plek; de score is de som van de punten van de indicatoren die aanslaan):',
    indicator: (id, sign, label, what, threshold, kinds) => `  ${id} (${sign}): ${label}; slaat aan als ${what} ${threshold}${kinds}.`,
    only: (kinds) => ` (alleen ${kinds.map((k) => (k === 'dwelling' ? 'woningen' : 'openbare ruimte')).join(', ')})`,
    closing: 'Indicatoren die niet voor een soort plek gelden, zijn daarvoor ook niet vereist.',
    className: { hotspot: 'hotspot', watch: 'aandachtslocatie' },
  },
};

function conditionText(c: Condition, t: ExplainText): string {
  const w = t.condition;
  const parts: string[] = [];
  if (c.themes) parts.push(w.themes(c.themes.join(w.or)));
  if (c.categories) parts.push(w.categories(quoteList(c.categories)));
  if (c.keywords) parts.push(w.keywords(quoteList(c.keywords)));
  if (c.hours) parts.push(w.hours(c.hours.from, c.hours.to));
  if (c.weekdays) parts.push(w.weekdays(c.weekdays.join(', ')));
  if (c.sources) parts.push(w.sources(c.sources.join(w.or)));
  return parts.join(w.and);
}

const whenText = (when: readonly Condition[], t: ExplainText) => when.map((c) => conditionText(c, t)).join(t.condition.orClause);

function threshold(i: IndicatorRule, t: ExplainText): string {
  if (i.min !== undefined && i.max !== undefined) return t.threshold.between(i.min, i.max);
  return i.min !== undefined ? t.threshold.atLeast(i.min) : t.threshold.atMost(i.max!);
}

const durationText = (d: string, t: ExplainText) => {
  const days = durationDays(d);
  return t.duration(days % 7 === 0 ? days / 7 : null, days);
};

function classLine(name: string, c: ClassesRule['hotspot'], t: ExplainText): string {
  return t.classLine(name, c.minScore, c.require, c.unless.join(t.condition.or));
}

function kindLines(r: Rules, kind: LocationKind, t: ExplainText): string[] {
  const scope = scopeFor(r, kind);
  const classes = classesFor(r, kind);
  const what =
    kind === 'dwelling' ? t.kind.dwelling(r.dwellings.minReports) : t.kind.publicSpace(r.clustering.minPoints, r.clustering.epsM);
  return [
    `${what}.`,
    t.kind.counted(scope ? t.condition.scoped(whenText(scope, t)) : t.condition.all),
    t.kind.classes,
    classLine(t.className.hotspot, classes.hotspot, t),
    classLine(t.className.watch, classes.watch, t),
  ];
}

/** The rules in plain language, for `hotspots rules explain` (Dutch unless `lang` is 'en'). */
export function explainRules(r: Rules, lang: Lang = 'nl'): string {
  const t = TEXT[lang];
  const label = new Map(r.signals.map((s) => [s.id, s.label]));
  const recent = durationText(r.recent, t);
  const lines = [t.title(r.name, r.description), ''];
  lines.push(...kindLines(r, 'dwelling', t), '', ...kindLines(r, 'public-space', t), '');
  lines.push(...t.period(durationText(r.window, t), recent), t.grid(r.grid.cellSizeM, r.grid.fdr), '', t.signals);
  for (const s of r.signals) lines.push(t.signal(s.id, s.label, whenText(s.when, t)));
  lines.push('', t.indicators);
  for (const i of r.indicators) {
    const what = t.measure[i.measure](i, (i.signal && label.get(i.signal)) ?? '', recent);
    const sign = i.weight >= 0 ? `+${i.weight}` : `${i.weight}`;
    lines.push(t.indicator(i.id, sign, i.label, what, threshold(i, t), i.appliesTo ? t.only([...i.appliesTo]) : ''));
  }
  lines.push('', t.closing);
  return `${lines.join('\n')}\n`;
}
