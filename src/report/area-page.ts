import { extentOf } from '../geo/extent.js';
import { dutchOrIso, type ExportHotspot, type ExportRun } from './export.js';
import { CSS, esc, heatmapSvg, LabelPlacer, sparklineSvg, statusHtml, whyHtml } from './html.js';
import { round } from './formats.js';
import { hottimeWords } from './reasons.js';
import { changeWords, term, type Lang } from './words.js';
import { weekIndex } from '../util/period.js';
import { effectCardHtml, type EffectView } from './effect.js';

/** An area's outline in RD metres (polygons of rings), when the run's --areas map is given to export. */
export type Outline = ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [number, number]>>>;

export interface AreaPage {
  area: { code: string; name: string };
  run: ExportRun;
  hotspots: readonly ExportHotspot[];
  /** Weekly reports per hotspot key in the run. */
  weekly: ReadonlyMap<string, ReadonlyMap<number, number>>;
  outline?: Outline;
  lang: Lang;
  /** The effect of the aanpak at the area's places under aanpak (see `hotspots effect`). */
  effects?: readonly EffectView[];
}

interface PageText {
  intro: (period: string, run: number, made: string) => string;
  map: string;
  mapNote: string;
  places: string;
  columns: string[];
  hottimes: string;
  noProfile: string;
  reportsPer4Weeks: string;
  none: string;
  footer: string;
}

const TEXT: Record<Lang, PageText> = {
  nl: {
    intro: (period, run, made) => `Periode ${period} · run ${run} · gemaakt op ${made}`,
    map: 'Kaart',
    mapNote: 'Hotspotgebieden (rood: hotspot, oranje: aandachtslocatie), genummerd op rang; RD-coördinaten.',
    places: 'Plaatsen',
    columns: ['#', 'sleutel', 'plaats', 'klasse', 'meldingen', 'melders', 'weken', 'drukste uren', 'trend', 'waarom'],
    hottimes: 'Piekmomenten en trend',
    noProfile: 'geen uurprofiel (run van vóór deze versie)',
    reportsPer4Weeks: 'meldingen per 4 weken',
    none: 'Geen hotspots of aandachtslocaties in dit gebied.',
    footer: 'Gemaakt met overlast-hotspots uit de historie. Er staat geen vrije tekst en geen gegevens van melders in.',
  },
  en: {
    intro: (period, run, made) => `Period ${period} · run ${run} · made on ${made}`,
    map: 'Map',
    mapNote: 'Hotspot areas (red: hotspot, orange: watch), numbered by rank; RD New coordinates.',
    places: 'Places',
    columns: ['#', 'key', 'place', 'class', 'reports', 'reporters', 'weeks', 'busiest hours', 'trend', 'why'],
    hottimes: 'Hot times and trend',
    noProfile: 'no hour profile (a run from before this version)',
    reportsPer4Weeks: 'reports per 4 weeks',
    none: 'No hotspots or watch items in this area.',
    footer: 'Made by overlast-hotspots from the history. No free text or reporter data is shown.',
  },
};

/** A4, portrait: the page prints for the team's meeting. */
const PRINT_CSS = `
@page{size:A4 portrait;margin:12mm}
@media print{body{font-size:11px}}
.area-map{width:100%;max-width:720px;height:auto}`;

/** The area's hotspots (and its outline) on a small map, numbered by rank. */
function areaMapSvg(p: AreaPage, t: PageText): string {
  const hulls = p.hotspots.map((h) => JSON.parse(h.hullJson) as Array<[number, number]>);
  const pts: Array<readonly [number, number]> = [
    ...p.hotspots.map((h) => [h.x, h.y] as const),
    ...hulls.flat(),
    ...(p.outline?.flat(2) ?? []),
  ];
  if (pts.length === 0) return '';
  const e = extentOf(pts);
  const pad = Math.max(80, (e.maxX - e.minX) * 0.08);
  const minX = e.minX - pad,
    maxX = e.maxX + pad,
    minY = e.minY - pad,
    maxY = e.maxY + pad;
  const scale = Math.min(720 / (maxX - minX), 480 / (maxY - minY));
  const px = (x: number) => round((x - minX) * scale, 1),
    py = (y: number) => round((maxY - y) * scale, 1);
  const ring = (r: ReadonlyArray<readonly [number, number]>) => r.map(([x, y]) => `${px(x)},${py(y)}`).join(' ');
  const outline = p.outline
    ? `<g class="outlines">${p.outline.map((poly) => poly.map((r) => `<polygon points="${ring(r)}"/>`).join('')).join('')}</g>`
    : '';
  const placer = new LabelPlacer();
  const places = p.hotspots
    .map((h, k) => {
      const shape =
        hulls[k]!.length >= 3 ? `<polygon points="${ring(hulls[k]!)}"/>` : `<circle class="hs" cx="${px(h.x)}" cy="${py(h.y)}" r="6"/>`;
      const spot = placer.place(px(h.x), py(h.y), String(k + 1).length * 7 + 2, 11);
      return `<g class="${h.class}">${shape}${spot ? `<text class="hs-label" x="${spot.x}" y="${spot.y}">${k + 1}</text>` : ''}<title>${esc(`${k + 1}. ${h.key} ${h.place}`)}</title></g>`;
    })
    .join('');
  const w = round((maxX - minX) * scale, 0),
    hPx = round((maxY - minY) * scale, 0);
  return `<h2>${t.map}</h2><p class="small muted">${t.mapNote}</p><svg class="map area-map" viewBox="0 0 ${w} ${hPx}" width="${w}" height="${hPx}">${outline}${places}</svg>`;
}

