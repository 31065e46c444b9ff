import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { KEY_ENV, NOW, tempDir } from '../helpers.js';

const BIN = join(process.cwd(), 'bin/hotspots.js');
const env = { ...process.env, ...KEY_ENV, NO_COLOR: '1', HOTSPOTS_DB: join(tempDir(), 'history.sqlite') };

describe('the real binary', () => {
  it('validates a file with an empty stderr and exit 0', () => {
    const r = spawnSync('node', [BIN, 'validate', 'fixtures/defects/bom.csv', '--now', NOW], { env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('read 2 = accepted 2 + rejected 0 + duplicates 0');
  });

  it('exits 0 quietly when the reader of a pipe goes away (| head -1)', () => {
    const out = execFileSync('bash', ['-c', `set -o pipefail; node ${BIN} profiles generic | head -1; echo "status \${PIPESTATUS[0]}"`], {
      env,
      encoding: 'utf8',
    });
    expect(out).toMatch(/status 0/);
  });

  it('screen writes rejects.csv into --out and exits 1 over the threshold', () => {
    const out = tempDir();
    const r = spawnSync('node', [BIN, 'screen', 'fixtures/defects/swapped-latlng.csv', '--out', out, '--now', NOW], {
      env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(existsSync(join(out, 'rejects.csv'))).toBe(true);
    expect(readFileSync(join(out, 'rejects.csv'), 'utf8').split('\n')).toHaveLength(7);
  });

  it('runs the README quick start: screen on the demo data with the default rules', () => {
    const out = tempDir();
    const r = spawnSync('node', [BIN, 'screen', 'fixtures/demo/meldingen.csv', '--out', out, '--now', NOW], { env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ hotspots, \d+ to watch; files in /);
    for (const f of ['hotspots.csv', 'hotspot-reports.csv', 'hotspots.geojson', 'hotspot-areas.geojson', 'screening.json', 'rejects.csv'])
      expect(existsSync(join(out, f))).toBe(true);
  });

  it('reads an Excel sheet (exceljs is loaded only then, by the bundle run as a script)', async () => {
    const xlsx = join(tempDir(), 'meldingen.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Meldingen');
    ws.addRow(['meldingnummer', 'datum_melding', 'hoofdcategorie', 'x', 'y', 'straat']);
    for (let i = 1; i <= 3; i++) ws.addRow([`M-${i}`, `2026-10-0${i} 21:00`, 'Overlast personen', 176000 + i, 318000 + i, 'Markt']);
    await wb.xlsx.writeFile(xlsx);
    const r = spawnSync('node', [BIN, 'validate', xlsx, '--now', NOW], { env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('read 3 = accepted 3 + rejected 0 + duplicates 0');
  });

  it('creates the pseudonym key file owner-only on first use', () => {
    const home = tempDir();
    const r = spawnSync('node', [BIN, 'validate', 'fixtures/defects/signalen-export.csv', '--now', NOW], {
      env: { ...process.env, HOTSPOTS_PSEUDONYM_KEY: undefined, XDG_CONFIG_HOME: home },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const key = join(home, 'overlast-hotspots', 'pseudonym.key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'overlast-hotspots')).mode & 0o777).toBe(0o700);
    expect(readFileSync(key, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the bundle and its code cache (src/cli/start.ts)', () => {
  /** Loads the bundle in a fresh process as bin/hotspots.js does, with `cache` ('default' or a path), and reports what happened. */
  const load = (cache: string) => {
    const code = [
      "import { CODE_CACHE_PATH, loadBundle, tuneV8 } from './dist/cli/start.js';",
      'tuneV8();',
      `const r = loadBundle(${cache === 'default' ? 'CODE_CACHE_PATH' : JSON.stringify(cache)});`,
      'console.log(JSON.stringify({ script: !!r.script, rejected: r.cacheRejected, run: typeof r.cli.run, main: typeof r.cli.main }));',
    ].join('\n');
    return JSON.parse(execFileSync('node', ['--input-type=module', '-e', code], { encoding: 'utf8' }));
  };

  it('is loaded with the cache the build made, and V8 accepts it', () => {
    expect(existsSync('dist/cli/bundle.cache')).toBe(true);
    expect(load('default')).toEqual({ script: true, rejected: false, run: 'function', main: 'function' });
  });

  it('still loads when the cache is stale or broken (V8 rejects it) or missing', () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.cache');
    writeFileSync(broken, readFileSync('dist/cli/bundle.cache').subarray(0, 4096));
    expect(load(broken)).toEqual({ script: true, rejected: true, run: 'function', main: 'function' });
    expect(load(join(dir, 'missing.cache'))).toEqual({ script: true, rejected: false, run: 'function', main: 'function' });
  });
});
