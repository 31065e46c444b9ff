import { createHash } from 'node:crypto';
import Flatbush from 'flatbush';
import type { Ring } from '../geo/hull.js';
import { legacyPostcodeKey } from '../model/incoming.js';

/**
 * A hotspot as identity matching sees it: kind, centroid and hull in RD metres, and for dwellings
 * the hashes of its address (street form) and of its postcode form, when known.
 */
export interface Placed {
  kind: 'public-space' | 'dwelling';
  x: number;
  y: number;
  hull: Ring;
  addressHash?: string;
  postcodeHash?: string;
}

export interface KnownKey extends Placed {
  key: string;
}

/** The hash the history keeps of a dwelling key (never the address itself in the keys table). */
export const dwellingHash = (key: string): string => createHash('sha256').update(JSON.stringify(key)).digest('hex');

/**
 * Hash of a postcode-form key, as dwelling keys were hashed before street-based identity
 * (schema 1-3), so dwellings known from older runs keep their key.
 */
export const postcodeHash = (postcodeKey: string): string => dwellingHash(legacyPostcodeKey(postcodeKey));

/** Same dwelling: the same address, or the same postcode + number + suffix. */
function sameDwelling(a: Placed, b: Placed): boolean {
  return (
    (a.addressHash !== undefined && a.addressHash === b.addressHash) || (a.postcodeHash !== undefined && a.postcodeHash === b.postcodeHash)
  );
}

/** Projects a ring on an axis: [min, max]. */
function project(ring: Ring, ax: number, ay: number): [number, number] {
  let min = Infinity,
    max = -Infinity;
  for (const [x, y] of ring) {
    const d = x * ax + y * ay;
    min = Math.min(min, d);
    max = Math.max(max, d);
  }
  return [min, max];
}

/** Whether two convex polygons (3+ vertices) overlap, by the separating axis theorem. */
export function convexOverlap(a: Ring, b: Ring): boolean {
  if (a.length < 3 || b.length < 3) return false;
  for (const ring of [a, b]) {
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i]!,
        [x2, y2] = ring[(i + 1) % ring.length]!;
      const ax = y1 - y2,
        ay = x2 - x1;
      const [aMin, aMax] = project(a, ax, ay),
        [bMin, bMax] = project(b, ax, ay);
      if (aMax < bMin || bMax < aMin) return false;
    }
  }
  return true;
}

/**
 * Gives each new hotspot the key of an earlier one when they are the same place: dwellings with
 * the same address, public-space hotspots whose hulls overlap or whose centroids lie within
 * `distanceM` (the clustering distance). Closest pairs are matched first, each key at most once;
 * the rest get new keys HS-0001, HS-0002, ... after the highest key in use.
 */
export function assignKeys(news: readonly Placed[], known: readonly KnownKey[], distanceM: number): string[] {
  const keys = matchKeys(news, known, distanceM);
  let next = known.reduce((m, k) => Math.max(m, Number(/^HS-(\d+)$/.exec(k.key)?.[1] ?? 0)), 0) + 1;
  return keys.map((k) => k ?? `HS-${String(next++).padStart(4, '0')}`);
}

/**
 * The known key of each new location (see assignKeys), undefined where none matches: for reading
 * the history without writing to it (hot times name the places the way the lists do).
 */
export function matchKeys(news: readonly Placed[], known: readonly KnownKey[], distanceM: number): Array<string | undefined> {
  const pairs: SamePlace[] = [];
  const candidates = candidateFinder(known, distanceM);
  news.forEach((h, i) => {
    for (const k of candidates(h)) {
      const d = Math.hypot(h.x - k.x, h.y - k.y);
      const same = h.kind === 'dwelling' ? sameDwelling(h, k) : d <= distanceM || convexOverlap(h.hull, k.hull);
      if (same) pairs.push({ i, key: k.key, d });
    }
  });
  return closestFirst(pairs, news.length);
}

/** A pair of a new location and a known key that are the same place, `d` metres apart. */
export interface SamePlace {
  i: number;
  key: string;
  d: number;
}

/** Matches closest pairs first, each new location and each key at most once (ties by index, then key). */
export function closestFirst(pairs: SamePlace[], count: number): Array<string | undefined> {
  pairs.sort((a, b) => a.d - b.d || a.i - b.i || (a.key < b.key ? -1 : 1));
  const keys: Array<string | undefined> = Array.from({ length: count }, () => undefined);
  const used = new Set<string>();
  for (const p of pairs) {
    if (keys[p.i] !== undefined || used.has(p.key)) continue;
    keys[p.i] = p.key;
    used.add(p.key);
  }
  return keys;
}

/**
 * The known keys that may be the same place as a new hotspot, in the order of `known`: dwellings
 * by their address hashes, public-space hotspots by a spatial index of their hulls and centroids
 * (a new hotspot's hull, widened by `distanceM` round its centroid, meets theirs). Every pair
 * sameDwelling() or the distance and overlap tests accept is among them; a weekly list of 8,000
 * places against 8,000 known ones took 4 s comparing every pair.
 */
function candidateFinder(known: readonly KnownKey[], distanceM: number): (h: Placed) => KnownKey[] {
  const byHash = new Map<string, number[]>();
  const spaces: number[] = [];
  known.forEach((k, n) => {
    if (k.kind === 'dwelling') {
      for (const hash of new Set([k.addressHash, k.postcodeHash])) {
        if (hash === undefined) continue;
        const list = byHash.get(hash);
        if (list) list.push(n);
        else byHash.set(hash, [n]);
      }
    } else spaces.push(n);
  });
  const index = spaces.length > 0 ? new Flatbush(spaces.length) : undefined;
  for (const n of spaces) {
    const k = known[n]!;
    const b = boxOf(k.hull, k.x, k.y, 0);
    index!.add(b[0], b[1], b[2], b[3]);
  }
  index?.finish();
  return (h) => {
    const found: number[] = [];
    if (h.kind === 'dwelling') {
      for (const hash of new Set([h.addressHash, h.postcodeHash])) if (hash !== undefined) found.push(...(byHash.get(hash) ?? []));
    } else if (index) {
      const b = boxOf(h.hull, h.x, h.y, distanceM);
      for (const j of index.search(b[0], b[1], b[2], b[3])) found.push(spaces[j]!);
    }
    return [...new Set(found)].sort((a, b) => a - b).map((n) => known[n]!);
  };
}

/** The bounding box of a hull and the square of half-side `marginM` round the centroid (x, y). */
function boxOf(hull: Ring, x: number, y: number, marginM: number): [number, number, number, number] {
  let minX = x - marginM,
    minY = y - marginM,
    maxX = x + marginM,
    maxY = y + marginM;
  for (const [px, py] of hull) {
    minX = Math.min(minX, px);
    minY = Math.min(minY, py);
    maxX = Math.max(maxX, px);
    maxY = Math.max(maxY, py);
  }
  return [minX, minY, maxX, maxY];
}