/**
 * One self-contained HTML page for an area team's meeting, in one language: the area's hotspots and
 * watch items on a map (with the area's outline when known), each with its reasons and what held it
 * back, its busiest hours and trend, its hour-of-week heatmap and reports per 4 weeks. Prints on A4.
 */
export function areaPageHtml(p: AreaPage): string {
  const t = TEXT[p.lang];
  const lang = p.lang;
  const title = `${p.area.name || p.area.code}${p.area.name && p.area.code !== p.area.name ? ` (${p.area.code})` : ''}`;
  // The weeks the list was judged on: a weekly list's sparkline shows its lookback window.
  const firstWeek = weekIndex(Math.min(Date.parse(p.run.periodFrom), Date.parse(p.run.evidenceFrom ?? p.run.periodFrom))),
    lastWeek = weekIndex(Date.parse(p.run.periodTo) - 1);
  const rows = p.hotspots
    .map((h, k) => {
      const why = whyHtml(h.indicators, h.caveats.split(',').filter(Boolean), lang);
      return `<tr class="${h.class}-row"><td class="num">${k + 1}</td><td class="key"><b>${esc(h.key)}</b>${statusHtml(h.assessment, lang)}</td><td>${esc(h.place)}<br><span class="small muted">${esc(term(lang, h.kind))}</span></td>
      <td><span class="tag ${h.class}">${esc(term(lang, h.class))}</span></td><td class="num">${h.reports}</td><td class="num">${h.reporters}</td><td class="num">${h.activeWeeks}</td>
      <td>${esc(h.peakHottime ? hottimeWords(h.peakHottime, lang) : '')}</td><td>${esc(h.trend ? term(lang, h.trend) : '')}<br><span class="small">${esc(changeWords(h.change, lang))}</span></td><td class="small">${why}</td></tr>`;
    })
    .join('\n');
  const cards = p.hotspots
    .map((h, k) => {
      const hours = h.hoursJson ? (JSON.parse(h.hoursJson) as number[]) : null;
      const weekly = [...(p.weekly.get(h.key) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
      return `<div class="card"><b>${k + 1}. ${esc(h.key)}</b> <span class="small">${esc(h.place)}</span><br>
      ${hours ? heatmapSvg(hours, lang) : `<div class="small muted">${t.noProfile}</div>`}
      <div class="small muted">${esc(h.peakHottime ? hottimeWords(h.peakHottime, lang) : '-')}</div>
      ${sparklineSvg(weekly, firstWeek, lastWeek, t.reportsPer4Weeks)} <span class="small muted">${t.reportsPer4Weeks}</span></div>`;
    })
    .join('\n');
  const body =
    p.hotspots.length === 0
      ? `<p>${t.none}</p>`
      : `${areaMapSvg(p, t)}
<h2>${t.places}</h2>
<table><thead><tr>${t.columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<h2>${t.hottimes}</h2>
<div class="grid">${cards}</div>${effectsHtml(p.effects ?? [], lang)}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · ${esc(p.run.periodLabel)}</title><style>${CSS}${PRINT_CSS}</style></head><body>
<h1>${esc(title)}</h1>
<div class="muted">${esc(t.intro(p.run.periodLabel, p.run.id, dutchOrIso(p.run.createdAt, lang)))}</div>
${body}
<p class="small muted">${t.footer}</p>
</body></html>
`;
}

/** Per place under aanpak: its weekly reports around the start, and the effect in one sentence. */
function effectsHtml(effects: readonly EffectView[], lang: Lang): string {
  if (effects.length === 0) return '';
  const title = lang === 'nl' ? 'Effect van de aanpak' : 'Effect of the action plans';
  return `<h2>${title}</h2><div class="grid">${effects.map((e) => effectCardHtml(e, lang)).join('')}</div>`;
}
