import { listQualityHtml } from './list-quality.js';
import type { Assessment } from '../model/assessment.js';
import type { Hotspot, Screening } from '../model/screening.js';
import { formatLocalIso, HOURS_PER_WEEK } from '../util/time.js';
import type { DensityGrid } from '../model/density.js';
import { areaName } from '../geo/areas.js';
import { round } from './formats.js';
import { hottimeWords, reasonsOf, type ReasonInput } from './reasons.js';
import { changeWords, DAY_ABBREVIATIONS, term, type Lang } from './words.js';
import { indicesWhere } from '../util/indices.js';
import { CellIds } from '../util/cell-ids.js';

/** Every text of report.html, per language: one language per page (values in words too, see words.ts). */
interface HtmlText {
  title: string;
  summary: (hot: number, watch: number, rules: string, from: string, to: string) => string;
  map: string;
  mapNote: string;
  noPoints: string;
  mapTitle: (score: number, cls: string) => string;
  ranking: string;
  columns: [string, string, string, string, string, string, string, string, string, string, string, string];
  heldBack: string;
  rankingNote: (fdr: string) => string;
  more: (n: number) => string;
  moreNote: (top: number) => string;
  compactColumns: [string, string, string, string, string, string];
  hottimes: string;
  allReports: string;
  aoristicNote: string;
  busiest: string;
  eventDays: string;
  reportsPer4Weeks: string;
  provenance: string;
  provenanceColumns: [string, string, string, string, string, string];
  funnel: (f: Screening['funnel'], rejected: number) => string;
  candidates: (c: Screening['candidates']) => string;
  rulesSha: string;
  historyRun: (run: number, previous?: number) => string;
  madeBy: string;
  legend: { reports: string; density: string; hotspot: string; watch: string; outline: string; click: string };
}

