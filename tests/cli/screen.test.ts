import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse } from 'csv-parse/sync';
import { writeScenario, type ScenarioTruth } from '../../tools/scenario/write.js';
import { evaluateScreening } from '../../tools/scenario/evaluate.js';
import { DEMO, NOW, runCli, tempDir } from '../helpers.js';

const MAPPING = 'fixtures/demo/politie.mapping.yaml';

/** The screening.json contract of README "screening.json"; extra keys are allowed, these must be there. */
const contract = z.object({
  schemaVersion: z.literal(1),
  run: z.object({
    period: z.object({ from: z.string(), to: z.string() }),
    rules: z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    inputs: z.array(
      z.object({
        path: z.string(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        read: z.number(),
        accepted: z.number(),
        rejected: z.number(),
        duplicates: z.number(),
      }),
    ),
  }),
  hotspots: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['public-space', 'dwelling']),
      class: z.enum(['hotspot', 'watch']),
      score: z.number(),
      indicators: z.array(z.object({ id: z.string(), label: z.string(), value: z.number(), weight: z.number() })),
      reports: z.number().int(),
      reporters: z.number().int(),
      activeWeeks: z.number().int(),
      first: z.string(),
      last: z.string(),
      centroid: z.object({ x: z.number(), y: z.number(), lat: z.number(), lon: z.number() }),
      radiusM: z.number(),
      address: z.string().optional(),
      buurt: z.string().optional(),
      wijk: z.string().optional(),
      giStar: z.object({ z: z.number(), p: z.number(), significant: z.boolean() }).optional(),
      reportIds: z.array(z.string()),
    }),
  ),
});

