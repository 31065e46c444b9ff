import type { Assessment } from '../model/assessment.js';
import { effectsJson } from './effect.js';
import { accuracyJson } from './accuracy.js';
import type { AddressRepeats, Concentration, ConcentrationOver, Hotspot, HotspotChange, Screening } from '../model/screening.js';
import type { Caveat } from '../model/scoring.js';
import { rdToWgs84 } from '../geo/rd.js';
import { formatLocalIso, toWallTime } from '../util/time.js';
import { lazyList } from '../util/json-pieces.js';
import type { DensityGrid } from '../model/density.js';
import { byCharacters } from '../util/text.js';

/** Fixed precision so outputs are byte-identical across runs and machines. */
export const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

const indicatorsJson = (h: Hotspot) =>
  h.indicators.map((i) => ({
    id: i.id,
    label: i.label,
    value: round(i.value, 4),
    weight: round(i.weight, 4),
    fired: i.fired,
    applies: i.applies,
    judged: i.judged,
  }));

/** A team's current decision as the outputs show it: status, since, team and case reference. */
export const assessmentJson = (a: Assessment) => ({
  status: a.status,
  since: a.since,
  ...(a.team ? { team: a.team } : {}),
  ...(a.ref ? { ref: a.ref } : {}),
});

/** A hotspot in its screening.json form (which both GeoJSON files show too). */
export type HotspotJson = ReturnType<typeof hotspotJson>;

/** One hotspot in the screening.json contract. */
export function hotspotJson(h: Hotspot) {
  return {
    id: h.id,
    kind: h.kind,
    class: h.class,
    score: round(h.score, 4),
    // made when screening.json is written (the GeoJSON files leave them out): 8,000 hotspots' forms
    // are kept for three files, their 130,000 indicator objects need not be
    indicators: { toJSON: () => indicatorsJson(h) },
    reports: h.reports,
    reporters: h.reporters,
    activeWeeks: h.activeWeeks,
    first: formatLocalIso(h.firstMs),
    last: formatLocalIso(h.lastMs),
    centroid: { x: round(h.centroid.x, 1), y: round(h.centroid.y, 1), lat: round(h.centroid.lat, 6), lon: round(h.centroid.lon, 6) },
    radiusM: round(h.radiusM, 1),
    place: h.place,
    ...(h.address ? { address: h.address } : {}),
    ...(h.street ? { street: h.street } : {}),
    ...(h.buurt ? { buurt: h.buurt } : {}),
    ...(h.wijk ? { wijk: h.wijk } : {}),
    ...(h.area ? { area: h.area, areaCode: h.areaCode ?? h.area } : {}),
    otherAreas: h.otherAreas,
    themes: Object.fromEntries(Object.entries(h.themes).sort(([a], [b]) => byCharacters(a, b))),
    ...(h.peakHottime ? { peakHottime: { label: h.peakHottime.label, share: round(h.peakHottime.share, 4) } } : {}),
    eventDays: h.eventDays.map((d) => ({ date: d.date, reports: d.reports, expected: round(d.expected, 4) })),
    ...(h.giStar
      ? { giStar: { z: round(h.giStar.z, 4), p: round(h.giStar.p, 6), q: round(h.giStar.q, 6), significant: h.giStar.significant } }
      : {}),
    caveats: h.caveats,
    ...(h.history ? { key: h.history.key, trend: h.history.trend, change: h.history.change } : {}),
    ...(h.history?.assessment ? { assessment: assessmentJson(h.history.assessment) } : {}),
    reportIds: h.reportIds,
  };
}

const overJson = (o: ConcentrationOver) => ({
  places: o.places,
  reports: o.reports,
  gini: round(o.gini, 4),
  generalisedGini: round(o.generalisedGini, 4),
  placesShareForHalf: round(o.placesShareForHalf, 4),
  reportsShareAtTop5Pct: round(o.reportsShareAtTop5Pct, 4),
  lorenz: o.lorenz.map(([p, r]) => [round(p, 4), round(r, 4)]),
});

/** How concentrated the screened reports are, over grid cells and over addresses with a report. */
const concentrationJson = (c: Concentration | null) =>
  c && { cells: { cellSizeM: c.cells.cellSizeM, ...overJson(c.cells) }, addresses: c.addresses && overJson(c.addresses) };

const repeatsJson = (r: AddressRepeats | null) =>
  r && {
    addresses: r.addresses,
    within: r.within.map((w) => ({ ...w, share: w.share === null ? null : round(w.share, 4) })),
    curve: r.curve.map((v) => round(v, 4)),
  };

/** What the history says about the run; effects and accuracy as numbers (the sentences are in the people-facing outputs). */
function historyJson(h: NonNullable<Screening['history']>) {
  const { effects, accuracy, ...rest } = h;
  return {
    ...rest,
    ...(effects ? { effects: effectsJson(effects, 'nl').effects.map(({ sentence, ...e }) => e) } : {}),
    ...(accuracy ? { accuracy: (({ runs, ...a }) => a)(accuracyJson(accuracy)) } : {}),
  };
}