const TEXT: Record<Lang, HtmlText> = {
  nl: {
    title: 'Hotspots',
    summary: (hot, watch, rules, from, to) =>
      `${hot} hotspots, ${watch} aandachtslocaties · regels <b>${rules}</b> · periode ${from} tot ${to}`,
    map: 'Kaart',
    mapNote:
      'Gescreende meldingen (punten, of dichtheid bij grote aantallen), hotspotgebieden (rood: hotspot, oranje: aandachtslocatie), genummerd op rang; RD-coördinaten.',
    noPoints: 'Geen punten om te tonen.',
    mapTitle: (score, cls) => `score ${score}, ${cls}`,
    ranking: 'Hotspots op volgorde',
    columns: ['#', 'sleutel', 'soort', 'plaats', 'score', 'klasse', 'meldingen', 'melders', 'weken', 'piekmoment', 'trend', 'waarom'],
    heldBack: 'tegengehouden door',
    rankingNote: (fdr) => `* op een significante Getis-Ord Gi*-hotcel (FDR ${fdr}). Trendlijn: meldingen per 4 weken over de periode.`,
    more: (n) => `nog ${n} plaatsen`,
    moreNote: (top) => `De eerste ${top} staan hierboven uitgewerkt; hotspots.csv heeft elke plaats met haar redenen.`,
    compactColumns: ['#', 'sleutel', 'plaats', 'score', 'klasse', 'meldingen'],
    hottimes: 'Piekmomenten',
    allReports: 'Alle gescreende meldingen',
    aoristicNote: 'aoristisch profiel per uur van de week, maandag bovenaan',
    busiest: 'drukste uren',
    eventDays: 'piekdagen',
    reportsPer4Weeks: 'meldingen per 4 weken',
    provenance: 'Herkomst',
    provenanceColumns: ['invoer', 'sha256', 'gelezen', 'geaccepteerd', 'afgewezen', 'dubbel'],
    funnel: (f, rejected) =>
      `Geaccepteerd ${f.accepted} = gescreend ${f.screened} + buiten de regels ${f.outOfScope} + buiten de periode ${f.outsidePeriod}; ${rejected} rijen afgewezen (zie rejects.csv).`,
    candidates: (c) =>
      `Kandidaten: ${c.publicSpace} clusters in de openbare ruimte, ${c.dwellings} woningen, ${c.belowWatch} onder de drempel.`,
    rulesSha: 'Regels sha256',
    historyRun: (run, previous) => ` Historie: run ${run}${previous !== undefined ? `, vergeleken met run ${previous}` : ''}.`,
    madeBy: 'Gemaakt met overlast-hotspots. Er staat geen vrije tekst en geen gegevens van melders in.',
    legend: {
      reports: 'melding (of dichtheid)',
      density: 'kerndichtheid (quartic)',
      hotspot: 'hotspot',
      watch: 'aandachtslocatie',
      outline: 'gebiedsgrens',
      click: 'klik op een gebied voor zijn rij in de tabel',
    },
  },
  en: {
    title: 'Hotspots',
    summary: (hot, watch, rules, from, to) => `${hot} hotspots, ${watch} to watch · rules <b>${rules}</b> · period ${from} to ${to}`,
    map: 'Map',
    mapNote:
      'Screened reports (dots, or density for large sets), hotspot areas (red: hotspot, orange: watch), numbered by rank; RD New coordinates.',
    noPoints: 'No points to map.',
    mapTitle: (score, cls) => `score ${score}, ${cls}`,
    ranking: 'Ranked hotspots',
    columns: ['#', 'key', 'kind', 'place', 'score', 'class', 'reports', 'reporters', 'weeks', 'peak hottime', 'trend', 'why'],
    heldBack: 'held back by',
    rankingNote: (fdr) => `* on a significant Getis-Ord Gi* hot cell (FDR ${fdr}). Trend line: reports per 4 weeks over the period.`,
    more: (n) => `${n} more places`,
    moreNote: (top) => `The first ${top} are shown in detail; hotspots.csv has every place with its reasons.`,
    compactColumns: ['#', 'key', 'place', 'score', 'class', 'reports'],
    hottimes: 'Hot times',
    allReports: 'All screened reports',
    aoristicNote: 'aoristic hour-of-week profile, Monday on top',
    busiest: 'busiest hours',
    eventDays: 'event days',
    reportsPer4Weeks: 'reports per 4 weeks',
    provenance: 'Provenance',
    provenanceColumns: ['input', 'sha256', 'read', 'accepted', 'rejected', 'duplicates'],
    funnel: (f, rejected) =>
      `Accepted ${f.accepted} = screened ${f.screened} + out of scope ${f.outOfScope} + outside the period ${f.outsidePeriod}; ${rejected} rows rejected (see rejects.csv).`,
    candidates: (c) => `Candidates: ${c.publicSpace} public-space clusters, ${c.dwellings} dwellings, ${c.belowWatch} below watch.`,
    rulesSha: 'Rules sha256',
    historyRun: (run, previous) => ` History run ${run}${previous !== undefined ? `, compared with run ${previous}` : ''}.`,
    madeBy: 'Made by overlast-hotspots. No free text or reporter data is shown.',
    legend: {
      reports: 'report (or density)',
      density: 'kernel density (quartic)',
      hotspot: 'hotspot',
      watch: 'watch',
      outline: 'area boundary',
      click: 'click an area for its row in the table',
    },
  },
};

/** What the HTML report draws besides the screening: the screened points and the overall hot times. */
export interface HtmlExtras {
  /** RD coordinates of screened reports (NaN for reports without a point). */
  x: Float64Array;
  y: Float64Array;
  /** Buurt code per report (or undefined), for labels on the map. */
  buurtOf: (i: number) => string | undefined;
  overallHours: Float64Array;
  rejected: number;
  /** The kernel density surface, drawn under the reports and hotspot areas. */
  density?: DensityGrid | null;
  /** With --areas: the areas' outlines in RD metres, drawn under the reports. */
  outlines?: ReadonlyArray<{ name: string; polygons: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [number, number]>>> }>;
}

/** Text made safe inside HTML (also in attributes). */
export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Largest number of report dots drawn; above it the map shows a density grid. */
const MAX_DOTS = 20_000;
const MAP_W = 900,
  MAP_H = 700;

function bounds(s: Screening, e: HtmlExtras) {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < e.x.length; i++) {
    if (!Number.isFinite(e.x[i]!)) continue;
    minX = Math.min(minX, e.x[i]!);
    maxX = Math.max(maxX, e.x[i]!);
    minY = Math.min(minY, e.y[i]!);
    maxY = Math.max(maxY, e.y[i]!);
  }
  for (const h of s.hotspots)
    for (const [x, y] of h.hullRd) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  const pad = Math.max(100, (maxX - minX) * 0.03);
  return { minX: minX - pad, minY: minY - pad, maxX: maxX + pad, maxY: maxY + pad };
}