describe('screen on the generated two-year scenario (both exports)', () => {
  let dir: string;
  let truth: ScenarioTruth;
  let out: string;
  let json: z.infer<typeof contract>;
  let code: number;
  beforeAll(async () => {
    dir = tempDir();
    truth = await writeScenario(dir, { seed: 11 });
    out = join(dir, 'out');
    const r = await runCli([
      'screen',
      join(dir, 'meldingen.csv'),
      join(dir, 'politie-export.csv'),
      '--map',
      MAPPING,
      '--now',
      truth.now,
      '--out',
      out,
      '--json',
    ]);
    code = r.code;
    json = JSON.parse(r.stdout);
  });

  it('ranks every planted hotspot and woonoverlast address as hotspot, and no decoy', () => {
    expect(code).toBe(0);
    const e = evaluateScreening(truth, json.hotspots);
    expect(e.missed).toEqual([]);
    expect(e.decoysAsHotspot).toEqual([]);
    expect(e.unexplained).toEqual([]);
    expect(e.recall).toBe(1);
    expect(e.precision).toBe(1);
  });

  it('keeps the decoys out of the hotspot class for the reason the rules give', () => {
    const near = (x: number, y: number, kind = 'public-space') =>
      json.hotspots.find((h) => h.kind === kind && Math.hypot(h.centroid.x - x, h.centroid.y - y) < 100);
    const fired = (h: { indicators: Array<{ id: string; weight: number }> } | undefined) =>
      h?.indicators.filter((i) => i.weight !== 0).map((i) => i.id) ?? [];
    const [carnaval, serial, cityHall] = truth.decoys;
    expect(near(carnaval!.x, carnaval!.y)?.class ?? 'none').not.toBe('hotspot');
    expect(fired(near(carnaval!.x, carnaval!.y))).toContain('eenmalige-piek');
    expect(near(serial!.x, serial!.y, 'dwelling')?.class).toBe('watch');
    expect(fired(near(serial!.x, serial!.y, 'dwelling'))).toContain('een-melder-woning');
    const pin = near(cityHall!.x, cityHall!.y);
    if (pin) expect(fired(pin)).toContain('puntconcentratie'); // listed only as watch, or not at all
  });

  it('prints exactly screening.json with --json, in the documented contract, ranked by score, reports, reporters, id', () => {
    expect(contract.safeParse(json).success).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'screening.json'), 'utf8'))).toEqual(json);
    const keys = json.hotspots.map((h) => [-h.score, -h.reports, -h.reporters, h.id] as const);
    expect([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : 1))).toEqual(keys);
    expect(json.run.inputs.map((i) => i.read)).toEqual([truth.rows.gemeente, truth.rows.politie]);
  });

  it('traces every hotspot report back and lists the explanation in hotspots.csv', () => {
    const csv = readFileSync(join(out, 'hotspots.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(json.hotspots.length + 1);
    expect(csv[1]).toMatch(/^1,/);
    const links = readFileSync(join(out, 'hotspot-reports.csv'), 'utf8').trim().split('\n');
    expect(links.length - 1).toBe(json.hotspots.reduce((n, h) => n + h.reportIds.length, 0));
    // One geometry type per file, as GIS reads a layer (geojson-mixed-geometry-types): points, and areas apart.
    const geo = JSON.parse(readFileSync(join(out, 'hotspots.geojson'), 'utf8'));
    expect(geo.features).toHaveLength(json.hotspots.length);
    expect(new Set(geo.features.map((f: { geometry: { type: string } }) => f.geometry.type))).toEqual(new Set(['Point']));
    const areas = JSON.parse(readFileSync(join(out, 'hotspot-areas.geojson'), 'utf8'));
    expect(new Set(areas.features.map((f: { geometry: { type: string } }) => f.geometry.type))).toEqual(new Set(['Polygon']));
    const publicSpace = json.hotspots.filter((h) => h.kind === 'public-space').length;
    expect(areas.features.length).toBeGreaterThanOrEqual(publicSpace);
    expect(areas.features.length).toBeLessThanOrEqual(json.hotspots.length);
    const density = JSON.parse(readFileSync(join(out, 'density.geojson'), 'utf8'));
    expect(density.properties).toMatchObject({ kernel: 'quartic', cell_size_m: expect.any(Number), bandwidth_m: expect.any(Number) });
    expect(density.features.length).toBeGreaterThan(100);
    expect(
      density.features.every(
        (f: { geometry: { type: string }; properties: { kde_per_km2: number } }) =>
          f.geometry.type === 'Polygon' && f.properties.kde_per_km2 > 0,
      ),
    ).toBe(true);
    const polygon = areas.features[0];
    const [lon, lat] = polygon.geometry.coordinates[0][0];
    expect(lon).toBeGreaterThan(5.6);
    expect(lon).toBeLessThan(5.8);
    expect(lat).toBeGreaterThan(50.8);
    expect(lat).toBeLessThan(50.9);
  });

  it('writes no free text, reporter identifier or phone number to any output', () => {
    const files = readdirSync(out);
    expect(files.sort()).toEqual([
      '.hotspots-manifest.json',
      'density.geojson',
      'hotspot-areas.geojson',
      'hotspot-reports.csv',
      'hotspots.csv',
      'hotspots.geojson',
      'rejects.csv',
      'screening.json',
    ]);
    for (const f of files) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text, f).not.toMatch(/@example\.nl|06-\d{8}|Melder|gedeald|intimideert|Jan de Vries/);
    }
  });
});

describe('woonoverlast of every background, from either export alone (seed 3, every report in both exports)', () => {
  let dir: string;
  let truth: ScenarioTruth;
  beforeAll(async () => {
    dir = tempDir();
    truth = await writeScenario(dir, { seed: 3, sources: 'each' });
  });
  const screenOne = async (file: string) => {
    const r = await runCli(['screen', join(dir, file), '--map', MAPPING, '--now', truth.now, '--out', join(dir, `out-${file}`), '--json']);
    expect(r.code).toBe(0);
    return evaluateScreening(truth, JSON.parse(r.stdout).hotspots);
  };

  it('plants dwellings of noise, pollution, persons, residential nuisance and drugs', () => {
    const kinds = new Set(truth.hotspots.filter((h) => h.kind === 'dwelling').map((h) => h.dwellingKind));
    expect([...kinds].sort()).toEqual(['drugs', 'geluid', 'personen', 'vervuiling', 'woon']);
  });

  it('finds them from the municipal export', async () => {
    const e = await screenOne('meldingen.csv');
    expect(e.found.dwellings).toBeGreaterThanOrEqual(18);
    expect(e.found.publicSpace).toBeGreaterThanOrEqual(14);
    expect(e.decoysAsHotspot).toEqual([]);
  });

  it('finds them from the police export, where noise is "M22 Geluidshinder overig" and the rest "Overlast overig"', async () => {
    const e = await screenOne('politie-export.csv');
    expect(e.found.dwellings).toBeGreaterThanOrEqual(16);
    expect(e.decoysAsHotspot).toEqual([]);
    const themes = JSON.parse(
      (await runCli(['validate', '--json', '--now', truth.now, join(dir, 'politie-export.csv'), '--map', MAPPING])).stdout,
    ).themes;
    expect(themes.overig).toBeGreaterThan(100);
  });
});