/**
 * screening.json: the machine contract (schemaVersion 1, documented in README). `forms` are the
 * hotspots already in their JSON form, when the GeoJSON files made them (8,000 hotspots: 0.1 s each time).
 */
export function screeningJson(s: Screening, forms: readonly HotspotJson[] = s.hotspots.map(hotspotJson)) {
  return {
    schemaVersion: 1,
    run: {
      period: {
        from: formatLocalIso(s.period.fromMs),
        to: formatLocalIso(s.period.toMs),
        label: s.period.label,
        endsAtData: s.period.endsAtData,
        evidence: {
          from: formatLocalIso(s.period.evidence.fromMs),
          to: formatLocalIso(s.period.evidence.toMs),
          windowDays: s.period.evidence.windowDays,
        },
      },
      rules: { name: s.rules.name, sha256: s.rules.sha256 },
      inputs: s.inputs,
      funnel: s.funnel,
      candidates: s.candidates,
      grid: s.grid,
      areas: s.areas,
      ...(s.concentration !== undefined ? { concentration: concentrationJson(s.concentration) } : {}),
      ...(s.repeats !== undefined ? { repeats: repeatsJson(s.repeats) } : {}),
      ...(s.history ? { history: historyJson(s.history) } : {}),
    },
    warnings: s.warnings,
    hotspots: forms,
  };
}

export const HOTSPOT_COLUMNS = [
  'rank',
  'id',
  'kind',
  'class',
  'score',
  'reports',
  'reporters',
  'active_weeks',
  'first',
  'last',
  'place',
  'street',
  'address',
  'buurt',
  'wijk',
  'area',
  'other_areas',
  'x',
  'y',
  'lat',
  'lon',
  'radius_m',
  'indicators_fired',
  'peak_hottime',
  'gi_star_z',
  'gi_star_q',
  'gi_star_significant',
  'key',
  'trend',
  'change',
  'caveats',
  'status',
  'status_since',
  'team',
  'case_ref',
] as const;

/** Fired indicators as one readable cell: "drugs=0.62 (+2); meerdere-melders=14 (+2)". */
export function firedText(h: Hotspot): string {
  return h.indicators
    .filter((i) => i.fired)
    .map((i) => `${i.id}=${round(i.value, 2)} (${i.weight >= 0 ? '+' : ''}${round(i.weight, 2)})`)
    .join('; ');
}

