import { dbscan, NOISE } from './dbscan.js';
import { indicesWhere } from '../util/indices.js';
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
  const taken = new Uint8Array(n);
  const candidates = dwellings(address, scope, opts.minDwellingReports);
  for (let c = 0; c < candidates.length; c++) {
    const m = candidates[c]!.members;
    for (let k = 0; k < m.length; k++) taken[m[k]!] = 1;
  }
  // the public-space-scope reports with a point that no dwelling took
  const rest = indicesWhere(n, (i) => !taken[i] && (scope[i]! & IN_PUBLIC_SCOPE) !== 0 && Number.isFinite(x[i]!) && Number.isFinite(y[i]!));
  const rx = new Float64Array(rest.length),
    ry = new Float64Array(rest.length);
  for (let k = 0; k < rest.length; k++) {
    rx[k] = x[rest[k]!]!;
    ry[k] = y[rest[k]!]!;
  }
  for (const members of clusterMembers(dbscan(rx, ry, opts.epsM, opts.minPoints), rest)) candidates.push({ kind: 'public-space', members });
  return candidates;
}

/**
 * The dwellings: addresses with at least `minReports` reports in the dwelling scope, in the order
 * their first report comes, each with its reports ascending. Counted first, then filled (arrays of
 * their exact size, no list per address).
 */
function dwellings(address: Int32Array, scope: Int32Array, minReports: number): Candidate[] {
  const n = address.length;
  const dwellingOf = new Int32Array(n); // report -> its address when in the dwelling scope, else -1
  let addresses = 0;
  for (let i = 0; i < n; i++) {
    dwellingOf[i] = (scope[i]! & IN_DWELLING_SCOPE) !== 0 ? address[i]! : -1;
    addresses = Math.max(addresses, dwellingOf[i]! + 1);
  }
  const count = new Int32Array(addresses);
  for (let i = 0; i < n; i++) if (dwellingOf[i]! >= 0) count[dwellingOf[i]!]!++;
  const members: Array<Int32Array | undefined> = new Array(addresses);
  const filled = new Int32Array(addresses);
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const a = dwellingOf[i]!;
    if (a < 0 || count[a]! < minReports) continue;
    let m = members[a];
    if (!m) out.push({ kind: 'dwelling', members: (m = members[a] = new Int32Array(count[a]!)), address: a });
    m[filled[a]!++] = i;
  }
  return out;
}

/**
 * Each cluster's members (`rest[k]` of the points labelled with it), ascending, by label: views of
 * one array filled by a counting sort (a growing list per cluster left its copies as garbage).
 */
function clusterMembers(labels: Int32Array, rest: Int32Array): Int32Array[] {
  let clusters = 0;
  for (let k = 0; k < labels.length; k++) if (labels[k] !== NOISE) clusters = Math.max(clusters, labels[k]! + 1);
  const start = new Int32Array(clusters + 1);
  for (let k = 0; k < labels.length; k++) if (labels[k] !== NOISE) start[labels[k]! + 1]!++;
  for (let c = 0; c < clusters; c++) start[c + 1]! += start[c]!;
  const all = new Int32Array(start[clusters]!),
    next = start.slice(0, clusters);
  for (let k = 0; k < labels.length; k++) if (labels[k] !== NOISE) all[next[labels[k]!]!++] = rest[k]!;
  const out: Int32Array[] = [];
  for (let c = 0; c < clusters; c++) if (start[c + 1]! > start[c]!) out.push(all.subarray(start[c], start[c + 1]));
  return out;
}