function mapSvg(s: Screening, e: HtmlExtras, t: HtmlText, lang: Lang, top: number): string {
  const b = bounds(s, e);
  if (!Number.isFinite(b.minX)) return `<p>${t.noPoints}</p>`;
  const scale = Math.min(MAP_W / (b.maxX - b.minX), MAP_H / (b.maxY - b.minY));
  const px = (x: number) => round((x - b.minX) * scale, 1),
    py = (y: number) => round((b.maxY - y) * scale, 1);
  const w = round((b.maxX - b.minX) * scale, 0),
    h = round((b.maxY - b.minY) * scale, 0);
  const parts: string[] = [];
  if (e.density) parts.push(densitySvg(e.density, px, py, scale));
  if (e.outlines) parts.push(outlineSvg(e.outlines, px, py));
  const located = indicesWhere(e.x.length, (i) => Number.isFinite(e.x[i]!)); // the reports with a point
  if (located.length <= MAX_DOTS) {
    parts.push(`<g class="dots">${Array.from(located, (i) => `<circle cx="${px(e.x[i]!)}" cy="${py(e.y[i]!)}" r="1.6"/>`).join('')}</g>`);
  } else {
    // Cells in the order first met; not Math.max(...counts): a country's export has more cells than a call takes arguments.
    const cell = 100,
      cells = new CellIds(),
      counts = new Int32Array(located.length); // (no more cells than reports)
    for (let k = 0; k < located.length; k++) {
      const i = located[k]!;
      counts[cells.id(Math.floor(e.x[i]! / cell), Math.floor(e.y[i]! / cell))]!++;
    }
    let max = 0;
    for (let id = 0; id < cells.size; id++) max = Math.max(max, counts[id]!);
    const rects: string[] = [];
    for (let id = 0; id < cells.size; id++) {
      const n = counts[id]!;
      rects.push(
        `<rect x="${px(cells.cx[id]! * cell)}" y="${py((cells.cy[id]! + 1) * cell)}" width="${round(cell * scale, 1)}" height="${round(cell * scale, 1)}" fill-opacity="${round(0.15 + 0.85 * Math.sqrt(n / max), 2)}"/>`,
      );
    }
    parts.push(`<g class="density">${rects.join('')}</g>`);
  }
  const placer = new LabelPlacer();
  const labels: string[] = [];
  s.hotspots.forEach((hs, k) => {
    const cls = `${hs.class} ${hs.kind}`;
    const spot = k < top ? placer.place(px(hs.centroid.x), py(hs.centroid.y), String(k + 1).length * 7 + 2, 11) : null;
    if (spot) labels.push(`<text class="hs-label" x="${spot.x}" y="${spot.y}">${k + 1}</text>`);
    const title = `<title>${esc(`${k + 1}. ${hs.history?.key ?? hs.id} ${hs.place} (${t.mapTitle(hs.score, term(lang, hs.class))})`)}</title>`;
    const shape =
      hs.hullRd.length >= 3
        ? `<polygon points="${hs.hullRd.map(([x, y]) => `${px(x)},${py(y)}`).join(' ')}"/>`
        : `<circle class="hs" cx="${px(hs.centroid.x)}" cy="${py(hs.centroid.y)}" r="5"/>`;
    // A detailed place links to its row in the table.
    parts.push(k < top ? `<a href="#hs-${k + 1}"><g class="${cls}">${shape}${title}</g></a>` : `<g class="${cls}">${shape}${title}</g>`);
  });
  parts.push(buurtLabels(e, located, px, py, placer), `<g class="hs-labels">${labels.join('')}</g>`);
  const barM = niceLength((b.maxX - b.minX) / 5);
  parts.push(
    `<g class="scale"><line x1="10" y1="${h - 12}" x2="${10 + barM * scale}" y2="${h - 12}"/><text x="10" y="${h - 18}">${barM >= 1000 ? `${barM / 1000} km` : `${barM} m`}</text></g>`,
  );
  return `<svg class="map" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(t.map)} (RD)">${parts.join('')}</svg>`;
}