describe('screen: periods, formats, errors', () => {
  it('judges a period shorter than the window over the window ending at its end, and counts what falls outside', async () => {
    const out = tempDir();
    const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--period', 'last-4-weeks', '--out', out, '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.run.period).toEqual({
      from: '2026-10-26T00:00:00+01:00',
      to: '2026-11-23T00:00:00+01:00',
      label: '2026-10-26..2026-11-22',
      endsAtData: false,
      evidence: { from: '2026-05-25T00:00:00+02:00', to: '2026-11-23T00:00:00+01:00', windowDays: 182 },
    });
    expect(json.run.funnel.outsidePeriod).toBeGreaterThan(1500);
    expect(json.run.funnel.accepted).toBe(json.run.funnel.screened + json.run.funnel.outOfScope + json.run.funnel.outsidePeriod);
    expect(json.hotspots.filter((h: { class: string }) => h.class === 'hotspot').length).toBeGreaterThanOrEqual(8);
    const w = JSON.parse(
      (
        await runCli([
          'screen',
          'fixtures/demo/meldingen.csv',
          '--now',
          NOW,
          '--period',
          '2026-10',
          '--window',
          '13w',
          '--out',
          out,
          '--json',
        ])
      ).stdout,
    );
    expect(w.run.period.evidence).toEqual({ from: '2026-08-02T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00', windowDays: 91 });
  });

  it('takes a year and a quarter as periods, judged whole (batch screenings)', async () => {
    const y = JSON.parse(
      (await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--period', '2025', '--out', tempDir(), '--json'])).stdout,
    );
    expect(y.run.period).toMatchObject({ label: '2025', from: '2025-01-01T00:00:00+01:00', to: '2026-01-01T00:00:00+01:00' });
    expect(y.run.period.evidence.windowDays).toBeNull();
    const q = JSON.parse(
      (await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--period', '2026-Q2', '--out', tempDir(), '--json'])).stdout,
    );
    expect(q.run.period.label).toBe('2026-Q2');
    expect(q.run.period.evidence.windowDays).toBeNull(); // quarters and years are batch screenings
  });

  it('refuses impossible dates on the command line instead of shifting them', async () => {
    for (const args of [
      ['--from', '2026-02-30'],
      ['--to', '2026-04-31'],
      ['--now', '2026-02-30T06:00:00+01:00'],
    ]) {
      const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', ...args, '--out', tempDir()]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is not (a date|an ISO 8601 time)/);
    }
  });

  it('judges --from/--to and periods as long as the window whole', async () => {
    const r = await runCli([
      'screen',
      'fixtures/demo/meldingen.csv',
      '--now',
      NOW,
      '--from',
      '2026-09-01',
      '--to',
      '2026-09-30',
      '--out',
      tempDir(),
      '--json',
    ]);
    expect(JSON.parse(r.stdout).run.period.evidence).toEqual({
      from: '2026-09-01T00:00:00+02:00',
      to: '2026-10-01T00:00:00+02:00',
      windowDays: null,
    });
  });

  it('ends a batch screening without a period or --now at the last report, and says so', async () => {
    const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--out', tempDir()], { now: new Date('2027-03-01T12:00:00Z') });
    expect(r.stdout).toMatch(/the period ends at the last report \(2026-11-2[23]\)/);
    const j = JSON.parse(
      (await runCli(['screen', 'fixtures/demo/meldingen.csv', '--out', tempDir(), '--json'], { now: new Date('2027-03-01T12:00:00Z') }))
        .stdout,
    );
    expect(j.run.period).toMatchObject({ endsAtData: true });
    expect(j.run.period.to).toMatch(/^2026-11-2[34]T00:00:00\+01:00$/);
    expect(
      j.hotspots.some((h: { indicators: Array<{ id: string; fired: boolean }> }) => h.indicators.some((i) => i.id === 'recent' && i.fired)),
    ).toBe(true);
  });

  it('writes only the formats asked for', async () => {
    const out = tempDir();
    await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--out', out, '--format', 'geojson']);
    expect(readdirSync(out).sort()).toEqual([
      '.hotspots-manifest.json',
      'density.geojson',
      'hotspot-areas.geojson',
      'hotspots.geojson',
      'rejects.csv',
    ]);
  });

  it('refuses unknown formats, bad periods and rules with errors', async () => {
    expect((await runCli(['screen', 'fixtures/demo/meldingen.csv', '--format', 'xlsx'])).stderr).toMatch(/--format: unknown format "xlsx"/);
    expect((await runCli(['screen', 'fixtures/demo/meldingen.csv', '--period', 'gisteren'])).stderr).toMatch(
      /--period: "gisteren" is not a period/,
    );
    const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--rules', 'fixtures/defects/broken-yaml.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-yaml\.yaml:\d+:\d+/);
  });
});

