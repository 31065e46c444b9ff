import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandOutDir } from '../../src/cli/commands/screen.js';
import { progressLine } from '../../src/cli/progress.js';
import { NOW, runCli, tempDir } from '../helpers.js';

const FILES = ['fixtures/demo/meldingen.csv', '--now', NOW];

describe('screen for cron jobs', () => {
  it('--quiet prints nothing and still writes the files', async () => {
    const out = tempDir();
    const r = await runCli(['screen', ...FILES, '--out', out, '--quiet']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(join(out, 'hotspots.csv'))).toBe(true);
  });

  it('--fail-on-new exits 3 when hotspots appear, 0 when none do', async () => {
    const db = join(tempDir(), 'h.sqlite');
    const first = await runCli(['screen', ...FILES, '--to', '2026-11-08', '--out', tempDir(), '--db', db, '--quiet', '--fail-on-new']);
    expect(first.code).toBe(3);
    const second = await runCli(['screen', ...FILES, '--to', '2026-11-15', '--out', tempDir(), '--db', db, '--quiet', '--fail-on-new']);
    expect(second.code).toBe(0);
    expect((await runCli(['screen', ...FILES, '--no-history', '--fail-on-new'])).stderr).toMatch(/--fail-on-new needs the history/);
  });

  it('fills {date} and {period} in --out for dated folders', async () => {
    expect(expandOutDir('lijsten/{date}', Date.parse(NOW), {})).toBe('lijsten/2026-11-23');
    expect(expandOutDir('lijsten/{period}', Date.parse(NOW), { label: '2026-W47' })).toBe('lijsten/2026-W47');
    expect(
      expandOutDir('{period}', Date.parse(NOW), {
        fromMs: Date.parse('2026-11-01T00:00:00+01:00'),
        toMs: Date.parse('2026-11-16T00:00:00+01:00'),
      }),
    ).toBe('2026-11-01..2026-11-15');
    expect(expandOutDir('{period}', Date.parse(NOW), {})).toBe('all');
    const base = tempDir();
    const r = await runCli(['screen', ...FILES, '--out', join(base, '{date}'), '--period', 'last-week']);
    expect(r.code).toBe(0);
    expect(existsSync(join(base, '2026-11-23', 'screening.json'))).toBe(true);
  });

  it('shows progress on a TTY only, and clears it', () => {
    const writes: string[] = [];
    let t = 0;
    const p = progressLine({ write: (s: string) => writes.push(s) }, true, () => (t += 1000));
    p.update('reading a.csv: 2,048 rows');
    p.update(() => 'reading a.csv: 4,096 rows'); // a function: called only when shown
    p.done();
    expect(writes).toEqual(['\r\u001b[2Kreading a.csv: 2,048 rows', '\r\u001b[2Kreading a.csv: 4,096 rows', '\r\u001b[2K']);
    const none: string[] = [];
    const off = progressLine({ write: (s: string) => none.push(s) }, false);
    off.update('x');
    off.update(() => {
      throw new Error('not made when not shown');
    });
    off.done();
    expect(none).toEqual([]);
  });
});
