import { describe, expect, it } from 'vitest';
import { compareProfiles } from '../../src/pipeline/hottimes.js';
import { heatmap } from '../../src/cli/commands/hottimes.js';
import { join } from 'node:path';
import { DEMO, NOW, runCli, tempDir } from '../helpers.js';

const FILES = [...DEMO, '--now', NOW];

describe('hottimes', () => {
  it('finds the evening and weekend peak, the months, and the carnaval days as event days', async () => {
    const r = await runCli(['hottimes', ...FILES, '--json', '--by', 'hotspot']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(2);
    expect(j.overall.hours).toHaveLength(168);
    expect(j.overall.reports).toBe(j.overall.months.reduce((a: number, b: number) => a + b, 0));
    expect(j.overall.peak).toMatch(/^(vr|za)/);
    const carnaval = j.eventDays.filter((d: { place: string }) => d.place.startsWith('Vrijthof')).map((d: { date: string }) => d.date);
    expect(carnaval).toEqual([
      '2025-03-01',
      '2025-03-02',
      '2025-03-03',
      '2025-03-04',
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
    ]);
    expect(j.eventDays.every((d: { place: string }) => d.place.startsWith('Vrijthof'))).toBe(true);
    expect(j.groups.length).toBeGreaterThan(30);
  });

  it('describes a month itself, not the 26-week window a weekly hotspot list is judged over', async () => {
    const j = JSON.parse((await runCli(['hottimes', ...FILES, '--period', '2026-02', '--json'])).stdout);
    expect(j.period).toEqual({ label: '2026-02', from: '2026-02-01', to: '2026-02-28' }); // flat: no epoch fields, no period.period
    expect(j.overall.months.filter((n: number) => n > 0)).toHaveLength(1);
    expect(j.overall.months[1]).toBe(j.overall.reports);
  });

  it('names the places by their history keys, as the lists do, when a history exists (hottimes-by-hotspot-ids)', async () => {
    const db = join(tempDir(), 'history.sqlite');
    expect((await runCli(['screen', ...FILES, '--out', tempDir(), '--db', db, '--quiet'])).code).toBe(0);
    const listed = JSON.parse((await runCli(['screen', ...FILES, '--out', tempDir(), '--db', db, '--json', '--quiet'])).stdout);
    const vrijthof = listed.hotspots.find((h: { place: string }) => h.place.startsWith('Vrijthof'));
    const r = await runCli(['hottimes', ...FILES, '--by', 'hotspot', '--db', db, '--json']);
    const group = JSON.parse(r.stdout).groups.find((g: { place: string }) => g.place.startsWith('Vrijthof'));
    expect(group).toMatchObject({ id: vrijthof.id, key: vrijthof.key });
    expect(group.key).toMatch(/^HS-\d{4}$/);
    const text = (await runCli(['hottimes', ...FILES, '--by', 'hotspot', '--db', db])).stdout;
    expect(text).toContain(`${group.key} Vrijthof`);
    expect(text).not.toMatch(/PS-\d+-\d+ /);
    const without = JSON.parse((await runCli(['hottimes', ...FILES, '--by', 'hotspot', '--db', db, '--no-history', '--json'])).stdout);
    expect(without.groups.every((g: { key?: string }) => g.key === undefined)).toBe(true);
  });

  it('compares two periods: which hours rose and fell', async () => {
    const r = await runCli(['hottimes', ...FILES, '--period', '2026-02', '--compare', '2025-08']);
    expect(r.stdout).toMatch(/from 2025-08 to 2026-02 \(share of the week's reports, 3-hour windows\):\n {2}rose /);
    expect(r.stdout).toContain('  za ');
    expect(r.stdout).toContain("  shades, from this % of the busiest hour: ' ' 0  . 6  : 17  - 28  = 39  + 50  * 61  # 72  % 83  @ 94");
  });

  it('computes window changes in percentage points', () => {
    const before = new Array(168).fill(0),
      after = new Array(168).fill(0);
    before[4 * 24 + 22] = 10;
    before[0] = 10;
    after[4 * 24 + 22] = 30;
    after[0] = 10;
    const c = compareProfiles(before, after);
    expect(c.rose[0]).toEqual({ window: 'vr 20:00-23:00', before: 50, after: 75, changePt: 25 });
    expect(c.fell[0]).toMatchObject({ changePt: -25 });
  });

  it('draws a 7 x 24 heatmap, Monday first', () => {
    const hours = new Array(168).fill(0);
    hours[5 * 24 + 23] = 4;
    const lines = heatmap(hours).split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[6]).toBe(`  za ${' '.repeat(23)}@`);
  });
});
