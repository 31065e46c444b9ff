import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_ENV, NOW, tempDir } from '../helpers.js';

const BIN = join(process.cwd(), 'bin/hotspots.js');
// HOTSPOTS_CHROMIUM names a Chromium or chrome-headless-shell elsewhere (one that takes --screenshot).
const CHROMIUM = [process.env.HOTSPOTS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);

function makeReport(): string {
  const out = tempDir();
  const r = spawnSync(
    'node',
    [
      BIN,
      'screen',
      'fixtures/demo/meldingen.csv',
      '--now',
      NOW,
      '--out',
      out,
      '--format',
      'html,json',
      '--quiet',
      '--db',
      join(out, 'h.sqlite'),
    ],
    { env: { ...process.env, ...KEY_ENV }, encoding: 'utf8' },
  );
  expect(r.status).toBe(0);
  return join(out, 'report.html');
}

describe('report.html', () => {
  it('is one self-contained page: map, ranked table, heatmaps, sparklines, provenance; no network', () => {
    const file = makeReport();
    const html = readFileSync(file, 'utf8');
    const screening = JSON.parse(readFileSync(join(file, '..', 'screening.json'), 'utf8'));
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\//);
    for (const part of [
      '<svg class="map"',
      'id="ranking"',
      '<svg class="heat"',
      '<svg class="spark"',
      'id="provenance"',
      'Binnenstad',
      'fixtures/demo/meldingen.csv',
    ]) {
      expect(html).toContain(part);
    }
    expect((html.match(/<tr class="(hotspot|watch)-row"( id="hs-\d+")?>/g) ?? []).length).toBe(screening.hotspots.length);
    expect((html.match(/<svg class="heat"/g) ?? []).length).toBe(screening.hotspots.length + 1);
    expect(html).not.toMatch(/@example\.nl|gedeald|Jan de Vries/);
  });

  it.skipIf(!CHROMIUM)('renders in headless Chromium (screenshot)', () => {
    const file = makeReport();
    const png = join(tempDir(), 'report.png');
    execFileSync(
      CHROMIUM!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(tempDir(), 'profile')}`,
        '--window-size=1400,2000',
        `--screenshot=${png}`,
        `file://${file}`,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
    expect(statSync(png).size).toBeGreaterThan(50_000); // a blank page is a few KB
  });
});
