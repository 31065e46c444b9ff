import { openDb, type Db } from '../history/db.js';
import { assessmentTrail, currentAssessments } from '../history/assessments.js';
import { cellCounts, coveredWeeks, type CellCount } from '../history/cells.js';
import { keyAt } from '../history/runs.js';
import { CELL_EDGE_M, CELL_SIZE_M, cellKey, type Assessment } from '../model/assessment.js';
import { distanceToHull } from '../geo/hull.js';
import { rateRatio, ratioOfRatios, wddWithCityControl, weightedDisplacementQuotient, type RateRatio } from '../stats/effect.js';
import { localDateMs, weekIndex } from '../util/period.js';
import { UserError } from '../util/errors.js';

/** Weeks before and after the start that are compared at most (each side as far as the history's counts go). */
export const EFFECT_WEEKS = 26;
/** Fewer weeks on either side than this, and no effect is estimated. */
export const MIN_EFFECT_WEEKS = 4;
/** Width of the displacement ring beyond the treated area (metres). */
export const RING_M = 250;

export interface AreaCounts {
  before: number;
  after: number;
  perWeekBefore: number;
  perWeekAfter: number;
  change: RateRatio;
}

/** The effect of one aanpak, or why it cannot be estimated yet. */
export interface Effect {
  key: string;
  place: string;
  kind: string;
  /** The aanpak decision the effect is measured from. */
  aanpak: Assessment;
  current: Assessment;
  /** Weeks compared before and after the start (up to EFFECT_WEEKS each; the start's own week is left out). */
  weeks: { before: number; after: number };
  windows: { before: [number, number]; after: [number, number] } | null;
  /**
   * Why no estimate: too few weeks of counts in the history on one side, or no located report in
   * the treated area in either window (a dwelling whose reports have an address but no point).
   */
  notEstimated?: 'too-little-data' | 'no-located-reports';
  ringM: number;
  themes: string[];
  cells: { treated: number; ring: number };
  treated?: AreaCounts;
  ring?: AreaCounts;
  control?: AreaCounts;
  /** Treated change over the city's change (same themes): below 1 is a fall beyond the city's. */
  relative?: { ratio: number; lo: number; hi: number };
  /** The ring's change over the city's change: above 1 suggests displacement. */
  ringRelative?: { ratio: number; lo: number; hi: number };
  wdd?: { wdd: number; se: number; z: number; lo: number; hi: number };
  /** Undefined when the treated area did not improve against the city (WDQ not defined). */
  wdq?: number;
  /** Reports per week in the treated area over all covered weeks around the start, for a chart. */
  series: Array<[number, number]>;
}

/** The decision an effect is measured from: the latest aanpak in the key's trail. */
function aanpakOf(trail: readonly Assessment[]): Assessment | undefined {
  return [...trail].reverse().find((a) => a.status === 'aanpak');
}

/**
 * `hotspots effect [KEY]`: for one key with an aanpak, or every key whose current status is
 * aanpak, the change in weekly reports from before to after the aanpak's start, against the rest
 * of the municipality, with displacement to a ring around the treated area. The history's weekly
 * counts per 25 m cell are the data, so a place that left the list still has its weeks counted.
 */
export function effects(dbPath: string, o: { key?: string; ringM?: number; maxWeeks?: number } = {}): Effect[] {
  const db = openDb(dbPath, { create: false });
  try {
    const current = currentAssessments(db);
    const keys = o.key ? [o.key.toUpperCase()] : [...current.values()].filter((a) => a.status === 'aanpak').map((a) => a.key);
    for (const key of keys) {
      if (!aanpakOf(assessmentTrail(db, key)))
        throw new UserError(`${key} has no aanpak in ${dbPath}`, {
          hint: `record it first: hotspots assess ${key} --status aanpak --since yyyy-mm-dd`,
        });
    }
    return effectsIn(db, keys, o);
  } finally {
    db.close();
  }
}

/** The effects of the keys that have an aanpak in their trail (others are left out), on an open history. */
export function effectsIn(db: Db, keys: readonly string[], o: { ringM?: number; maxWeeks?: number } = {}): Effect[] {
  if (keys.length === 0) return [];
  const current = currentAssessments(db);
  // The counts are read once for all keys.
  const allWeeks = coveredWeeks(db);
  const counts = {
    allWeeks,
    covered: new Set(allWeeks),
    rows: allWeeks.length > 0 ? cellCounts(db, allWeeks[0]!, allWeeks[allWeeks.length - 1]!) : [],
  };
  return [...keys].sort().flatMap((key) => {
    const aanpak = aanpakOf(assessmentTrail(db, key));
    return aanpak ? [effectOf(db, counts, key, aanpak, current.get(key)!, o.ringM ?? RING_M, o.maxWeeks ?? EFFECT_WEEKS)] : [];
  });
}

