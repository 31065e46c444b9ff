import { dbscan, NOISE } from './dbscan.js';
import { IN_DWELLING_SCOPE, IN_PUBLIC_SCOPE, type LocationKind } from '../model/scoring.js';

/** A group of reports that may be a hotspot: a dwelling (one address) or a public-space cluster. */
export interface Candidate {
  kind: LocationKind;
  /** Store indexes of its reports, ascending. */
  members: Int32Array;
  /** For dwellings: the interned address. */
  address?: number;
}

export interface LocationOptions {
  epsM: number;
  minPoints: number;
  minDwellingReports: number;
}

/**
 * Finds candidates: first dwellings (addresses with at least `minDwellingReports` reports in the
 * dwelling scope), then DBSCAN over the remaining public-space-scope reports with coordinates.
 * A report belongs to at most one candidate; reports explained by a dwelling do not also make a
 * street corner hot.
 */
export function findCandidates(
  x: Float64Array,
  y: Float64Array,
  address: Int32Array,
  scope: Int32Array,
  opts: LocationOptions,
): Candidate[] {
  const n = x.length;
  const byAddress = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const a = address[i]!;
    if (a < 0 || !(scope[i]! & IN_DWELLING_SCOPE)) continue;
    let list = byAddress.get(a);
    if (!list) byAddress.set(a, (list = []));
    list.push(i);
  }
  const taken = new Uint8Array(n);
  const candidates: Candidate[] = [];
  for (const [a, list] of byAddress) {
    if (list.length < opts.minDwellingReports) continue;
    for (const i of list) taken[i] = 1;
    candidates.push({ kind: 'dwelling', members: Int32Array.from(list), address: a });
  }
  const rest: number[] = [];
  for (let i = 0; i < n; i++)
    if (!taken[i] && scope[i]! & IN_PUBLIC_SCOPE && Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) rest.push(i);
  const rx = Float64Array.from(rest, (i) => x[i]!),
    ry = Float64Array.from(rest, (i) => y[i]!);
  const labels = dbscan(rx, ry, opts.epsM, opts.minPoints);
  const clusters: number[][] = [];
  labels.forEach((label, k) => {
    if (label === NOISE) return;
    (clusters[label] ??= []).push(rest[k]!);
  });
  for (const members of clusters) if (members) candidates.push({ kind: 'public-space', members: Int32Array.from(members) });
  return candidates;
}
