import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSignalenPublic } from '../../tools/scenario/write.js';
import { NOW, runCli, tempDir } from '../helpers.js';

/**
 * The municipality's own area map: a generated gebiedsindeling of 1.5 km squares over part of the
 * demo city (one with a hole, one a multipolygon) splits the demo into per-area exports that add up.
 */
const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

function areaMap(): string {
  const features = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const x = 174500 + i * 1500,
        y = 316500 + j * 1500;
      const coordinates = i === 1 && j === 1 ? [square(x, y, 1500), square(x + 600, y + 600, 300)] : [square(x, y, 1500)];
      features.push({
        type: 'Feature',
        properties: { gebiedsnaam: `Gebied ${i}${j}`, gebiedscode: `G${i}${j}` },
        geometry: { type: 'Polygon', coordinates },
      });
    }
  }
  // The hole of the middle square belongs to the last area, which also has a part in the far north-east.
  features.push({
    type: 'Feature',
    properties: { gebiedsnaam: 'Park en haven', gebiedscode: 'G99' },
    geometry: { type: 'MultiPolygon', coordinates: [[square(176600, 318600, 300)], [square(178000, 320500, 1000)]] },
  });
  const file = join(tempDir(), 'gebieden.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:28992' } }, features }));
  return file;
}

describe('--areas', () => {
  it('puts every screened report and hotspot in an area, counts the rest, and the per-area exports add up', async () => {
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    const r = await runCli([
      'screen',
      'fixtures/demo/meldingen.csv',
      '--now',
      NOW,
      '--areas',
      areaMap(),
      '--out',
      join(dir, 'out'),
      '--db',
      db,
      '--format',
      'csv,json,html',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const a = j.run.areas;
    expect(a.count).toBe(10);
    expect(a.inside + a.outside + a.withoutPoint).toBe(j.run.funnel.screened);
    expect(a.outside).toBeGreaterThan(0);
    const inArea = j.hotspots.filter((h: { area?: string }) => h.area);
    expect(inArea.length).toBeGreaterThan(10);
    expect(inArea.every((h: { areaCode: string }) => /^G\d\d$/.test(h.areaCode))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'hotspots.csv'), 'utf8').split('\n')[0]).toContain(',area,other_areas,');
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain('<g class="outlines">');

    const teams = join(dir, 'teams');
    const e = await runCli(['export', '--by', 'area', '--include-dwellings', '--db', db, '--out', teams]);
    expect(e.code).toBe(0);
    const files = readdirSync(teams)
      .filter((f) => !f.startsWith('.'))
      .sort();
    const period = j.run.period.label.replace(/[^\w.-]+/g, '_');
    expect(files).toContain(`buiten-gebieden_${period}.csv`);
    expect(files.every((f) => /^(G\d\d-gebied-\d\d|G99-park-en-haven|buiten-gebieden)_[\d.-]+\.csv$/.test(f))).toBe(true);
    const rows = files.reduce((n, f) => n + readFileSync(join(teams, f), 'utf8').trim().split('\n').length - 1, 0);
    expect(rows).toBe(j.hotspots.length);
    const pages = join(dir, 'pages');
    await runCli(['export', '--by', 'area', '--include-dwellings', '--db', db, '--out', pages, '--format', 'html', '--areas', areaMap()]);
    const withOutline = readdirSync(pages)
      .filter((f) => f.startsWith('G'))
      .map((f) => readFileSync(join(pages, f), 'utf8'));
    expect(withOutline.length).toBeGreaterThan(0);
    for (const page of withOutline) expect(page).toContain('<g class="outlines">');

    // A map of buurten gives the --by buurt pages their outline: one by its code without the BU
    // prefix, one by its name only; a buurt the map does not have gets a page without an outline.
    const buurten = join(tempDir(), 'buurten.geojson');
    const buurt = (name: string, code: string, x: number) => ({
      type: 'Feature',
      properties: { buurtnaam: name, buurtcode: code },
      geometry: { type: 'Polygon', coordinates: [square(x, 316000, 500)] },
    });
    const buurtMap = { type: 'FeatureCollection', features: [buurt('Statenkwartier', '09350003', 176000), buurt('Wyck', 'X-1', 177000)] };
    writeFileSync(buurten, JSON.stringify({ ...buurtMap, crs: { type: 'name', properties: { name: 'EPSG:28992' } } }));
    const byBuurt = join(dir, 'buurt-pages');
    const b = await runCli([
      'export',
      '--by',
      'buurt',
      '--include-dwellings',
      '--db',
      db,
      '--out',
      byBuurt,
      '--format',
      'html',
      '--areas',
      buurten,
      '--area-field',
      'buurtnaam,buurtcode',
    ]);
    expect(b.code).toBe(0);
    const page = (prefix: string) => readFileSync(join(byBuurt, readdirSync(byBuurt).find((f) => f.startsWith(prefix))!), 'utf8');
    expect(page('BU09350003-')).toContain('<g class="outlines">');
    expect(page('BU09350006-')).toContain('<g class="outlines">'); // Wyck: by name
    expect(page('BU09350000-')).not.toContain('<g class="outlines">');
  });

  it('refuses a map without polygons or without a name property, saying what to do', async () => {
    const file = join(tempDir(), 'punten.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { x: 1 }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] } }],
      }),
    );
    const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--areas', file, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--areas: .*punten\.geojson: feature 1 has no name property[\s\S]*--area-field/);
    const named = await runCli([
      'screen',
      'fixtures/demo/meldingen.csv',
      '--now',
      NOW,
      '--areas',
      file,
      '--area-field',
      'x',
      '--out',
      tempDir(),
      '--no-history',
    ]);
    expect(named.code).toBe(0);
  });

  it('without a map, exports by the areas the source names (Signalen wijk names)', async () => {
    const dir = tempDir();
    const truth = await writeSignalenPublic(dir, { seed: 2 });
    const db = join(dir, 'h.sqlite');
    const j = JSON.parse(
      (await runCli(['screen', join(dir, 'signalen-public.csv'), '--now', truth.now, '--out', join(dir, 'out'), '--db', db, '--json']))
        .stdout,
    );
    expect(j.hotspots.filter((h: { area?: string }) => h.area === 'Centrum').length).toBeGreaterThan(0);
    await runCli(['export', '--by', 'area', '--db', db, '--out', join(dir, 'teams')]);
    expect(readdirSync(join(dir, 'teams'))).toContain(`centrum_${j.run.period.label}.csv`);
  });
});