/** The area map's outlines (every ring, holes included) with each area's name in a tooltip. */
function outlineSvg(outlines: NonNullable<HtmlExtras['outlines']>, px: (x: number) => number, py: (y: number) => number): string {
  return `<g class="outlines">${outlines
    .map(
      (a) =>
        `<g><title>${esc(a.name)}</title>${a.polygons
          .flatMap((p) => p.map((ring) => `<polygon points="${ring.map(([x, y]) => `${px(x)},${py(y)}`).join(' ')}"/>`))
          .join('')}</g>`,
    )
    .join('')}</g>`;
}

function niceLength(m: number): number {
  const p = 10 ** Math.floor(Math.log10(m));
  return (
    [1, 2, 5, 10]
      .map((f) => f * p)
      .filter((v) => v <= m)
      .pop() ?? p
  );
}

/** One label per buurt at the mean of its reports, with the CBS name where known. */
/**
 * Places map labels without overlap: each label tries a few spots around its anchor (right above,
 * right below, left above, left below, above, below) and takes the first free one; a label with no
 * free spot is left out (its place keeps its tooltip and its number in the table).
 */
export class LabelPlacer {
  private readonly boxes: Array<[number, number, number, number]> = [];

  /** The text position (x, baseline y) for a label of `w` x `h` pixels at anchor (ax, ay), or null. */
  place(ax: number, ay: number, w: number, h: number): { x: number; y: number } | null {
    const spots: Array<[number, number]> = [
      [ax + 6, ay - 6],
      [ax + 6, ay + h + 4],
      [ax - 6 - w, ay - 6],
      [ax - 6 - w, ay + h + 4],
      [ax - w / 2, ay - 10],
      [ax - w / 2, ay + h + 8],
    ];
    for (const [x, y] of spots) {
      const box: [number, number, number, number] = [x, y - h, x + w, y];
      if (this.boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
      this.boxes.push(box);
      return { x: round(x, 1), y: round(y, 1) };
    }
    return null;
  }
}

function buurtLabels(
  e: HtmlExtras,
  located: Int32Array,
  px: (x: number) => number,
  py: (y: number) => number,
  placer: LabelPlacer,
): string {
  const sums = new Map<string, [number, number, number]>();
  for (let q = 0; q < located.length; q++) {
    const i = located[q]!;
    const b = e.buurtOf(i);
    if (!b) continue;
    const s = sums.get(b) ?? [0, 0, 0];
    s[0] += e.x[i]!;
    s[1] += e.y[i]!;
    s[2]++;
    sums.set(b, s);
  }
  // Busiest buurten first: when names would overlap, the larger one is named.
  const named = [...sums]
    .filter(([, s]) => s[2] >= 5)
    .sort((a, b) => b[1][2] - a[1][2] || (a[0] < b[0] ? -1 : 1))
    .flatMap(([b, [sx, sy, n]]) => {
      const name = areaName(b) ?? b;
      const w = name.length * 5.5,
        cx = px(sx / n),
        cy = py(sy / n);
      const spot = placer.place(cx - w / 2 - 6, cy + 10, w, 10); // first choice: centred on the buurt's middle
      return spot ? [`<text x="${round(spot.x + w / 2, 1)}" y="${spot.y}">${esc(name)}</text>`] : [];
    });
  return `<g class="buurt-labels">${named.join('')}</g>`;
}

/** The density surface as shaded cells (those above 5 % of the highest), darker = denser. */
function densitySvg(d: DensityGrid, px: (x: number) => number, py: (y: number) => number, scale: number): string {
  let max = 0;
  for (let q = 0; q < d.perKm2.length; q++) {
    const v = d.perKm2[q]!;
    max = Math.max(max, v);
  }
  if (max <= 0) return '';
  const size = round(d.cellSizeM * scale, 2);
  const cells: string[] = [];
  for (let r = 0; r < d.rows; r++) {
    for (let k = 0; k < d.cols; k++) {
      const v = d.perKm2[r * d.cols + k]!;
      if (v < max * 0.05) continue;
      cells.push(
        `<rect x="${px(d.originX + k * d.cellSizeM)}" y="${py(d.originY + (r + 1) * d.cellSizeM)}" width="${size}" height="${size}" fill-opacity="${round(0.08 + 0.6 * (v / max), 2)}"/>`,
      );
    }
  }
  return `<g class="kde">${cells.join('')}</g>`;
}

/** What the map's marks mean. */
function legendHtml(t: HtmlText, places: boolean, outlines: boolean): string {
  const item = (swatch: string, text: string) => `<span class="legend-item"><svg width="14" height="14">${swatch}</svg> ${text}</span>`;
  return `<div class="legend small">${[
    item('<circle cx="7" cy="7" r="2.5" fill="#4a6fa5" fill-opacity=".6"/>', t.legend.reports),
    item('<rect x="1" y="1" width="12" height="12" fill="#7b1fa2" fill-opacity=".45"/>', t.legend.density),
    ...(places
      ? [
          item('<rect x="1" y="1" width="12" height="12" fill="#c62828" fill-opacity=".3" stroke="#c62828"/>', t.legend.hotspot),
          item('<rect x="1" y="1" width="12" height="12" fill="#ef9f00" fill-opacity=".3" stroke="#ef9f00"/>', t.legend.watch),
        ]
      : []),
    ...(outlines
      ? [item('<rect x="1" y="1" width="12" height="12" fill="none" stroke="#777" stroke-dasharray="3 2"/>', t.legend.outline)]
      : []),
    `<span class="legend-item">${t.legend.click}</span>`,
  ].join(' ')}</div>`;
}

/** A 7 x 24 hour-of-week heatmap as SVG, Monday on top. */
export function heatmapSvg(hours: ArrayLike<number>, lang: Lang = 'nl', cellPx = 10): string {
  const days = DAY_ABBREVIATIONS[lang];
  let max = 0;
  for (let k = 0; k < HOURS_PER_WEEK; k++) max = Math.max(max, hours[k]!);
  const cells: string[] = [];
  for (let d = 0; d < 7; d++) {
    cells.push(`<text x="0" y="${d * cellPx + cellPx - 2}">${days[d]}</text>`);
    for (let h = 0; h < 24; h++) {
      const v = hours[d * 24 + h]!;
      const o = max > 0 ? round(v / max, 2) : 0;
      cells.push(
        `<rect x="${16 + h * cellPx}" y="${d * cellPx}" width="${cellPx - 1}" height="${cellPx - 1}" fill-opacity="${round(0.05 + 0.95 * o, 2)}"><title>${days[d]} ${h}:00 ${round(v, 2)}</title></rect>`,
      );
    }
  }
  const hoursAxis = [0, 6, 12, 18].map((h) => `<text x="${16 + h * cellPx}" y="${7 * cellPx + 9}">${h}</text>`).join('');
  return `<svg class="heat" width="${16 + 24 * cellPx}" height="${7 * cellPx + 11}">${cells.join('')}${hoursAxis}</svg>`;
}

/** A sparkline of reports per 4-week step over the weeks `firstWeek..lastWeek` (ISO week indexes). */
export function sparklineSvg(
  weekly: ReadonlyArray<readonly [number, number]>,
  firstWeek: number,
  lastWeek: number,
  caption = TEXT.nl.reportsPer4Weeks,
): string {
  const steps = Math.max(1, Math.ceil((lastWeek - firstWeek + 1) / 4));
  const series = new Array<number>(steps).fill(0);
  for (const [w, n] of weekly) {
    const k = steps - 1 - Math.floor((lastWeek - w) / 4);
    if (k >= 0 && k < steps) series[k]! += n;
  }
  const max = Math.max(1, ...series),
    wPx = 120,
    hPx = 24;
  const pts = series
    .map((v, k) => `${round((k / Math.max(1, steps - 1)) * wPx, 1)},${round(hPx - (v / max) * (hPx - 2) - 1, 1)}`)
    .join(' ');
  return `<svg class="spark" width="${wPx}" height="${hPx}"><polyline points="${pts}"/><title>${caption}: ${series.join(', ')}</title></svg>`;
}

/** A team's current decision under a key: "aanpak sinds 01-03-2026 · Gebiedsteam Noord · ZAAK-12". */
export function statusHtml(a: Assessment | undefined, lang: Lang): string {
  if (!a) return '';
  const [y, m, d] = a.since.split('-');
  const since = lang === 'nl' ? `sinds ${d}-${m}-${y}` : `since ${a.since}`;
  const parts = [`${term(lang, a.status)} ${since}`, ...(a.team ? [a.team] : []), ...(a.ref ? [a.ref] : [])];
  return `<br><span class="status status-${esc(a.status)}">${esc(parts.join(' · '))}</span>`;
}

export const CSS = `
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2433;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.muted{color:#5b6476}.small{font-size:12px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e6ec;padding:5px 6px;text-align:left;vertical-align:top}
th{background:#f4f6f9;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.hotspot-row td:first-child{border-left:4px solid #c62828}.watch-row td:first-child{border-left:4px solid #ef9f00}
.map{border:1px solid #d5d9e0;background:#fbfcfd;width:100%;height:auto}
.legend{margin:4px 0 8px}.legend-item{margin-right:14px;white-space:nowrap}.legend svg{vertical-align:middle}
tr:target td{background:#fff7d6}td.key{white-space:nowrap}.status{display:inline-block;margin-top:3px;font-size:11px;padding:0 4px;border-radius:3px;background:#eef1f6;white-space:normal}.status-aanpak{background:#e6f4e8}.status-afgesloten{background:#eceff1;color:#5b6476}
@media print{body{margin:0;max-width:none}.card,tr{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
.kde rect{fill:#7b1fa2}.dots circle{fill:#4a6fa5;fill-opacity:.35}.density rect{fill:#4a6fa5}.outlines polygon{fill:none;stroke:#777;stroke-width:1;stroke-dasharray:4 2}
.buurt-labels text{font-size:10px;fill:#6b7385;text-anchor:middle}
g.hotspot polygon,g.hotspot circle.hs{fill:#c62828;fill-opacity:.25;stroke:#c62828;stroke-width:1.5}
g.watch polygon,g.watch circle.hs{fill:#ef9f00;fill-opacity:.25;stroke:#ef9f00;stroke-width:1.5}
.hs-label{font-size:11px;font-weight:700;fill:#1d2433}
.scale line{stroke:#1d2433;stroke-width:2}.scale text{font-size:11px}
.heat rect{fill:#b71c1c}.heat text{font-size:8px;fill:#5b6476}
.spark polyline{fill:none;stroke:#1d2433;stroke-width:1.3}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.card{border:1px solid #e3e6ec;border-radius:6px;padding:8px}
.tag{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px}.tag.hotspot{background:#fde0dc}.tag.watch{background:#fff1cc}
code{font-size:12px}`;

/** Places shown in detail (reasons, trend line, heatmap) in report.html; the rest in a compact table. */
export const REPORT_TOP = 50;

/** The reasons a place is listed, what held it back, and its caveats, in sentences (HTML). */
export function whyHtml(indicators: readonly ReasonInput[], caveats: readonly string[], lang: Lang): string {
  const { reasons, guards } = reasonsOf(indicators, lang);
  const notes = caveats.map((c) => term(lang, c));
  return [
    esc(reasons.join('; ')),
    ...(guards.length > 0 ? [`<br><b>${TEXT[lang].heldBack}:</b> ${esc(guards.join('; '))}`] : []),
    ...(notes.length > 0 ? [`<br><i>${esc(notes.join('; '))}</i>`] : []),
  ].join('');
}

/**
 * report.html: one self-contained page (no network needed) in one language: map, ranked table, hot
 * times, provenance; in pieces whose joined text is the page.
 */
export function screeningHtml(s: Screening, e: HtmlExtras, weekOf: (ms: number) => number, top = REPORT_TOP, lang: Lang = 'nl'): string[] {
  const t = TEXT[lang];
  const hot = s.hotspots.filter((h) => h.class === 'hotspot').length;
  const detailed = s.hotspots.slice(0, top);
  const rest = s.hotspots.slice(top);
  const head = (cols: readonly string[]) => `<thead><tr>${cols.map((c) => `<th>${c}</th>`).join('')}</tr></thead>`;
  const hottime = (h: Hotspot) => (h.peakHottime ? hottimeWords(h.peakHottime.label, lang) : '');
  const rows = detailed
    .map(
      (h, k) => `<tr class="${h.class}-row" id="hs-${k + 1}">
    <td class="num">${k + 1}</td><td class="key"><b>${esc(h.history?.key ?? h.id)}</b><br><span class="small muted">${esc(h.id)}</span>${statusHtml(h.history?.assessment, lang)}</td>
    <td>${term(lang, h.kind)}</td><td>${esc(h.place)}</td>
    <td class="num"><b>${h.score}</b>${h.giStar?.significant ? ' *' : ''}</td><td><span class="tag ${h.class}">${term(lang, h.class)}</span></td>
    <td class="num">${h.reports}</td><td class="num">${h.reporters}</td><td class="num">${h.activeWeeks}</td>
    <td>${esc(hottime(h))}</td><td>${sparklineSvg(h.weekly, weekOf(Math.min(s.period.fromMs, s.period.evidence.fromMs)), weekOf(s.period.toMs - 1), t.reportsPer4Weeks)}<br><span class="small">${esc(h.history ? term(lang, h.history.trend) : '')}${h.history ? ` · ${esc(changeWords(h.history.change, lang))}` : ''}</span></td>
    <td class="small">${whyHtml(h.indicators, h.caveats, lang)}</td></tr>`,
    )
    .join('\n');
  const compact = rest
    .map(
      (h, k) =>
        `<tr class="${h.class}-row"><td class="num">${top + k + 1}</td><td class="key">${esc(h.history?.key ?? h.id)}</td><td>${esc(h.place)}</td><td class="num">${h.score}</td><td>${term(lang, h.class)}</td><td class="num">${h.reports}</td></tr>`,
    )
    .join('\n');
  const cards = detailed
    .map(
      (h, k) => `<div class="card"><b>${k + 1}. ${esc(h.history?.key ?? h.id)}</b> <span class="small">${esc(h.place)}</span><br>
    ${heatmapSvg(h.hourProfile, lang)}<div class="small muted">${t.busiest}: ${esc(hottime(h) || '-')}${h.eventDays.length > 0 ? `; ${t.eventDays}: ${esc(h.eventDays.map((d) => d.date).join(', '))}` : ''}</div></div>`,
    )
    .join('\n');
  const inputs = s.inputs
    .map(
      (i) =>
        `<tr><td><code>${esc(i.path)}</code></td><td><code>${esc(i.sha256.slice(0, 16))}…</code></td><td class="num">${i.read}</td><td class="num">${i.accepted}</td><td class="num">${i.rejected}</td><td class="num">${i.duplicates}</td></tr>`,
    )
    .join('');
  // In pieces, for the file to be written piece by piece: as one string, the document (two-byte
  // for its "…") was copied flat once more on writing, 10 MB at 1M reports.
  return [
    `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t.title} ${esc(s.period.label)}</title><style>${CSS}</style></head><body>
<h1>${t.title} ${esc(s.period.label)}</h1>
<div class="muted">${t.summary(hot, s.hotspots.length - hot, esc(s.rules.name), esc(formatLocalIso(s.period.fromMs)), esc(formatLocalIso(s.period.toMs)))}</div>
<h2 id="map">${t.map}</h2>
<p class="small muted">${t.mapNote}</p>
`,
    mapSvg(s, e, t, lang, top),
    `
${legendHtml(t, s.hotspots.length > 0, !!e.outlines)}
<h2 id="ranking">${t.ranking}</h2>
<table>${head(t.columns)}
<tbody>`,
    rows,
    `</tbody></table>
<p class="small muted">${t.rankingNote(String(s.grid?.fdr ?? '-'))}</p>
`,
    ...(rest.length > 0
      ? [
          `<h2 id="more">${t.more(rest.length)}</h2>
<p class="small muted">${t.moreNote(top)}</p>
<table>${head(t.compactColumns)}<tbody>`,
          compact,
          '</tbody></table>',
        ]
      : []),
    `
<h2 id="hottimes">${t.hottimes}</h2>
<div class="grid"><div class="card"><b>${t.allReports}</b><br>${heatmapSvg(e.overallHours, lang)}<div class="small muted">${t.aoristicNote}</div></div>
`,
    cards,
    `</div>
${listQualityHtml(s, lang)}
<h2 id="provenance">${t.provenance}</h2>
<table>${head(t.provenanceColumns)}<tbody>${inputs}</tbody></table>
<p class="small">${t.funnel(s.funnel, e.rejected)}
${t.candidates(s.candidates)}
${t.rulesSha} <code>${esc(s.rules.sha256)}</code>.${s.history ? t.historyRun(s.history.runId, s.history.previousRunId) : ''}
${t.madeBy}</p>
</body></html>
`,
  ];
}