describe('rules commands', () => {
  it('checks, explains and describes rules', async () => {
    expect((await runCli(['rules', 'check'])).stdout).toMatch(
      /^rules\/default\.yaml: ok \(4 signals, 16 indicators; sha256 [0-9a-f]{12}\)\n$/,
    );
    expect((await runCli(['rules', 'explain'])).stdout).toContain('Indicatoren (per plek');
    expect((await runCli(['rules', 'explain', '--lang', 'en'])).stdout).toContain('Indicators (per location');
    expect(JSON.parse((await runCli(['rules', 'schema'])).stdout).title).toBe('overlast-hotspots rules file');
    const bad = await runCli(['rules', 'check', 'fixtures/defects/bad-mapping.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-mapping\.yaml:\d+:\d+ /);
  });
});

describe('screen without a table', () => {
  it('names the delivered rejects file, not the staging folder', async () => {
    const out = tempDir();
    const r = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--out', out, '--format', 'csv,json']);
    expect(r.stdout).toContain(`rejected and duplicate rows listed in ${join(out, 'rejects.csv')}`);
    expect(r.stdout).not.toContain('.hotspots-tmp');
  });
});

describe('screen table in a terminal', () => {
  const FILES = [...DEMO, '--now', NOW, '--no-history'];
  it('fits $COLUMNS (the screen-table-155-227-wide fixture), and --wide shows every place whole', async () => {
    const narrow = await runCli(['screen', ...FILES, '--out', tempDir()], { env: { COLUMNS: '100' } });
    const table = narrow.stdout.split('\n').filter((l) => /^\s*\d+ {2}\S/.test(l));
    expect(table.length).toBeGreaterThan(10);
    for (const line of narrow.stdout.split('\n').filter((l) => /^\s*(#|\d+) {2}/.test(l))) expect(line.length).toBeLessThanOrEqual(100);
    expect(narrow.stdout).toMatch(/…/);
    const wide = await runCli(['screen', ...FILES, '--out', tempDir(), '--wide'], { env: { COLUMNS: '100' } });
    const longest = Math.max(...wide.stdout.split('\n').map((l) => l.length));
    expect(longest).toBeGreaterThan(150);
    expect(wide.stdout).toMatch(/Lanakerweg 258A, 6219WH Maastricht, Lanakerveld/);
  });
});

describe('screen --excel', () => {
  it('writes hotspots.csv as Dutch Excel opens it: BOM, semicolons, decimal commas, dd-mm-jjjj times (hotspots-csv-garbles-accents)', async () => {
    const out = tempDir();
    const r = await runCli([
      'screen',
      'fixtures/demo/meldingen.csv',
      'fixtures/demo/politie-export.csv',
      '--map',
      MAPPING,
      '--now',
      NOW,
      '--out',
      out,
      '--no-history',
      '--excel',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(out, 'hotspots.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, first] = parse(bytes.toString('utf8').slice(1), { delimiter: ';' }) as string[][];
    expect(header).toContain('lat');
    const col = (name: string) => first![header!.indexOf(name)]!;
    expect(col('first')).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(col('lat')).toMatch(/^5\d,\d+$/);
    expect(col('gi_star_z')).toMatch(/^-?\d+(,\d+)?$/); // a number, never neutralised like text
    const all = bytes.toString('utf8');
    expect(all).toContain('Avenue Céramique');
    expect(readFileSync(join(out, 'hotspot-reports.csv'), 'utf8')).toMatch(/^\uFEFFhotspot_id;report_id\n/);
  });
});
