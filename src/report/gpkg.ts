/**
 * hotspots.gpkg: the screening as a GeoPackage (OGC 12-128, version 1.3), QGIS's own format, in RD
 * New (EPSG:28992). Layers: hotspot_areas (hull polygons), hotspot_points (centroids),
 * report_points (the screened reports: id, theme, day; nothing personal), gistar_cells (the Gi*
 * grid) and density_cells (the kernel density). Written through a plain SQL port, so this module
 * does not open SQLite itself (history/db.ts does).
 */
import type { Screening } from '../model/screening.js';
import type { DensityGrid } from '../model/density.js';

/** The part of a SQLite connection this writer uses. */
export interface SqlPort {
  exec(sql: string): unknown;
  pragma(sql: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/** The Gi* grid as the GeoPackage needs it: kept cells with their values. */
export interface GiCells {
  cellSizeM: number;
  originX: number;
  originY: number;
  cols: number;
  keptIndex: Int32Array;
  counts: Float64Array;
  z: Float64Array;
  p: Float64Array;
  q: Float64Array;
  hot: (k: number) => boolean;
}

export interface GpkgContent {
  screening: Screening;
  reports: { x: Float64Array; y: Float64Array; id: (i: number) => string; theme: (i: number) => string; day: (i: number) => string };
  grid: GiCells | null;
  density: DensityGrid | null;
  /** When the file was made (ISO 8601, UTC), for gpkg_contents.last_change. */
  createdIso: string;
}

const RD_WKT =
  'PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],' +
  'TOWGS84[565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],' +
  'PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],' +
  'PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],' +
  'AUTHORITY["EPSG","28992"]]';
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';
const RD = 28992;

type Ring = ReadonlyArray<readonly [number, number]>;

/** GeoPackageBinary: "GP", version 0, flags (little endian, envelope [minx, maxx, miny, maxy]), srs id, envelope, then ISO WKB. */
function gpkgGeometry(wkb: Buffer, env: [number, number, number, number]): Buffer {
  const head = Buffer.alloc(8 + 32);
  head.write('GP', 0, 'latin1');
  head.writeUInt8(0, 2);
  head.writeUInt8(0b0000_0011, 3);
  head.writeInt32LE(RD, 4);
  env.forEach((v, k) => head.writeDoubleLE(v, 8 + k * 8));
  return Buffer.concat([head, wkb]);
}

function pointBlob(x: number, y: number): Buffer {
  const wkb = Buffer.alloc(21);
  wkb.writeUInt8(1, 0);
  wkb.writeUInt32LE(1, 1);
  wkb.writeDoubleLE(x, 5);
  wkb.writeDoubleLE(y, 13);
  return gpkgGeometry(wkb, [x, x, y, y]);
}

/** A polygon of one ring (closed here when it is not). */
function polygonBlob(ring: Ring): Buffer {
  const pts = ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring : [...ring, ring[0]!];
  const wkb = Buffer.alloc(1 + 4 + 4 + 4 + pts.length * 16);
  wkb.writeUInt8(1, 0);
  wkb.writeUInt32LE(3, 1);
  wkb.writeUInt32LE(1, 5);
  wkb.writeUInt32LE(pts.length, 9);
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  pts.forEach(([x, y], k) => {
    wkb.writeDoubleLE(x, 13 + k * 16);
    wkb.writeDoubleLE(y, 21 + k * 16);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  });
  return gpkgGeometry(wkb, [minX, maxX, minY, maxY]);
}

const square = (x0: number, y0: number, c: number): Ring => [
  [x0, y0],
  [x0 + c, y0],
  [x0 + c, y0 + c],
  [x0, y0 + c],
];

interface Layer {
  table: string;
  geometry: 'POINT' | 'POLYGON';
  description: string;
  /** Column definitions after fid and geom. */
  columns: string[];
  rows: Array<{ geom: Buffer; values: unknown[]; bbox: [number, number, number, number] }>;
}

const bboxOfRing = (r: Ring): [number, number, number, number] => [
  Math.min(...r.map((p) => p[0])),
  Math.min(...r.map((p) => p[1])),
  Math.max(...r.map((p) => p[0])),
  Math.max(...r.map((p) => p[1])),
];

function layers(c: GpkgContent): Layer[] {
  const hs = c.screening.hotspots;
  const props = (h: Screening['hotspots'][number], k: number) => [
    k + 1,
    h.history?.key ?? null,
    h.id,
    h.kind,
    h.class,
    h.score,
    h.reports,
    h.reporters,
    h.activeWeeks,
    h.place,
    h.peakHottime?.label ?? null,
  ];
  const hsColumns = [
    'rank INTEGER',
    'key TEXT',
    'candidate_id TEXT',
    'kind TEXT',
    'class TEXT',
    'score REAL',
    'reports INTEGER',
    'reporters INTEGER',
    'active_weeks INTEGER',
    'place TEXT',
    'peak_hottime TEXT',
  ];
  const out: Layer[] = [
    {
      table: 'hotspot_areas',
      geometry: 'POLYGON',
      description: 'Hotspots and watch items: the convex hull of their reports',
      columns: hsColumns,
      rows: hs.flatMap((h, k) =>
        h.hullRd.length >= 3 ? [{ geom: polygonBlob(h.hullRd), values: props(h, k), bbox: bboxOfRing(h.hullRd) }] : [],
      ),
    },
    {
      table: 'hotspot_points',
      geometry: 'POINT',
      description: 'Hotspots and watch items: their centroid',
      columns: hsColumns,
      rows: hs.map((h, k) => ({
        geom: pointBlob(h.centroid.x, h.centroid.y),
        values: props(h, k),
        bbox: [h.centroid.x, h.centroid.y, h.centroid.x, h.centroid.y],
      })),
    },
  ];
  const reports: Layer['rows'] = [];
  const r = c.reports;
  for (let i = 0; i < r.x.length; i++) {
    if (!Number.isFinite(r.x[i]!)) continue;
    reports.push({
      geom: pointBlob(r.x[i]!, r.y[i]!),
      values: [r.id(i), r.theme(i), r.day(i)],
      bbox: [r.x[i]!, r.y[i]!, r.x[i]!, r.y[i]!],
    });
  }
  out.push({
    table: 'report_points',
    geometry: 'POINT',
    description: 'The screened reports (source id, theme, day; nothing personal)',
    columns: ['report_id TEXT', 'theme TEXT', 'day TEXT'],
    rows: reports,
  });
  if (c.grid) {
    const g = c.grid,
      cells: Layer['rows'] = [];
    for (let cell = 0; cell < g.keptIndex.length; cell++) {
      const k = g.keptIndex[cell]!;
      if (k < 0) continue;
      const ring = square(g.originX + (cell % g.cols) * g.cellSizeM, g.originY + Math.floor(cell / g.cols) * g.cellSizeM, g.cellSizeM);
      cells.push({ geom: polygonBlob(ring), values: [g.counts[k], g.z[k], g.p[k], g.q[k], g.hot(k) ? 1 : 0], bbox: bboxOfRing(ring) });
    }
    out.push({
      table: 'gistar_cells',
      geometry: 'POLYGON',
      description: 'Getis-Ord Gi* per grid cell',
      columns: ['reports INTEGER', 'z REAL', 'p REAL', 'q REAL', 'hot INTEGER'],
      rows: cells,
    });
  }
  if (c.density) {
    const d = c.density,
      cells: Layer['rows'] = [];
    for (let row = 0; row < d.rows; row++) {
      for (let col = 0; col < d.cols; col++) {
        const v = d.perKm2[row * d.cols + col]!;
        if (v <= 0) continue;
        const ring = square(d.originX + col * d.cellSizeM, d.originY + row * d.cellSizeM, d.cellSizeM);
        cells.push({ geom: polygonBlob(ring), values: [v], bbox: bboxOfRing(ring) });
      }
    }
    out.push({
      table: 'density_cells',
      geometry: 'POLYGON',
      description: `Kernel density, quartic, radius ${Math.round(d.bandwidthM)} m`,
      columns: ['kde_per_km2 REAL'],
      rows: cells,
    });
  }
  return out;
}

/** Fills an empty SQLite database as a GeoPackage. */
export function writeGeoPackage(db: SqlPort, c: GpkgContent): void {
  db.pragma('application_id = 1196444487'); // "GPKG"
  db.pragma('user_version = 10300'); // GeoPackage 1.3.0
  db.exec(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
      z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
  srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
  srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
  srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
  srs.run('Amersfoort / RD New', RD, 'EPSG', RD, RD_WKT, 'Rijksdriehoekstelsel, with the 7-parameter datum shift to WGS 84');
  for (const layer of layers(c)) {
    db.exec(
      `CREATE TABLE ${layer.table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometry}, ${layer.columns.join(', ')})`,
    );
    const insert = db.prepare(
      `INSERT INTO ${layer.table} (geom, ${layer.columns.map((col) => col.split(' ')[0]).join(', ')}) VALUES (?${', ?'.repeat(layer.columns.length)})`,
    );
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const row of layer.rows) {
      insert.run(row.geom, ...row.values);
      minX = Math.min(minX, row.bbox[0]);
      minY = Math.min(minY, row.bbox[1]);
      maxX = Math.max(maxX, row.bbox[2]);
      maxY = Math.max(maxY, row.bbox[3]);
    }
    const has = layer.rows.length > 0;
    db.prepare(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      layer.table,
      'features',
      layer.table,
      layer.description,
      c.createdIso,
      has ? minX : null,
      has ? minY : null,
      has ? maxX : null,
      has ? maxY : null,
      RD,
    );
    db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(layer.table, 'geom', layer.geometry, RD);
  }
}