/** "dd-mm-jjjj hh:mm", local, as Dutch Excel reads a date and time. */
function excelTime(ms: number): string {
  const w = toWallTime(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(w.day)}-${two(w.month)}-${w.year} ${two(w.hour)}:${two(w.minute)}`;
}

/** Rows of hotspots.csv, in rank order; `excel`: times as dd-mm-jjjj hh:mm. */
export function* hotspotRows(s: Screening, excel = false): Generator<unknown[]> {
  // one row at a time, as written: 8,000 rows made at once outlived young-generation collections
  const time = excel ? excelTime : (ms: number) => formatLocalIso(ms);
  for (const [k, h] of s.hotspots.entries())
    yield [
      k + 1,
      h.id,
      h.kind,
      h.class,
      round(h.score, 4),
      h.reports,
      h.reporters,
      h.activeWeeks,
      time(h.firstMs),
      time(h.lastMs),
      h.place,
      h.street ?? '',
      h.address ?? '',
      h.buurt ?? '',
      h.wijk ?? '',
      h.area ?? '',
      h.otherAreas.join('; '),
      round(h.centroid.x, 1),
      round(h.centroid.y, 1),
      round(h.centroid.lat, 6),
      round(h.centroid.lon, 6),
      round(h.radiusM, 1),
      firedText(h),
      h.peakHottime?.label ?? '',
      h.giStar ? round(h.giStar.z, 4) : '',
      h.giStar ? round(h.giStar.q, 6) : '',
      h.giStar ? String(h.giStar.significant) : '',
      h.history?.key ?? '',
      h.history?.trend ?? '',
      h.history ? changeText(h.history.change) : '',
      caveatText(h),
      h.history?.assessment?.status ?? '',
      h.history?.assessment?.since ?? '',
      h.history?.assessment?.team ?? '',
      h.history?.assessment?.ref ?? '',
    ];
}

/** Caveats in the gebiedsteam's words: "melders onbekend", "stil gevallen". */
export const CAVEAT_TEXT: Record<Caveat, string> = { 'reporters-unknown': 'melders onbekend', 'gone-quiet': 'stil gevallen' };

export function caveatText(h: Pick<Hotspot, 'caveats'>): string {
  return h.caveats.map((c) => CAVEAT_TEXT[c]).join('; ');
}

/** "new", "up from 9", "down from 12", "same". */
export function changeText(c: HotspotChange): string {
  return c.status === 'new' || c.status === 'same' ? c.status : `${c.status} from ${round(c.previousScore!, 2)}`;
}

export const HOTSPOT_REPORT_COLUMNS = ['hotspot_id', 'report_id'] as const;

/** Rows of hotspot-reports.csv: which report is in which hotspot, for tracing back in the source system. */
export function* hotspotReportRows(s: Screening): Generator<unknown[]> {
  for (const h of s.hotspots) for (const id of h.reportIds) yield [h.id, id];
}

/** A hotspot's GeoJSON properties: the CSV's columns. */
function geoProperties(h: Hotspot, form: HotspotJson, k: number) {
  const { reportIds: _ids, indicators: _ind, ...rest } = form;
  return { rank: k + 1, ...rest, indicators_fired: firedText(h) };
}

/**
 * hotspots.geojson: one point per hotspot (its centroid), WGS84, so that GIS reads one layer of one
 * geometry type. The areas are in hotspot-areas.geojson.
 */
export function hotspotsGeoJson(s: Screening, forms: readonly HotspotJson[] = s.hotspots.map(hotspotJson)) {
  const features = lazyList(s.hotspots.length, (k) => {
    const h = s.hotspots[k]!;
    return {
      type: 'Feature',
      id: h.id,
      geometry: { type: 'Point', coordinates: [round(h.centroid.lon, 6), round(h.centroid.lat, 6)] },
      properties: geoProperties(h, forms[k]!, k),
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * hotspot-areas.geojson: the convex hull of each hotspot's reports as a polygon, WGS84. A place
 * whose reports lie on fewer than three distinct points not on one line (most dwellings) has no
 * area: it is only a point in hotspots.geojson.
 */
export function hotspotAreasGeoJson(s: Screening, forms: readonly HotspotJson[] = s.hotspots.map(hotspotJson)) {
  const features = lazyList(s.hotspots.length, (k) => {
    const h = s.hotspots[k]!;
    const ring = h.hullRd.map(([x, y]) => rdToWgs84(x, y)).map(([lon, lat]) => [round(lon, 6), round(lat, 6)]);
    if (ring.length < 3) return undefined;
    return {
      type: 'Feature',
      id: h.id,
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
      properties: geoProperties(h, forms[k]!, k),
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * density.geojson: the kernel density surface as square cells (WGS84 polygons of the RD cells)
 * with their value in reports per km²; cells no report's kernel reaches (0) are left out.
 */
export function densityGeoJson(d: DensityGrid) {
  return JSON.parse(densityGeoJsonText(d)) as { type: 'FeatureCollection'; properties: Record<string, unknown>; features: unknown[] };
}

/**
 * A grid corner (RD metres) in WGS84 as JSON text, `[lon,lat]` rounded to 6 decimals, each corner
 * converted once: cells share their corners, so a surface of n cells has about n corners, not 5n
 * conversions (the density file of 100k reports: 35 of its 66 ms were conversions). Keyed by the
 * exact coordinates, so a corner reached by two roundings of the same sum is converted for each.
 */
function cornerMemo(): (x: number, y: number) => string {
  const rows = new Map<number, Map<number, string>>();
  return (x, y) => {
    let row = rows.get(y);
    if (!row) rows.set(y, (row = new Map()));
    let c = row.get(x);
    if (c === undefined) {
      const [lon, lat] = rdToWgs84(x, y);
      row.set(x, (c = `[${jsonNumber(round(lon, 6))},${jsonNumber(round(lat, 6))}]`));
    }
    return c;
  };
}

/** A number as JSON.stringify writes it. */
const jsonNumber = (n: number) => (Number.isFinite(n) ? String(n) : 'null');

/**
 * density.geojson as text: one cell per line (thousands of cells; indented it would be three times
 * the size), each a polygon of its corners with its density. Written as text, not an object per
 * cell made into JSON: the same bytes in a third of the time.
 */
export function densityGeoJsonText(d: DensityGrid): string {
  const head = {
    type: 'FeatureCollection',
    properties: { kernel: 'quartic', bandwidth_m: round(d.bandwidthM, 1), cell_size_m: d.cellSizeM },
  };
  const corner = cornerMemo();
  const lines: string[] = [];
  for (let r = 0; r < d.rows; r++) {
    for (let k = 0; k < d.cols; k++) {
      const v = d.perKm2[r * d.cols + k]!;
      if (v <= 0) continue;
      const x0 = d.originX + k * d.cellSizeM,
        y0 = d.originY + r * d.cellSizeM,
        x1 = x0 + d.cellSizeM,
        y1 = y0 + d.cellSizeM;
      const sw = corner(x0, y0);
      const ring = `[${sw},${corner(x1, y0)},${corner(x1, y1)},${corner(x0, y1)},${sw}]`;
      lines.push(
        `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[${ring}]},"properties":{"kde_per_km2":${jsonNumber(Number(v.toPrecision(6)))},"row":${r},"col":${k}}}`,
      );
    }
  }
  return `${JSON.stringify(head).slice(0, -1)},"features":[\n${lines.join(',\n')}\n]}\n`;
}
