import type { Screening } from '../model/screening.js';
import type { ConcentrationOver } from '../model/screening.js';
import { accuracySentence } from './accuracy.js';
import { effectCardHtml } from './effect.js';
import { esc } from './html.js';
import { decimal, percent, type Lang } from './words.js';

const WORDS = {
  nl: {
    concentration: 'Concentratie en herhaling',
    effects: 'Effect van de aanpak',
    accuracy: 'Hoe goed is de lijst',
    cells: (c: ConcentrationOver, size: number) =>
      `${percent(0.5, 'nl')} van de gescreende meldingen vond plaats op ${percent(c.placesShareForHalf, 'nl', 1)} van de plekken (cellen van ${size} m over het gescreende gebied, lege meegeteld); de drukste 5 % van de plekken had ${percent(c.reportsShareAtTop5Pct, 'nl')} van de meldingen. Gini ${decimal(c.gini, 'nl')}${c.generalisedGini !== c.gini ? ` (gegeneraliseerd, met minder meldingen dan plekken: ${decimal(c.generalisedGini, 'nl')})` : ''}.`,
    addresses: (c: ConcentrationOver) =>
      `Over de ${c.places} adressen met minstens één melding (er is geen adressenregister, dus adressen zonder melding tellen niet mee): de helft van hun meldingen op ${percent(c.placesShareForHalf, 'nl', 1)} van die adressen, Gini ${decimal(c.gini, 'nl')}.`,
    repeats: (w: Array<{ days: number; share: number | null }>) =>
      `Herhaling bij woningen: van de adressen met een melding kreeg ${w.map((x) => `${x.share === null ? 'onbekend (te kort gevolgd)' : percent(x.share, 'nl', 1)} binnen ${x.days / 7} weken`).join(', ')} een volgende melding.`,
    lorenz:
      'Lorenzcurve: aandeel van de meldingen (verticaal) op het drukste aandeel van de plekken (horizontaal); paars: cellen, blauw: adressen',
    repeatCurve: 'aandeel adressen met een volgende melding binnen d dagen',
    hits: 'trefkans per lijst (aandeel van de meldingen in de 4 weken erna op de lijst): zwart de lijst, blauw de drukste plekken van de 4 weken ervoor, grijs de drukste plekken ooit, bij dezelfde oppervlakte',
  },
  en: {
    concentration: 'Concentration and repeats',
    effects: 'Effect of the action plans',
    accuracy: 'How good the list is',
    cells: (c: ConcentrationOver, size: number) =>
      `${percent(0.5, 'en')} of the screened reports happened at ${percent(c.placesShareForHalf, 'en', 1)} of the places (cells of ${size} m over the screened area, empty ones included); the busiest 5 % of places had ${percent(c.reportsShareAtTop5Pct, 'en')} of the reports. Gini ${decimal(c.gini, 'en')}${c.generalisedGini !== c.gini ? ` (generalised, with fewer reports than places: ${decimal(c.generalisedGini, 'en')})` : ''}.`,
    addresses: (c: ConcentrationOver) =>
      `Over the ${c.places} addresses with at least one report (there is no address register, so addresses without reports are not counted): half of their reports at ${percent(c.placesShareForHalf, 'en', 1)} of them, Gini ${decimal(c.gini, 'en')}.`,
    repeats: (w: Array<{ days: number; share: number | null }>) =>
      `Repeats at dwellings: of the addresses with a report, ${w.map((x) => `${x.share === null ? 'unknown (not followed long enough)' : percent(x.share, 'en', 1)} within ${x.days / 7} weeks`).join(', ')} had a further report.`,
    lorenz: 'Lorenz curve: share of the reports (up) at the busiest share of the places (across); purple: cells, blue: addresses',
    repeatCurve: 'share of addresses with a further report within d days',
    hits: 'hit rate per list (share of the reports in the 4 weeks after that fell on it): black the list, blue the busiest places of the 4 weeks before, grey the busiest places ever, at the same coverage',
  },
} as const;

/** A Lorenz curve (or any rising curve on 0..1 x 0..1) with the diagonal, as inline SVG. */
function curveSvg(curves: Array<{ points: Array<[number, number]>; cls: string }>, label: string, size = 180): string {
  const p = 16,
    w = size - 2 * p;
  const path = (pts: Array<[number, number]>) => pts.map(([x, y]) => `${(p + x * w).toFixed(1)},${(p + (1 - y) * w).toFixed(1)}`).join(' ');
  return `<svg class="lorenz" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${esc(label)}">
<style>.lorenz .frame{fill:none;stroke:#d5d9e0}.lorenz .diag{stroke:#aab;stroke-dasharray:3 2}.lorenz polyline{fill:none;stroke-width:1.5}.lorenz .cells{stroke:#7b1fa2}.lorenz .addresses{stroke:#4a6fa5}.lorenz .repeat{stroke:#c62828}</style>
<rect class="frame" x="${p}" y="${p}" width="${w}" height="${w}"/><line class="diag" x1="${p}" y1="${p + w}" x2="${p + w}" y2="${p}"/>
${curves.map((c) => `<polyline class="${c.cls}" points="${path(c.points)}"/>`).join('')}</svg>`;
}

