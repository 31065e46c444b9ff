import proj4 from 'proj4';

/**
 * EPSG:28992 (Amersfoort / RD New) with the 7-parameter datum shift to WGS84.
 * Without +towgs84 points move ~35 m in x and ~93 m in y in Maastricht. Accuracy about 1 m,
 * far below the 25-250 m scale of hotspot clustering (RDNAPTRANS2018 would give mm).
 */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

const converter = proj4('EPSG:4326', RD_NEW_PROJ4);

/** WGS84 longitude/latitude (degrees) to RD New x/y (metres). */
export function wgs84ToRd(lon: number, lat: number): [number, number] {
  const [x, y] = converter.forward([lon, lat]);
  return [x!, y!];
}

/** RD New x/y (metres) to WGS84 longitude/latitude (degrees). */
export function rdToWgs84(x: number, y: number): [number, number] {
  const [lon, lat] = converter.inverse([x, y]);
  return [lon!, lat!];
}

/** A WGS84 box: [minLon, minLat, maxLon, maxLat]. */
export type BBox = readonly [number, number, number, number];

/** The Netherlands, generous: EPSG:28992's area of use. Points outside are rejected by default. */
export const NL_BBOX: BBox = [3.2, 50.75, 7.22, 53.7];

/** Practical RD test for Dutch land points (x, y in metres). */
export const NL_RD_BOUNDS = { minX: 0, maxX: 300_000, minY: 289_000, maxY: 629_000 } as const;

export function inBBox(lon: number, lat: number, b: BBox): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/** Parses `minLon,minLat,maxLon,maxLat`; returns null when malformed. */
export function parseBBox(text: string): BBox | null {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [a, b, c, d] = parts as [number, number, number, number];
  if (a >= c || b >= d || b < -90 || d > 90 || a < -180 || c > 180) return null;
  return [a, b, c, d];
}

/**
 * An RD rectangle inside which every point lies in the WGS84 box (`b`), so most points need no
 * conversion to be checked. The box's edges are curves in RD: each is sampled 200 times and the
 * rectangle kept 10 m inside the samples (the curve bends far less than that between samples).
 * Points outside the rectangle are checked exactly. Null when the box lies outside RD's use.
 */
export function rdInnerRect(b: BBox): { minX: number; minY: number; maxX: number; maxY: number } | null {
  const n = 200, margin = 10;
  const edge = (from: [number, number], to: [number, number]) =>
    Array.from({ length: n + 1 }, (_, k) => wgs84ToRd(from[0] + ((to[0] - from[0]) * k) / n, from[1] + ((to[1] - from[1]) * k) / n));
  const [w, s, e, nth] = b;
  const left = edge([w, s], [w, nth]), right = edge([e, s], [e, nth]), bottom = edge([w, s], [e, s]), top = edge([w, nth], [e, nth]);
  const rect = {
    minX: Math.max(...left.map((p) => p[0])) + margin, maxX: Math.min(...right.map((p) => p[0])) - margin,
    minY: Math.max(...bottom.map((p) => p[1])) + margin, maxY: Math.min(...top.map((p) => p[1])) - margin,
  };
  return Number.isFinite(rect.minX) && rect.minX < rect.maxX && rect.minY < rect.maxY ? rect : null;
}
