import type { Measure } from '../model/scoring.js';
import { DAY_ABBREVIATIONS, type Lang } from './words.js';

export type { Lang };

/** What a reason is made from: an indicator's outcome as a screening or the history holds it. */
export interface ReasonInput {
  label: string;
  value: number;
  weight: number;
  fired: boolean;
  measure?: Measure;
  weeks?: number;
  windowDays?: number;
  signalLabel?: string;
}

interface Args {
  n: number;
  pct: number;
  weeks: number;
  days: number;
  signal: string;
}
type Phrase = (a: Args) => string;

/**
 * The message catalogue: per measure how a fired indicator reads, as a reason (it raised the score)
 * and as a guard (it held the place back). One entry per measure and language; a test checks that
 * both languages have every key.
 */
export const REASONS: Record<Lang, Record<Measure, Phrase>> = {
  nl: {
    reports: (a) => `${a.n} ${a.n === 1 ? 'melding' : 'meldingen'}`,
    reporters: (a) => (a.n === 1 ? 'één melder' : `${a.n} verschillende melders`),
    activeWeeks: (a) => `in ${a.n} ${a.n === 1 ? 'week' : 'weken'} gemeld`,
    spanWeeks: (a) => `${a.n} weken van eerste tot laatste melding`,
    sources: (a) => `gemeld bij ${a.n} ${a.n === 1 ? 'bron' : 'bronnen'}`,
    recentReports: (a) => `${a.n} ${a.n === 1 ? 'melding' : 'meldingen'} in de laatste ${a.days} dagen`,
    signalShare: (a) => `${a.pct} % van de meldingen: ${a.signal}`,
    signalCount: (a) => `${a.n} ${a.n === 1 ? 'melding' : 'meldingen'}: ${a.signal}`,
    peakWeeksShare: (a) => `${a.pct} % in ${a.weeks} opeenvolgende weken`,
    busiestWeeksShare: (a) => `${a.pct} % in de ${a.weeks} drukste weken`,
    topReporterShare: (a) => `${a.pct} % van één melder`,
    samePointShare: (a) => `${a.pct} % op precies één punt`,
  },
  en: {
    reports: (a) => `${a.n} ${a.n === 1 ? 'report' : 'reports'}`,
    reporters: (a) => (a.n === 1 ? 'one reporter' : `${a.n} different reporters`),
    activeWeeks: (a) => `reported in ${a.n} ${a.n === 1 ? 'week' : 'weeks'}`,
    spanWeeks: (a) => `${a.n} weeks from first to last report`,
    sources: (a) => `reported to ${a.n} ${a.n === 1 ? 'source' : 'sources'}`,
    recentReports: (a) => `${a.n} ${a.n === 1 ? 'report' : 'reports'} in the last ${a.days} days`,
    signalShare: (a) => `${a.pct} % of the reports: ${a.signal}`,
    signalCount: (a) => `${a.n} ${a.n === 1 ? 'report' : 'reports'}: ${a.signal}`,
    peakWeeksShare: (a) => `${a.pct} % in ${a.weeks} consecutive weeks`,
    busiestWeeksShare: (a) => `${a.pct} % in the ${a.weeks} busiest weeks`,
    topReporterShare: (a) => `${a.pct} % from one reporter`,
    samePointShare: (a) => `${a.pct} % at exactly one point`,
  },
};

/**
 * How the usual guards read: the name of what held the place back, then its figures. A guard of
 * another measure (a rule author's own) reads as its label and the measure's reason.
 */
export const GUARDS: Record<Lang, Partial<Record<Measure, Phrase>>> = {
  nl: {
    peakWeeksShare: (a) => `eenmalige piek: ${a.pct} % in ${a.weeks} opeenvolgende weken`,
    busiestWeeksShare: (a) => `eenmalige piek: ${a.pct} % in de ${a.weeks} drukste weken`,
    topReporterShare: (a) => `vooral één melder: ${a.pct} %`,
    samePointShare: (a) => `standaardlocatie: ${a.pct} % op precies één punt`,
  },
  en: {
    peakWeeksShare: (a) => `one-off peak: ${a.pct} % in ${a.weeks} consecutive weeks`,
    busiestWeeksShare: (a) => `one-off peak: ${a.pct} % in the ${a.weeks} busiest weeks`,
    topReporterShare: (a) => `mostly one reporter: ${a.pct} %`,
    samePointShare: (a) => `default location: ${a.pct} % at exactly one point`,
  },
};

const whole = (x: number) => Math.round(x);

/** One fired indicator in words; an indicator without a known measure (an old history) as its label and value. */
export function reasonText(i: ReasonInput, lang: Lang): string {
  if (!i.measure) return `${i.label} (${Number.isInteger(i.value) ? i.value : i.value.toFixed(2)})`;
  const args: Args = {
    n: whole(i.value),
    pct: whole(i.value * 100),
    weeks: i.weeks ?? 2,
    days: i.windowDays ?? 28,
    signal: i.signalLabel ?? i.label,
  };
  if (i.weight >= 0) return REASONS[lang][i.measure](args);
  const guard = GUARDS[lang][i.measure];
  return guard ? guard(args) : `${i.label}: ${REASONS[lang][i.measure](args)}`;
}

/**
 * The reasons a place is listed (fired, positive) and the guards that held it back (fired,
 * negative), in words; a sentence two indicators share (8+ and 30+ reports) is said once.
 */
export function reasonsOf(indicators: readonly ReasonInput[], lang: Lang): { reasons: string[]; guards: string[] } {
  const fired = indicators.filter((i) => i.fired);
  const said = (list: readonly ReasonInput[]) => [...new Set(list.map((i) => reasonText(i, lang)))];
  return { reasons: said(fired.filter((i) => i.weight > 0)), guards: said(fired.filter((i) => i.weight < 0)) };
}

const DAYS: Record<Lang, readonly string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/**
 * A busiest window ("vr-za 22:00-01:00", see nameWindow) in words: "vrijdag 22:00 tot zaterdag
 * 01:00", "Friday 21:00 to 00:00". Text it does not recognise is returned as it is.
 */
export function hottimeWords(label: string, lang: Lang): string {
  const m = /^([a-z]{2})(?:-([a-z]{2}))? (\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(label);
  const from = m ? DAY_ABBREVIATIONS.nl.indexOf(m[1]!) : -1,
    to = m?.[2] ? DAY_ABBREVIATIONS.nl.indexOf(m[2]) : from;
  if (!m || from < 0 || to < 0) return label;
  const until = lang === 'nl' ? 'tot' : 'to';
  return to === from ? `${DAYS[lang][from]} ${m[3]} ${until} ${m[4]}` : `${DAYS[lang][from]} ${m[3]} ${until} ${DAYS[lang][to]} ${m[4]}`;
}
