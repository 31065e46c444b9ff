import type { Assessment } from '../model/assessment.js';
import { areaName } from '../geo/areas.js';
import type { HotspotChange, StoredHotspot } from '../model/screening.js';
import { formatLocalDate } from '../util/time.js';
import { hottimeWords, reasonsOf, type ReasonInput } from './reasons.js';
import { changeWords, term, type Lang } from './words.js';

/** A hotspot of a stored run, as the gebiedsteam export reads it: with its change and parsed indicators. */
export interface ExportHotspot extends Omit<StoredHotspot, 'indicatorsJson'> {
  change: HotspotChange;
  indicators: ReasonInput[];
  /** The team's current decision about the key, if any. */
  assessment?: Assessment;
}

export type { Lang };

/** The run an export is made from: its period, number and when it was made (stated on every row). */
export interface ExportRun {
  id: number;
  periodLabel: string;
  /** The period, ISO instants (end exclusive). */
  periodFrom: string;
  periodTo: string;
  /** The start of the reports the list was judged on (a weekly list's lookback window); default the period's. */
  evidenceFrom?: string;
  createdAt: string;
}
export type AreaLevel = 'wijk' | 'buurt' | 'stadsdeel' | 'area';

const HEADERS: Record<Lang, string[]> = {
  nl: [
    'rang',
    'sleutel',
    'soort',
    'klasse',
    'score',
    'plaats',
    'buurt',
    'wijk',
    'meldingen',
    'melders',
    'weken_actief',
    'eerste_melding',
    'laatste_melding',
    'piekmoment',
    'trend',
    'verandering',
    'redenen',
    'tegengehouden_door',
    'kanttekeningen',
    'status',
    'status_sinds',
    'team',
    'zaak',
    'periode',
    'run',
    'gemaakt_op',
  ],
  en: [
    'rank',
    'key',
    'kind',
    'class',
    'score',
    'place',
    'buurt',
    'wijk',
    'reports',
    'reporters',
    'active_weeks',
    'first_report',
    'last_report',
    'peak_hottime',
    'trend',
    'change',
    'reasons',
    'held_back_by',
    'caveats',
    'status',
    'status_since',
    'team',
    'case_ref',
    'period',
    'run',
    'created',
  ],
};

/** dd-mm-jjjj, as Dutch Excel shows dates. */
function dutchDate(iso: string): string {
  const [y, m, d] = formatLocalDate(Date.parse(iso)).split('-');
  return `${d}-${m}-${y}`;
}

/** File name of the hotspots that lie in no area of the map, so the files add up to the whole. */
export const OUTSIDE_AREAS = 'buiten-gebieden';

/**
 * The area a hotspot is exported under. `area`: the municipality's own map (--areas) or the area the
 * source names; hotspots in none go to "buiten-gebieden". Maastricht's stadsdelen are its wijken:
 * "Wijk 01 Buitenwijk Zuidwest" is stadsdeel Zuidwest.
 */
function areaOf(h: ExportHotspot, level: AreaLevel): { code: string; name: string } {
  if (level === 'area') return h.areaCode ? { code: h.areaCode, name: h.area ?? '' } : { code: OUTSIDE_AREAS, name: '' };
  const code = level === 'buurt' ? h.buurt : h.wijk;
  if (!code) return { code: level === 'buurt' ? 'zonder-buurt' : 'zonder-wijk', name: '' };
  const name = areaName(code) ?? '';
  return { code, name: level === 'stadsdeel' ? name.replace(/^Buitenwijk /, '') : name };
}

/** File name for an area and the run's period: WK093500-centrum_2026-W47.csv (`ext` html: its page). */
export function areaFileName(area: { code: string; name: string }, periodLabel: string, ext: 'csv' | 'html' = 'csv'): string {
  const slugOf = (t: string) =>
    t
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const code = slugOf(area.code) === slugOf(area.name) ? slugOf(area.code) : area.code.replace(/[^\w.-]+/g, '-');
  const slug = slugOf(area.name);
  return `${code}${slug && slug !== code ? `-${slug}` : ''}_${periodLabel.replace(/[^\w.-]+/g, '_')}.${ext}`;
}

/**
 * Rows per area for the gebiedsteams: only what partners need, in their language. Dwellings
 * (household addresses) only when asked for. Never free text or reporter data: those are not in
 * the history to begin with.
 */
export function exportTables(hotspots: readonly ExportHotspot[], level: AreaLevel, lang: Lang, includeDwellings: boolean, run: ExportRun) {
  const areas = new Map<string, { area: { code: string; name: string }; rows: unknown[][]; hotspots: ExportHotspot[] }>();
  let leftOutDwellings = 0;
  for (const h of hotspots) {
    if (h.kind === 'dwelling' && !includeDwellings) {
      leftOutDwellings++;
      continue;
    }
    const area = areaOf(h, level);
    let entry = areas.get(area.code);
    if (!entry) areas.set(area.code, (entry = { area, rows: [], hotspots: [] }));
    entry.hotspots.push(h);
    entry.rows.push([
      entry.rows.length + 1,
      h.key,
      term(lang, h.kind),
      term(lang, h.class),
      h.score,
      h.place,
      h.buurt ? `${h.buurt}${areaName(h.buurt) ? ` ${areaName(h.buurt)}` : ''}` : '',
      h.wijk ? `${h.wijk}${areaName(h.wijk) ? ` ${areaName(h.wijk)}` : ''}` : '',
      h.reports,
      h.reporters,
      h.activeWeeks,
      dutchOrIso(h.first, lang),
      dutchOrIso(h.last, lang),
      h.peakHottime ? hottimeWords(h.peakHottime, lang) : '',
      h.trend ? term(lang, h.trend) : '',
      changeWords(h.change, lang),
      reasonsOf(h.indicators, lang).reasons.join('; '),
      reasonsOf(h.indicators, lang).guards.join('; '),
      h.caveats
        .split(',')
        .filter(Boolean)
        .map((c) => term(lang, c))
        .join(' | '),
      h.assessment ? term(lang, h.assessment.status) : '',
      h.assessment ? dutchOrIso(h.assessment.since, lang) : '',
      h.assessment?.team ?? '',
      h.assessment?.ref ?? '',
      run.periodLabel,
      run.id,
      dutchOrIso(run.createdAt, lang),
    ]);
  }
  return { header: HEADERS[lang], areas: [...areas.values()].sort((a, b) => (a.area.code < b.area.code ? -1 : 1)), leftOutDwellings };
}

/** A date as the language's readers write it: dd-mm-jjjj in Dutch, yyyy-mm-dd otherwise. */
export function dutchOrIso(iso: string, lang: Lang): string {
  return lang === 'nl' ? dutchDate(iso) : formatLocalDate(Date.parse(iso));
}
