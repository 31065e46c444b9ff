import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeScenario, writeSignalenPublic, type ScenarioTruth } from '../../tools/scenario/write.js';
import { evaluateScreening } from '../../tools/scenario/evaluate.js';
import { defect, runCli, tempDir } from '../helpers.js';

/**
 * Signalen in the shapes people have: the public export (`id, created_at, lat, lng, category_slug,
 * category, subcategory_slug, subcategory, wijk, address`: no postcode, reporter or free text), the
 * datawarehouse CSV (longitude under `lat`), and the public API's GeoJSON.
 */
describe('Signalen public export of a generated scenario (seed 4)', () => {
  let dir: string;
  let truth: ScenarioTruth;
  let file: string;
  beforeAll(async () => {
    dir = tempDir();
    truth = await writeSignalenPublic(dir, { seed: 4 });
    file = join(dir, 'signalen-public.csv');
  });

  it.each([['auto'], ['signalen']])('is 99 %% or more accepted with --profile %s', async (profile) => {
    const r = await runCli(['validate', file, '--now', truth.now, '--profile', profile, '--json']);
    const f = JSON.parse(r.stdout).files[0];
    expect(f.profile).toBe('signalen');
    expect(f.accepted / f.read).toBeGreaterThanOrEqual(0.99);
    expect(
      f.categories.find((c: { category: string }) => c.category === 'Overlast van en door personen of groepen / Drank- / drugsoverlast')
        .theme,
    ).toBe('drugs');
  });

  it('decides the lat/lng order per file: a file with longitude under lat is read the other way round', async () => {
    const swapped = tempDir();
    await writeSignalenPublic(swapped, { seed: 4, swapped: true });
    const r = await runCli(['validate', join(swapped, 'signalen-public.csv'), '--now', truth.now, '--json']);
    const f = JSON.parse(r.stdout).files[0];
    expect(f.accepted).toBe(f.read);
    expect(f.notes.join('\n')).toMatch(/column "lat" holds longitudes and "lng" latitudes .*read swapped/);
  });

  it('finds dwellings without postcodes, names places by street, and finds the public-space hotspots the generic export gives', async () => {
    const r = await runCli(['screen', file, '--now', truth.now, '--out', join(dir, 'out'), '--json']);
    const json = JSON.parse(r.stdout);
    const e = evaluateScreening(truth, json.hotspots);
    expect(e.found.dwellings).toBeGreaterThanOrEqual(14);
    expect(json.hotspots.every((h: { place: string }) => !/^RD \d/.test(h.place))).toBe(true);
    expect(json.hotspots.find((h: { kind: string }) => h.kind === 'dwelling').place).toMatch(/^[\p{L} .'-]+ \d+/u);
    const generic = tempDir();
    await writeScenario(generic, { seed: 4, sources: 'each' });
    const g = JSON.parse(
      (await runCli(['screen', join(generic, 'meldingen.csv'), '--now', truth.now, '--out', join(generic, 'out'), '--json'])).stdout,
    );
    expect(e.found.publicSpace).toBe(evaluateScreening(truth, g.hotspots).found.publicSpace);
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['no-reporter-column', 'no-text-column']));
  });

  it('reads the public API GeoJSON (what QGIS saves too)', async () => {
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1, 201)
      .map((l) => l.split(','));
    const features = rows.map(([, created, lat, lng, mainSlug, main, subSlug, sub]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(lng), Number(lat)] },
      properties: { created_at: created, category: { name: sub, slug: subSlug, parent: { name: main, slug: mainSlug } } },
    }));
    const geojson = join(dir, 'signalen.geojson');
    writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features }));
    const j = JSON.parse((await runCli(['validate', geojson, '--now', truth.now, '--json'])).stdout);
    expect(j.files[0]).toMatchObject({ profile: 'signalen', read: 200, accepted: 200, dialect: { format: 'geojson' } });
    expect(j.themes.jeugd + j.themes.drugs + j.themes.personen).toBeGreaterThan(100);
  });
});

describe('Signalen datawarehouse CSV', () => {
  it('decides the order from the rows (longitude under lat) and says so', async () => {
    const j = JSON.parse(
      (await runCli(['validate', defect('signalen-export.csv'), '--now', '2026-11-23T06:00:00+01:00', '--json'])).stdout,
    );
    expect(j.files[0].accepted).toBe(3);
    expect(j.files[0].notes.join(' ')).toMatch(/holds longitudes/);
  });

  it.each([
    [false, 'true'],
    [true, 'false'],
  ])('with point.swapped: %s set by hand, a hint names the fix (swapped: %s)', async (set, fix) => {
    const dir = tempDir();
    const mapping = join(dir, 'm.yaml');
    const file = set ? join(dir, 'public.csv') : defect('signalen-export.csv');
    if (set) writeFileSync(file, 'id,created_at,lat,lng,category\n1,2025-06-01 20:10,50.8489,5.6889,Drugsoverlast\n');
    writeFileSync(mapping, `fields:\n  id: id\n  reportedAt: created_at\n  point: { lat: lat, lon: lng, swapped: ${set} }\n`);
    const rejects = join(dir, 'rejects.csv');
    await runCli(['validate', file, '--map', mapping, '--now', '2026-11-23T06:00:00+01:00', '--rejects', rejects]);
    expect(readFileSync(rejects, 'utf8')).toContain(`set point.swapped: ${fix} in the mapping`);
  });
});
