import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, NOW, runCli, tempDir } from '../helpers.js';

const FILES = [...DEMO, '--now', NOW];
const LAYERS = ['hotspot_areas', 'hotspot_points', 'report_points', 'gistar_cells', 'density_cells'];
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const OGRINFO = has('ogrinfo', ['--version']);
/** GDAL through Python's pyogrio, where gdal-bin is not installed. */
const PYOGRIO = !OGRINFO && has('python3', ['-c', 'import pyogrio']);

let file: string;
let screening: { hotspots: unknown[] };
beforeAll(async () => {
  const out = tempDir();
  const r = await runCli(['screen', ...FILES, '--out', out, '--format', 'gpkg,json', '--no-history', '--quiet']);
  expect(r.code).toBe(0);
  file = join(out, 'hotspots.gpkg');
  screening = JSON.parse(readFileSync(join(out, 'screening.json'), 'utf8'));
});

describe('--format gpkg: a GeoPackage for QGIS', () => {
  it('is a GeoPackage 1.3 with the five layers in RD New', () => {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
      expect(db.pragma('user_version', { simple: true })).toBe(10300);
      const contents = db.prepare('SELECT table_name, data_type, srs_id FROM gpkg_contents ORDER BY rowid').all();
      expect(contents).toEqual(LAYERS.map((t) => ({ table_name: t, data_type: 'features', srs_id: 28992 })));
      const types = db.prepare('SELECT table_name, geometry_type_name FROM gpkg_geometry_columns ORDER BY rowid').all();
      expect((types as Array<{ geometry_type_name: string }>).map((t) => t.geometry_type_name)).toEqual([
        'POLYGON',
        'POINT',
        'POINT',
        'POLYGON',
        'POLYGON',
      ]);
      expect(db.prepare('SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = 28992').get()).toEqual({
        organization: 'EPSG',
        organization_coordsys_id: 28992,
      });
      expect(db.prepare('SELECT count(*) AS n FROM hotspot_points').get()).toEqual({ n: screening.hotspots.length });
      const blob = (db.prepare('SELECT geom FROM hotspot_points LIMIT 1').get() as { geom: Buffer }).geom;
      expect(blob.subarray(0, 2).toString('latin1')).toBe('GP');
      expect(blob.readUInt8(3)).toBe(0b11); // little endian, [minx, maxx, miny, maxy] envelope
      expect(blob.readInt32LE(4)).toBe(28992);
      expect(blob.readUInt32LE(41)).toBe(1); // WKB point after the 40-byte header
      const columns = (db.prepare("SELECT name FROM pragma_table_info('report_points')").all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      expect(columns).toEqual(['fid', 'geom', 'report_id', 'theme', 'day']); // nothing personal
    } finally {
      db.close();
    }
  });

  it.skipIf(!OGRINFO)('opens in GDAL (ogrinfo)', () => {
    const text = execFileSync('ogrinfo', ['-so', '-al', file], { encoding: 'utf8' });
    for (const layer of LAYERS) expect(text).toContain(`Layer name: ${layer}`);
    expect(text).toContain('Geometry: Polygon');
    expect(text).not.toContain('Geometry: Unknown');
  });

  it.skipIf(!PYOGRIO)('opens in GDAL (through pyogrio, where gdal-bin is absent)', () => {
    const text = execFileSync(
      'python3',
      [
        '-c',
        `import pyogrio\nfor n, g in pyogrio.list_layers(${JSON.stringify(file)}):\n  i = pyogrio.read_info(${JSON.stringify(file)}, layer=n)\n  print(n, g, i['features'], i['crs'])`,
      ],
      { encoding: 'utf8' },
    );
    const rows = text
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
    expect(rows.map((r) => r[0])).toEqual(LAYERS);
    expect(rows.map((r) => r[1])).toEqual(['Polygon', 'Point', 'Point', 'Polygon', 'Polygon']);
    expect(rows.every((r) => r[3] === 'EPSG:28992' && Number(r[2]) > 0)).toBe(true);
  });
});
