import Flatbush from 'flatbush';
import { wgs84ToRd } from './rd.js';

/**
 * The municipality's own area map (gebiedsindeling): polygons and multipolygons with holes, read
 * from a GeoJSON FeatureCollection in WGS84 or RD New, held in RD metres and indexed with flatbush
 * (a static R-tree over the polygons' bounding boxes), so assigning a million report points costs a
 * few candidate tests each.
 */

/** A ring of [x, y] RD metres (closed or not). */
type Ring = ReadonlyArray<readonly [number, number]>;
/** A polygon: outer ring first, then holes. */
type Polygon = readonly Ring[];

export interface Area {
  /** Name shown in outputs ("Binnenstad"). */
  name: string;
  /** Code when the file has one ("BU09350000"), else the name. */
  code: string;
  polygons: readonly Polygon[];
}

export interface AreaMap {
  areas: readonly Area[];
  /** The source's coordinate system, as detected. */
  crs: 'EPSG:4326' | 'EPSG:28992';
  /** Index of the area a point (RD metres) lies in, -1 outside all; a point on a shared edge goes to the first area in file order. */
  areaAt(x: number, y: number): number;
}

/** Default properties holding an area's name and code, tried in order (CBS files first). */
export const AREA_NAME_FIELDS = ['statnaam', 'buurtnaam', 'wijknaam', 'gebiedsnaam', 'naam', 'name'] as const;
export const AREA_CODE_FIELDS = ['statcode', 'buurtcode', 'wijkcode', 'gebiedscode', 'code'] as const;

export class AreaMapError extends Error {}

export interface GeoJsonFeature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}
export interface GeoJsonDoc {
  type?: string;
  crs?: { properties?: { name?: string } };
  features?: GeoJsonFeature[];
}

/** Whether a point lies on the segment a-b (within a millimetre). */
function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  const len = Math.hypot(bx - ax, by - ay);
  if (len === 0 ? Math.hypot(px - ax, py - ay) > 1e-3 : Math.abs(cross) / len > 1e-3) return false;
  return px >= Math.min(ax, bx) - 1e-3 && px <= Math.max(ax, bx) + 1e-3 && py >= Math.min(ay, by) - 1e-3 && py <= Math.max(ay, by) + 1e-3;
}

/** Point in ring by crossing number; 'edge' when the point lies on the ring itself. */
function inRing(x: number, y: number, ring: Ring): boolean | 'edge' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!,
      [xj, yj] = ring[j]!;
    if (onSegment(x, y, xj, yj, xi, yi)) return 'edge';
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring (or on it) and not strictly inside a hole. */
function inPolygon(x: number, y: number, polygon: Polygon): boolean {
  if (!inRing(x, y, polygon[0]!)) return false;
  for (let h = 1; h < polygon.length; h++) if (inRing(x, y, polygon[h]!) === true) return false;
  return true;
}

function propertyOf(props: Record<string, unknown>, fields: readonly string[]): string | undefined {
  const lower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
  for (const f of fields) {
    const v = lower.get(f.toLowerCase());
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return undefined;
}

function polygonsOf(g: GeoJsonFeature['geometry'], toRd: (p: readonly number[]) => [number, number]): Polygon[] {
  const ring = (r: unknown): Ring => (r as number[][]).map((p) => toRd(p));
  if (g?.type === 'Polygon') return [(g.coordinates as unknown[]).map(ring)];
  if (g?.type === 'MultiPolygon') return (g.coordinates as unknown[][]).map((p) => p.map(ring));
  return [];
}

/** Detects the crs: a `crs` member naming 28992, or coordinates that are metres, not degrees. */
function detectCrs(doc: GeoJsonDoc): AreaMap['crs'] {
  if (/28992/.test(doc.crs?.properties?.name ?? '')) return 'EPSG:28992';
  const first = JSON.stringify(doc.features?.[0]?.geometry?.coordinates ?? []).match(/-?\d+(\.\d+)?/);
  return first && Math.abs(Number(first[0])) > 1000 ? 'EPSG:28992' : 'EPSG:4326';
}

/**
 * Builds the area map from a parsed GeoJSON FeatureCollection. `nameField`/`codeField` name the
 * properties to use; by default CBS's statnaam/statcode, buurtnaam/buurtcode, wijknaam/wijkcode,
 * then name/code. Throws AreaMapError saying what is wrong (no polygons, no name property).
 */
export function buildAreaMap(doc: GeoJsonDoc, opts: { nameField?: string; codeField?: string } = {}): AreaMap {
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new AreaMapError('not a GeoJSON FeatureCollection');
  const crs = detectCrs(doc);
  const toRd =
    crs === 'EPSG:28992' ? (p: readonly number[]): [number, number] => [p[0]!, p[1]!] : (p: readonly number[]) => wgs84ToRd(p[0]!, p[1]!);
  const areas: Area[] = [];
  doc.features.forEach((f, i) => {
    const polygons = polygonsOf(f.geometry, toRd);
    if (polygons.length === 0) return;
    const props = f.properties ?? {};
    const name = propertyOf(props, opts.nameField ? [opts.nameField] : AREA_NAME_FIELDS);
    if (name === undefined) {
      throw new AreaMapError(
        `feature ${i + 1} has no ${opts.nameField ? `"${opts.nameField}"` : 'name'} property (properties: ${Object.keys(props).join(', ') || 'none'})`,
      );
    }
    const code = propertyOf(props, opts.codeField ? [opts.codeField] : AREA_CODE_FIELDS) ?? name;
    areas.push({ name, code, polygons });
  });
  if (areas.length === 0) throw new AreaMapError('no Polygon or MultiPolygon features');
  const index = new Flatbush(areas.reduce((n, a) => n + a.polygons.length, 0));
  const owner: number[] = [];
  areas.forEach((a, k) =>
    a.polygons.forEach((p) => {
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (const [x, y] of p[0]!) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
      index.add(minX, minY, maxX, maxY);
      owner.push(k);
    }),
  );
  index.finish();
  const polygonAt = areas.flatMap((a) => a.polygons);
  return {
    areas,
    crs,
    areaAt(x, y) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return -1;
      let best = -1;
      for (const i of index.search(x, y, x, y)) {
        const k = owner[i]!;
        if ((best < 0 || k < best) && inPolygon(x, y, polygonAt[i]!)) best = k;
      }
      return best;
    },
  };
}