function effectOf(
  db: Db,
  { allWeeks, covered, rows }: { allWeeks: number[]; covered: ReadonlySet<number>; rows: readonly CellCount[] },
  key: string,
  aanpak: Assessment,
  current: Assessment,
  ringM: number,
  maxWeeks: number,
): Effect {
  const startMs = localDateMs(aanpak.since);
  const at = keyAt(db, key, new Date(startMs).toISOString())!;
  const startWeek = weekIndex(startMs);
  const side = (dir: -1 | 1) => {
    const weeks: number[] = [];
    for (let w = startWeek + dir; Math.abs(w - startWeek) <= maxWeeks && covered.has(w); w += dir) weeks.push(w);
    return weeks;
  };
  const nBefore = side(-1).length,
    nAfter = side(1).length;
  const weeks = { before: nBefore, after: nAfter };
  const base = { key, place: at.place, kind: at.kind, aanpak, current, ringM };
  const zone = zoneOf(at.hull, ringM);
  const series = seriesOf(rows, zone, allWeeks);
  if (Math.min(nBefore, nAfter) < MIN_EFFECT_WEEKS) {
    return { ...base, weeks, windows: null, notEstimated: 'too-little-data', themes: [], cells: { treated: 0, ring: 0 }, series };
  }
  const before: [number, number] = [startWeek - nBefore, startWeek - 1],
    after: [number, number] = [startWeek + 1, startWeek + nAfter];
  const inWindow = (w: number) => (w >= before[0] && w <= before[1] ? 0 : w >= after[0] && w <= after[1] ? 1 : -1);
  const themes = [...new Set(rows.filter((r) => inWindow(r.week) >= 0 && zone(r) === 'treated').map((r) => r.theme))].sort();
  const counts = { treated: [0, 0], ring: [0, 0], control: [0, 0] };
  const cells = { treated: new Set<string>(), ring: new Set<string>() };
  for (const r of rows) {
    const side = inWindow(r.week);
    if (side < 0 || !themes.includes(r.theme)) continue;
    const z = zone(r);
    counts[z][side]! += r.reports;
    if (z !== 'control') cells[z].add(`${r.cx},${r.cy}`);
  }
  const area = (c: number[]): AreaCounts => ({
    before: c[0]!,
    after: c[1]!,
    perWeekBefore: c[0]! / nBefore,
    perWeekAfter: c[1]! / nAfter,
    change: rateRatio(c[1]!, nAfter, c[0]!, nBefore),
  });
  if (counts.treated[0]! + counts.treated[1]! === 0) {
    return {
      ...base,
      weeks,
      windows: { before, after },
      notEstimated: 'no-located-reports',
      themes,
      cells: { treated: 0, ring: 0 },
      series,
    };
  }
  const [t0, t1] = counts.treated as [number, number],
    [d0, d1] = counts.ring as [number, number],
    [c0, c1] = counts.control as [number, number];
  const wdq = weightedDisplacementQuotient({ t0, t1, c0, c1, d0, d1, cd0: c0, cd1: c1 });
  return {
    ...base,
    weeks,
    windows: { before, after },
    themes,
    cells: { treated: cells.treated.size, ring: cells.ring.size },
    treated: area(counts.treated),
    ring: area(counts.ring),
    control: area(counts.control),
    relative: ratioOfRatios({ after: t1, before: t0 }, { after: c1, before: c0 }),
    ringRelative: ratioOfRatios({ after: d1, before: d0 }, { after: c1, before: c0 }),
    wdd: wddWithCityControl({ t0, t1, d0, d1, c0, c1 }, nAfter / nBefore),
    ...(wdq ? { wdq: wdq.wdq } : {}),
    series,
  };
}

type Zone = 'treated' | 'ring' | 'control';

/** Which area a cell's centre falls in: the hull (and its edge), the ring beyond it, or the rest. */
function zoneOf(hull: Array<[number, number]>, ringM: number): (c: { cx: number; cy: number }) => Zone {
  const memo = new Map<number, Zone>();
  return ({ cx, cy }) => {
    const k = cellKey(cx, cy);
    let z = memo.get(k);
    if (z === undefined) {
      const x = (cx + 0.5) * CELL_SIZE_M,
        y = (cy + 0.5) * CELL_SIZE_M;
      const d = distanceToHull(hull, x, y);
      z = d <= CELL_EDGE_M ? 'treated' : d <= CELL_EDGE_M + ringM ? 'ring' : 'control';
      memo.set(k, z);
    }
    return z;
  };
}

/** Reports per covered week in the treated area (all themes). */
function seriesOf(rows: readonly CellCount[], zone: (c: CellCount) => Zone, weeks: readonly number[]): Array<[number, number]> {
  const byWeek = new Map<number, number>(weeks.map((w) => [w, 0]));
  for (const r of rows) if (zone(r) === 'treated') byWeek.set(r.week, (byWeek.get(r.week) ?? 0) + r.reports);
  return [...byWeek].sort((a, b) => a[0] - b[0]);
}
