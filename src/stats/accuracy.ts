/**
 * How good a list of places is at where the next reports happen (prospective accuracy), and how
 * concentrated reports are over places. Pure functions on per-place counts.
 */

/** One list judged against the reports of the period after it. */
export interface ListAccuracy {
  /** Reports in the following period, all and in the listed places. */
  reports: number;
  captured: number;
  /** captured / reports (0 when there were none). */
  hitRate: number;
  /** Listed places / all places of the study area: the coverage the PAI is stated at. */
  areaShare: number;
  /** Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008): hitRate / areaShare. */
  pai: number;
  /** The most any list of as many places could have captured (the busiest places of the period). */
  bestCaptured: number;
  /** Predictive Efficiency Index (Hunt 2016): captured / bestCaptured; 1 when the list was the best possible. */
  pei: number;
}

/**
 * Scores the listed places (indices into `counts`, the following period's reports per place of a
 * study area of `places` places, zeros included or implied). A baseline that ranks fewer places
 * than the list it is compared with is scored at the list's size (its other picks caught nothing).
 */
export function listAccuracy(
  listed: ReadonlySet<number>,
  counts: ReadonlyMap<number, number>,
  places: number,
  /** The places a list of this size covers, when it is longer than `listed` (a baseline with too few candidates). */
  size = listed.size,
): ListAccuracy {
  let reports = 0,
    captured = 0;
  for (const [place, n] of counts) {
    reports += n;
    if (listed.has(place)) captured += n;
  }
  const best = [...counts.values()].sort((a, b) => b - a).slice(0, size);
  const bestCaptured = best.reduce((s, n) => s + n, 0);
  const hitRate = reports > 0 ? captured / reports : 0;
  const areaShare = places > 0 ? size / places : 0;
  return {
    reports,
    captured,
    hitRate,
    areaShare,
    pai: areaShare > 0 ? hitRate / areaShare : 0,
    bestCaptured,
    pei: bestCaptured > 0 ? captured / bestCaptured : 0,
  };
}

/** Overlap of two lists: |A and B| / |A or B| (1 for two empty lists). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const either = a.size + b.size - both;
  return either === 0 ? 1 : both / either;
}

/**
 * A Wilson score 95 % interval for a share k of n (hit rates over small counts): never outside
 * 0..1, and sensible at 0 and n.
 */
export function wilson(k: number, n: number): { lo: number; hi: number } {
  if (n === 0) return { lo: 0, hi: 1 };
  const z = 1.959963984540054,
    p = k / n,
    z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * The Gini coefficient of counts over places (zeros included): sum((2i - n - 1) x_i) / (n sum x)
 * over ascending counts (DescTools' biased Gini). With fewer reports than places the generalised
 * Gini of Bernasco & Steenbeek (2017) compares with maximal equality given the data (one report per
 * place): max(1, n / N) (G - 1) + 1.
 */
export function gini(counts: ArrayLike<number>): { gini: number; generalised: number; places: number; reports: number } {
  const xs = Float64Array.from(counts).sort();
  const n = xs.length;
  let total = 0,
    weighted = 0;
  for (let i = 0; i < n; i++) {
    total += xs[i]!;
    weighted += (2 * (i + 1) - n - 1) * xs[i]!;
  }
  if (n === 0 || total === 0) return { gini: 0, generalised: 0, places: n, reports: total };
  const g = weighted / (n * total);
  return { gini: g, generalised: Math.max(1, n / total) * (g - 1) + 1, places: n, reports: total };
}

/**
 * The Lorenz curve from the busiest place down: points (share of places, share of reports), from
 * (0, 0) to (1, 1), at most `maxPoints` (evenly over the places) plus the ends.
 */
export function lorenzCurve(counts: ArrayLike<number>, maxPoints = 100): Array<[number, number]> {
  const xs = Float64Array.from(counts).sort().reverse();
  const n = xs.length;
  const total = xs.reduce((s, x) => s + x, 0);
  if (n === 0 || total === 0)
    return [
      [0, 0],
      [1, 1],
    ];
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const out: Array<[number, number]> = [[0, 0]];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += xs[i]!;
    if ((i + 1) % step === 0 || i === n - 1) out.push([(i + 1) / n, sum / total]);
  }
  return out;
}

/**
 * The smallest share of places that holds at least `share` of the reports (busiest first): the
 * "x % of the reports at y % of the places" of a concentration sentence.
 */
export function placesShareFor(counts: ArrayLike<number>, share: number): number {
  const xs = Float64Array.from(counts).sort().reverse();
  const total = xs.reduce((s, x) => s + x, 0);
  if (total === 0 || xs.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]!;
    if (sum >= share * total - 1e-9) return (i + 1) / xs.length;
  }
  return 1;
}