/** The hit rate of every judged list, beside the two baselines, oldest run left (inline SVG). */
function hitRateSvg(
  runs: NonNullable<NonNullable<Screening['history']>['accuracy']>['runs'],
  label: string,
  width = 560,
  height = 140,
): string {
  const p = 20;
  const top = Math.max(0.05, ...runs.flatMap((r) => [r.list.hitRate, r.lastPeriod.hitRate, r.longRun.hitRate]));
  const X = (k: number) => p + (k / (runs.length - 1)) * (width - 2 * p);
  const Y = (v: number) => height - p - (v / top) * (height - 2 * p);
  const line = (f: (r: (typeof runs)[number]) => number, cls: string) =>
    `<polyline class="${cls}" points="${runs.map((r, k) => `${X(k).toFixed(1)},${Y(f(r)).toFixed(1)}`).join(' ')}"/>`;
  return `<svg class="hits" viewBox="0 0 ${width} ${height}" style="width:100%;max-width:${width}px;height:auto" role="img" aria-label="${esc(label)}">
<style>.hits polyline{fill:none;stroke-width:1.5}.hits .list{stroke:#1d2433}.hits .last{stroke:#4a6fa5}.hits .long{stroke:#9aa3b2}.hits text{font-size:10px;fill:#5b6476}.hits line{stroke:#d5d9e0}</style>
<line x1="${p}" x2="${width - p}" y1="${height - p}" y2="${height - p}"/>${line((r) => r.longRun.hitRate, 'long')}${line((r) => r.lastPeriod.hitRate, 'last')}${line((r) => r.list.hitRate, 'list')}
<text x="${p}" y="${p - 6}">${Math.round(top * 100)} %</text><text x="${p}" y="${height - 6}">run ${runs[0]!.runId}</text><text x="${width - p}" y="${height - 6}" text-anchor="end">run ${runs[runs.length - 1]!.runId}</text></svg>`;
}

/** Concentration, repeats, the list's accuracy and the effect of each aanpak, for report.html. */
export function listQualityHtml(s: Screening, lang: Lang): string {
  const t = WORDS[lang];
  const parts: string[] = [];
  const c = s.concentration;
  if (c) {
    const repeats = s.repeats;
    const curves = [{ points: c.cells.lorenz, cls: 'cells' }, ...(c.addresses ? [{ points: c.addresses.lorenz, cls: 'addresses' }] : [])];
    const top = repeats && repeats.curve.length > 1 ? Math.max(0.05, Math.ceil(Math.max(...repeats.curve) * 20) / 20) : 0;
    const repeatCurve =
      repeats && top > 0
        ? curveSvg(
            [{ points: repeats.curve.map((v, d) => [(d + 1) / repeats.curve.length, v / top] as [number, number]), cls: 'repeat' }],
            t.repeatCurve,
          )
        : '';
    parts.push(`<h2 id="concentration">${t.concentration}</h2>
<p>${esc(t.cells(c.cells, c.cells.cellSizeM))}${c.addresses ? ` ${esc(t.addresses(c.addresses))}` : ''}${repeats ? ` ${esc(t.repeats(repeats.within))}` : ''}</p>
<div class="grid"><div class="card">${curveSvg(curves, t.lorenz)}<div class="small muted">${esc(t.lorenz)}</div></div>${repeatCurve ? `<div class="card">${repeatCurve}<div class="small muted">${esc(t.repeatCurve)} (d 1-${repeats!.curve.length}; 0-${percent(top, lang)})</div></div>` : ''}</div>`);
  }
  const effects = s.history?.effects ?? [];
  if (effects.length > 0) {
    parts.push(`<h2 id="effect">${t.effects}</h2><div class="grid">${effects.map((e) => effectCardHtml(e, lang)).join('')}</div>`);
  }
  const accuracy = s.history?.accuracy;
  if (accuracy) {
    const chart =
      accuracy.runs.length > 1
        ? `<div class="grid"><div class="card">${hitRateSvg(accuracy.runs, t.hits)}<div class="small muted">${esc(t.hits)}</div></div></div>`
        : '';
    parts.push(`<h2 id="accuracy">${t.accuracy}</h2><p>${esc(accuracySentence(accuracy, lang))}</p>${chart}`);
  }
  return parts.join('\n');
}
