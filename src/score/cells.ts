import { CELL_SIZE_M, type CellWeeks } from '../model/assessment.js';
import type { Concentration, ConcentrationOver } from '../model/screening.js';
import { gini, lorenzCurve, placesShareFor, repeatRatesOf } from '../stats/accuracy.js';
import { forEachRun } from './measures.js';

// The aggregation key packs week (relative to the run's first), source, theme and cell into one
// exact number (52 bits): cells are offset so RD coordinates may be negative (exports from across
// the border, or the UK test data, project west of RD's origin).
const CX = 65_536, // cells per axis: 65,536 x 25 m = 1,638 km, centred on RD's origin
  HALF = 32_768,
  SOURCES = 32,
  THEMES = 16,
  WEEKS = 2_048; // weeks a run's reports may span (39 years)

/**
 * The screened reports counted per 25 m cell, ISO week, theme and source (what the history keeps
 * for effect and accuracy: no report rows), with the days each source's counts cover. Reports
 * without a point are not counted (nor, in an export of more than 32 sources or 39 years, the
 * rest). Sorted by week, source, theme, cx, cy.
 */
export function cellWeeksOf(
  c: { x: Float64Array; y: Float64Array; theme: Int32Array; source: Int32Array; reportedAt: Float64Array },
  weekOf: Int32Array,
  names: { themes: readonly string[]; sources: readonly string[] },
  evidence: { fromDay: number; toDay: number },
  dayOf: (ms: number) => number,
): CellWeeks {
  let firstWeek = Number.POSITIVE_INFINITY;
  for (let i = 0; i < weekOf.length; i++) firstWeek = Math.min(firstWeek, weekOf[i]!);
  const keys = new Float64Array(c.x.length);
  let n = 0;
  for (let i = 0; i < c.x.length; i++) {
    const cx = Math.floor(c.x[i]! / CELL_SIZE_M) + HALF,
      cy = Math.floor(c.y[i]! / CELL_SIZE_M) + HALF,
      week = weekOf[i]! - firstWeek;
    if (!(cx >= 0 && cx < CX && cy >= 0 && cy < CX) || c.source[i]! >= SOURCES || week >= WEEKS) continue; // NaN fails too
    keys[n++] = (((week * SOURCES + c.source[i]!) * THEMES + c.theme[i]!) * CX + cx) * CX + cy;
  }
  const sorted = keys.subarray(0, n).sort();
  let rows = 0;
  forEachRun(sorted, () => rows++);
  // presized: growing six arrays of up to a million rows left three times their size as garbage
  const cx = new Int32Array(rows),
    cy = new Int32Array(rows),
    week = new Int32Array(rows),
    reports = new Int32Array(rows),
    theme = new Uint8Array(rows),
    source = new Uint8Array(rows);
  let r = 0;
  forEachRun(sorted, (key, count) => {
    let k = key;
    cy[r] = (k % CX) - HALF;
    k = Math.floor(k / CX);
    cx[r] = (k % CX) - HALF;
    k = Math.floor(k / CX);
    theme[r] = k % THEMES;
    k = Math.floor(k / THEMES);
    source[r] = k % SOURCES;
    week[r] = Math.floor(k / SOURCES) + firstWeek;
    reports[r++] = count;
  });
  return {
    cellSizeM: CELL_SIZE_M,
    coverage: coverageOf(c.source, c.reportedAt, weekOf, names.sources, evidence, dayOf),
    cx,
    cy,
    week,
    theme,
    source,
    names: { themes: [...names.themes], sources: [...names.sources] },
    reports,
  };
}

/** Days without a report at either end of the evidence range that still count as the city being quiet. */
const QUIET_DAYS = 2;

/**
 * Per source: the evidence range, narrowed to its first and last screened report when those lie
 * more than QUIET_DAYS inside it, and the weeks it has reports in.
 */
