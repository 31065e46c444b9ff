#!/usr/bin/env node
// Renders the demo report.html in headless Chromium (Debian package `chromium`) and saves a
// screenshot, to look at what analysts see. Usage: npm run build && node scripts/screenshot-report.mjs [OUT.png]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SCREEN } from './demo.mjs';

const chromium = [process.env.HOTSPOTS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromium) {
  console.error('chromium not found: apt-get install chromium');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'hotspots-report-'));
const png = process.argv[2] ?? join(dir, 'report.png');
execFileSync(
  process.execPath,
  ['bin/hotspots.js', ...DEMO_SCREEN, '--out', dir, '--format', 'html', '--db', join(dir, 'h.sqlite'), '--quiet'],
  { env: { ...process.env, HOTSPOTS_PSEUDONYM_KEY: 'screenshot-key-0123456789' } },
);
execFileSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${join(dir, 'profile')}`,
    '--hide-scrollbars',
    '--window-size=1400,2200',
    `--screenshot=${png}`,
    `file://${join(dir, 'report.html')}`,
  ],
  { stdio: 'ignore' },
);
console.log(png);