/** Addresses a point of the time-to-repeat curve needs (followed at least that long). */
const MIN_FOLLOWED = 30;

/**
 * Repeats at addresses: the share of addresses whose first report is followed by another within
 * each window (4, 13 and 26 weeks by default), and the time-to-repeat curve (share repeated within
 * d days, d = 1..maxDays, as long as at least 30 addresses were followed that long; a window none
 * was followed for has share null). An address counts towards a window only when its first report lies at
 * least that long before `endMs` (the end of the data), so late first reports do not read as "no
 * repeat".
 */
export function repeatRates(
  timesByAddress: Iterable<readonly number[]>,
  endMs: number,
  windowsDays: readonly number[] = [28, 91, 182],
  maxDays = 182,
): RepeatRates {
  const first: number[] = [],
    second: number[] = [];
  for (const times of timesByAddress) {
    if (times.length === 0) continue;
    const ts = [...times].sort((a, b) => a - b);
    first.push(ts[0]!);
    second.push(ts.length > 1 ? ts[1]! : Number.POSITIVE_INFINITY);
  }
  return repeatRatesOf(Float64Array.from(first), Float64Array.from(second), endMs, windowsDays, maxDays);
}

export interface RepeatRates {
  addresses: number;
  within: Array<{ days: number; addresses: number; repeated: number; share: number | null }>;
  curve: number[];
}

/**
 * repeatRates from each address's first and second report time (Infinity: none), in one pass:
 * an address followed f whole days, repeated after g days, counts as followed for d <= f and as
 * repeated for g <= d <= f (difference arrays over the days).
 */
export function repeatRatesOf(
  first: Float64Array,
  second: Float64Array,
  endMs: number,
  windowsDays: readonly number[] = [28, 91, 182],
  maxDays = 182,
): RepeatRates {
  const DAY_MS = 86_400_000;
  const top = Math.max(maxDays, ...windowsDays);
  const followed = new Float64Array(top + 2),
    repeated = new Float64Array(top + 2);
  for (let i = 0; i < first.length; i++) {
    const f = Math.min(top, Math.floor((endMs - first[i]!) / DAY_MS));
    if (f < 1) continue;
    followed[1]! += 1;
    followed[f + 1]! -= 1;
    const g = Math.max(1, Math.ceil((second[i]! - first[i]!) / DAY_MS));
    if (g <= f) {
      repeated[g]! += 1;
      repeated[f + 1]! -= 1;
    }
  }
  for (let d = 1; d <= top + 1; d++) {
    followed[d]! += followed[d - 1]!;
    repeated[d]! += repeated[d - 1]!;
  }
  const at = (days: number) => ({
    days,
    addresses: followed[days]!,
    repeated: repeated[days]!,
    share: followed[days]! > 0 ? repeated[days]! / followed[days]! : null,
  });
  // The curve goes as far as at least MIN_FOLLOWED addresses were followed that long.
  const curve: number[] = [];
  for (let d = 1; d <= maxDays && followed[d]! >= MIN_FOLLOWED; d++) curve.push(repeated[d]! / followed[d]!);
  return { addresses: first.length, within: windowsDays.map(at), curve };
}
