import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CsvRow } from './read-csv.js';
import { UserError } from '../util/errors.js';

/**
 * A GeoJSON FeatureCollection of points read as a table: one row per feature, its properties
 * flattened with dots (`category.parent.name`), and the point as `geometry.x` / `geometry.y`
 * (longitude / latitude in WGS84, or RD metres when the file says EPSG:28992). Signalen's public
 * map API writes this, and so does QGIS. Line numbers are feature numbers (1-based).
 */
export interface GeoJsonSource {
  /** EPSG:28992 when the file's `crs` names it or its coordinates are RD metres; else EPSG:4326. */
  crs: 'EPSG:4326' | 'EPSG:28992';
  header: string[];
  rows: AsyncGenerator<CsvRow[]>;
  sha256(): string;
}

const BATCH_ROWS = 2048;

export const GEOMETRY_X = 'geometry.x';
export const GEOMETRY_Y = 'geometry.y';

interface Feature {
  type?: string;
  id?: unknown;
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** Flattens nested properties: {category: {parent: {name}}} -> category.parent.name. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value === null || value === undefined) {
    if (prefix) out.set(prefix, '');
    return;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
}

function pointOf(f: Feature): [string, string] {
  const g = f.geometry;
  if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) return ['', ''];
  const [x, y] = g.coordinates as unknown[];
  return [typeof x === 'number' ? String(x) : '', typeof y === 'number' ? String(y) : ''];
}

function crsOf(doc: { crs?: { properties?: { name?: string } } }, features: readonly Feature[]): GeoJsonSource['crs'] {
  const named = doc.crs?.properties?.name ?? '';
  if (/28992/.test(named)) return 'EPSG:28992';
  const first = features.map(pointOf).find(([x]) => x !== '');
  return first && Math.abs(Number(first[0])) > 1000 ? 'EPSG:28992' : 'EPSG:4326';
}

/**
 * Reads a GeoJSON file. The whole document is parsed at once (GeoJSON is one JSON value); a
 * FeatureCollection of a million points is about 300 MB of text, so for exports that large use CSV.
 */
export async function openGeoJson(path: string, file: string): Promise<GeoJsonSource> {
  const bytes = await readFile(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  let doc: { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  try {
    doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as typeof doc;
  } catch (err) {
    throw new UserError(`${file}: not valid JSON: ${(err as Error).message}`, { hint: 'export the layer again as GeoJSON' });
  }
  const features: Feature[] =
    doc.type === 'FeatureCollection' && Array.isArray(doc.features) ? doc.features : doc.type === 'Feature' ? [doc as Feature] : [];
  if (features.length === 0 && doc.type !== 'FeatureCollection') {
    throw new UserError(`${file}: GeoJSON without features (type ${JSON.stringify(doc.type)})`, {
      hint: 'pass a FeatureCollection of report points',
    });
  }
  const flat = features.map((f) => {
    const m = new Map<string, string>();
    flatten(f.properties ?? {}, '', m);
    if (f.id !== undefined) m.set('id', String(f.id));
    return m;
  });
  const keys: string[] = [];
  const known = new Set<string>();
  for (const m of flat)
    for (const k of m.keys())
      if (!known.has(k)) {
        known.add(k);
        keys.push(k);
      }
  const header = [...keys, GEOMETRY_X, GEOMETRY_Y];
  const rows = (async function* () {
    for (let start = 0; start < features.length; start += BATCH_ROWS) {
      yield features.slice(start, start + BATCH_ROWS).map((f, k): CsvRow => {
        const i = start + k;
        return { line: i + 1, cells: [...keys.map((key) => flat[i]!.get(key) ?? ''), ...pointOf(f)] };
      });
    }
  })();
  return { crs: crsOf(doc, features), header, rows, sha256: () => sha };
}
