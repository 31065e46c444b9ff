import type { Lang } from './words.js';
import type { AreaView, EffectView, Interval } from '../model/effect.js';
export type { EffectView };
import { decimal, term } from './words.js';
import { esc } from './html.js';
import { weekDates } from './accuracy.js';
import { localDateMs, weekIndex } from '../util/period.js';

const MONTHS: Record<Lang, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** 2025-03-01 as "1 maart 2025" / "1 March 2025". */
export function longDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[lang][m! - 1]} ${y}`;
}

/** Whether an interval lies wholly below 1 (-1), above 1 (+1), or holds 1 (0). */
const side = (i: { lo: number; hi: number }) => (i.hi < 1 ? -1 : i.lo > 1 ? 1 : 0);

/**
 * One sentence a gebiedsteam understands: what happened to the reports since the aanpak, with
 * the factor and its interval; what the rest of the city did; and whether the ring shows
 * displacement or a diffusion of benefits.
 */
export function effectSentence(e: EffectView, lang: Lang): string {
  const since = longDate(e.aanpak.since, lang);
  if (e.notEstimated === 'no-located-reports') {
    return lang === 'nl'
      ? `Sinds de aanpak (${since}): geen meldingen met een locatie op deze plek in de weken ervoor en erna, dus geen effect te schatten (hebben de meldingen alleen een adres, zonder x/y of lat/lon?).`
      : `Since the action plan (${since}): no reports with a location at this place in the weeks before and after, so no effect can be estimated (do the reports carry an address only, without x/y or lat/lon?).`;
  }
  if (!e.treated || !e.control || !e.ring || !e.ringRelative) {
    return lang === 'nl'
      ? `Sinds de aanpak (${since}) zijn er nog te weinig weken om het effect te schatten (${e.weeks.before} weken ervoor en ${e.weeks.after} erna; minstens 4 van elk nodig).`
      : `Since the action plan (${since}) there are too few weeks to estimate its effect (${e.weeks.before} weeks before and ${e.weeks.after} after; at least 4 of each are needed).`;
  }
  const t = e.treated,
    c = e.control;
  const dir = side(t.change);
  const factor = `factor ${decimal(t.change.ratio, lang)}; ${lang === 'nl' ? '95 %-interval' : '95 % interval'} ${decimal(t.change.lo, lang)}-${decimal(t.change.hi, lang)}`;
  const rates = `${decimal(t.perWeekBefore, lang, 1)} ${lang === 'nl' ? 'naar' : 'to'} ${decimal(t.perWeekAfter, lang, 1)} ${lang === 'nl' ? 'per week' : 'a week'}`;
  const what =
    lang === 'nl'
      ? dir < 0
        ? `daalden de meldingen van ${rates}`
        : dir > 0
          ? `stegen de meldingen van ${rates}`
          : `veranderden de meldingen niet duidelijk (${rates})`
      : dir < 0
        ? `reports fell from ${rates}`
        : dir > 0
          ? `reports rose from ${rates}`
          : `reports did not clearly change (${rates})`;
  const city = side(c.change);
  const rest =
    lang === 'nl'
      ? `de rest van de stad ${city < 0 ? `daalde (factor ${decimal(c.change.ratio, lang)})` : city > 0 ? `steeg (factor ${decimal(c.change.ratio, lang)})` : 'gelijk bleef'}`
      : `the rest of the city ${city < 0 ? `fell (factor ${decimal(c.change.ratio, lang)})` : city > 0 ? `rose (factor ${decimal(c.change.ratio, lang)})` : 'stayed level'}`;
  // Displacement (or diffusion) is claimed only when the ring's own change and its change against
  // the city both say so: a ring with a handful of reports swings wildly against the city alone.
  const ring = side(e.ringRelative) === side(e.ring.change) ? side(e.ring.change) : 0;
  const wdq = e.wdq === undefined ? '' : ` (WDQ ${decimal(e.wdq, lang, 2)})`;
  const ringWords =
    lang === 'nl'
      ? `in de ring van ${e.ringM} m ${ring > 0 ? 'aanwijzingen voor verplaatsing' : ring < 0 ? 'ook minder meldingen (uitstraling)' : 'geen verplaatsing'}${wdq}`
      : `in the ${e.ringM} m ring ${ring > 0 ? 'signs of displacement' : ring < 0 ? 'fewer reports too (diffusion of benefits)' : 'no displacement'}${wdq}`;
  return lang === 'nl'
    ? `Sinds de aanpak (${since}) ${what} (${factor}), terwijl ${rest}; ${ringWords}.`
    : `Since the action plan (${since}) ${what} (${factor}), while ${rest}; ${ringWords}.`;
}

const weekRange = (w: [number, number]) => ({ ...weekDates(w), weeks: w[1] - w[0] + 1 });

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const interval = (i: Interval) => ({ ratio: r4(i.ratio), lo: r4(i.lo), hi: r4(i.hi) });
const areaJson = (a: AreaView) => ({
  before: a.before,
  after: a.after,
  perWeekBefore: r4(a.perWeekBefore),
  perWeekAfter: r4(a.perWeekAfter),
  rateRatio: interval(a.change),
  p: Number(a.change.p.toPrecision(4)),
});

/** `effect --json`, schema version 1 (documented in the README). */
export function effectsJson(list: readonly EffectView[], lang: Lang) {
  return {
    schemaVersion: 1,
    effects: list.map((e) => ({
      key: e.key,
      place: e.place,
      aanpak: e.aanpak,
      currentStatus: e.current,
      weeks: e.weeks,
      windows: e.windows ? { before: weekRange(e.windows.before), after: weekRange(e.windows.after) } : null,
      ...(e.notEstimated ? { notEstimated: e.notEstimated } : {}),
      ringM: e.ringM,
      ...(e.treated ? { treated: areaJson(e.treated) } : {}),
      ...(e.control ? { control: areaJson(e.control) } : {}),
      ...(e.ring ? { ring: areaJson(e.ring) } : {}),
      ...(e.relative ? { relativeToCity: interval(e.relative) } : {}),
      ...(e.ringRelative ? { ringRelativeToCity: interval(e.ringRelative) } : {}),
      ...(e.wdd ? { wdd: { wdd: r4(e.wdd.wdd), se: r4(e.wdd.se), z: r4(e.wdd.z), lo: r4(e.wdd.lo), hi: r4(e.wdd.hi) } } : {}),
      ...(e.wdq !== undefined ? { wdq: r4(e.wdq) } : {}),
      sentence: effectSentence(e, lang),
      series: e.series,
    })),
  };
}

/**
 * A line chart of reports per week in the treated area, with the aanpak's start and the compared
 * windows shaded, as inline SVG (no script).
 */
export function effectChartSvg(e: EffectView, startWeek: number, lang: Lang, width = 560, height = 140): string {
  const s = e.series;
  if (s.length < 2) return '';
  const pad = 24;
  const w0 = s[0]![0],
    w1 = s[s.length - 1]![0];
  const max = Math.max(1, ...s.map((p) => p[1]));
  const X = (w: number) => pad + ((w - w0) / Math.max(1, w1 - w0)) * (width - 2 * pad);
  const Y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const line = s.map(([w, v]) => `${X(w).toFixed(1)},${Y(v).toFixed(1)}`).join(' ');
  const band = (r: [number, number], cls: string) =>
    `<rect class="${cls}" x="${X(r[0]).toFixed(1)}" y="${pad}" width="${Math.max(1, X(r[1]) - X(r[0])).toFixed(1)}" height="${height - 2 * pad}"/>`;
  const windows = e.windows ? band(e.windows.before, 'before') + band(e.windows.after, 'after') : '';
  const label =
    lang === 'nl'
      ? `meldingen per week, ${esc(e.key)}; aanpak vanaf ${longDate(e.aanpak.since, lang)}`
      : `reports a week, ${esc(e.key)}; action plan from ${longDate(e.aanpak.since, lang)}`;
  return `<svg class="effect" viewBox="0 0 ${width} ${height}" style="width:100%;max-width:${width}px;height:auto" role="img" aria-label="${label}">
<style>.effect .before{fill:#e3ecf7}.effect .after{fill:#e6f4e8}.effect polyline{fill:none;stroke:#1d2433;stroke-width:1.2}.effect line{stroke:#c62828;stroke-dasharray:3 2}.effect text{font-size:10px;fill:#5b6476}</style>
${windows}<polyline points="${line}"/><line x1="${X(startWeek).toFixed(1)}" x2="${X(startWeek).toFixed(1)}" y1="${pad - 6}" y2="${height - pad}"/>
<text x="${X(startWeek) + 3}" y="${pad - 8}">${term(lang, 'aanpak')}</text><text x="${pad}" y="${height - 6}">${max} max</text></svg>`;
}

/** A card with a place's weekly reports around the aanpak and its effect in one sentence (report.html, area pages). */
export function effectCardHtml(e: EffectView, lang: Lang): string {
  const chart = effectChartSvg(e, weekIndex(localDateMs(e.aanpak.since)), lang, 420, 120);
  return `<div class="card"><b>${esc(e.key)}</b> <span class="small">${esc(e.place)}</span><br>${chart}<p class="small">${esc(effectSentence(e, lang))}</p></div>`;
}