function coverageOf(
  source: Int32Array,
  reportedAt: Float64Array,
  weekOf: Int32Array,
  sources: readonly string[],
  evidence: { fromDay: number; toDay: number },
  dayOf: (ms: number) => number,
): CellWeeks['coverage'] {
  const first = new Float64Array(sources.length).fill(Number.POSITIVE_INFINITY),
    last = new Float64Array(sources.length).fill(Number.NEGATIVE_INFINITY);
  const weeks = sources.map(() => new Set<number>());
  for (let i = 0; i < source.length; i++) {
    const s = source[i]!;
    first[s] = Math.min(first[s]!, reportedAt[i]!);
    last[s] = Math.max(last[s]!, reportedAt[i]!);
    weeks[s]!.add(weekOf[i]!);
  }
  return sources.flatMap((name, s) =>
    Number.isFinite(first[s]!)
      ? [
          {
            source: name,
            // An export that starts or stops well inside the evidence range covers its own days only;
            // a day or two of quiet at an end is the city, not the export.
            fromDay: dayOf(first[s]!) - evidence.fromDay > QUIET_DAYS ? dayOf(first[s]!) : evidence.fromDay,
            toDay: evidence.toDay - (dayOf(last[s]!) + 1) > QUIET_DAYS ? dayOf(last[s]!) + 1 : evidence.toDay,
            weeks: [...weeks[s]!].sort((a, b) => a - b),
          },
        ]
      : [],
  );
}

function over(counts: ArrayLike<number>): ConcentrationOver {
  const g = gini(counts);
  const lorenz = lorenzCurve(counts, 50);
  const sorted = Float64Array.from(counts).sort().reverse();
  const top = Math.max(1, Math.round(sorted.length * 0.05));
  let topSum = 0;
  for (let i = 0; i < top && i < sorted.length; i++) topSum += sorted[i]!;
  return {
    places: g.places,
    reports: g.reports,
    gini: g.gini,
    generalisedGini: g.generalised,
    placesShareForHalf: placesShareFor(counts, 0.5),
    reportsShareAtTop5Pct: g.reports > 0 ? topSum / g.reports : 0,
    lorenz,
  };
}

/**
 * Concentration over the cells of the screened area (every cell of `cellSizeM` in the bounding box
 * of the located reports, empty ones included) and over addresses with a report.
 */
export function concentrationOf(x: Float64Array, y: Float64Array, address: Int32Array, cellSizeM: number): Concentration | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  if (!Number.isFinite(minX)) return null;
  const nx = Math.floor((maxX - minX) / cellSizeM) + 1,
    ny = Math.floor((maxY - minY) / cellSizeM) + 1;
  const cells = new Float64Array(nx * ny);
  const byAddress = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    if (address[i]! >= 0) byAddress.set(address[i]!, (byAddress.get(address[i]!) ?? 0) + 1);
    if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
    cells[Math.floor((y[i]! - minY) / cellSizeM) * nx + Math.floor((x[i]! - minX) / cellSizeM)]! += 1;
  }
  return {
    cells: { cellSizeM, ...over(cells) },
    addresses: byAddress.size > 0 ? over([...byAddress.values()]) : null,
  };
}

/** Repeat reports at dwellings' addresses (see repeatRatesOf), from the screened reports. */
export function addressRepeats(address: Int32Array, reportedAt: Float64Array, endMs: number) {
  let addresses = 0;
  for (let i = 0; i < address.length; i++) addresses = Math.max(addresses, address[i]! + 1);
  if (addresses === 0) return null;
  const first = new Float64Array(addresses).fill(Number.POSITIVE_INFINITY),
    second = new Float64Array(addresses).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < address.length; i++) {
    const a = address[i]!,
      t = reportedAt[i]!;
    if (a < 0) continue;
    if (t < first[a]!) {
      second[a] = first[a]!;
      first[a] = t;
    } else if (t < second[a]!) second[a] = t;
  }
  // Address keys without a screened report (they exist for resolved duplicates) are left out.
  let n = 0;
  for (let a = 0; a < addresses; a++) {
    if (first[a] === Number.POSITIVE_INFINITY) continue;
    first[n] = first[a]!;
    second[n++] = second[a]!;
  }
  return repeatRatesOf(first.subarray(0, n), second.subarray(0, n), endMs);
}
