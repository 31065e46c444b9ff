import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

/**
 * Every warning a screening can give, each on a small export made to hold its cause: a screening
 * that finds little, or cannot apply part of its rules, says why and how to fix it.
 */

const NOW = '2026-11-23T06:00:00+01:00';
const WEEK_MS = 7 * 86_400_000;
const FIRST = Date.parse('2026-05-04T22:30:00+02:00'); // a Monday evening

const pad = (n: number) => String(n).padStart(2, '0');
function local(ms: number): string {
  const d = new Date(ms + 3_600_000); // close enough to local time for test data: whole minutes, no DST edge
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

interface Row {
  t: number;
  category: string;
  x?: number;
  y?: number;
  street?: string;
  number?: number;
  postcode?: string;
  reporter?: string;
  text?: string;
}

/** Writes an export with only the columns asked for: absent columns are absent, not empty. */
function exportFile(rows: Row[], columns: ReadonlyArray<'address' | 'reporter' | 'text'>): string {
  const header = [
    'meldingnummer',
    'datum_melding',
    'categorie',
    'x',
    'y',
    ...(columns.includes('address') ? ['straat', 'huisnummer', 'postcode'] : []),
    ...(columns.includes('reporter') ? ['melder'] : []),
    ...(columns.includes('text') ? ['omschrijving'] : []),
  ];
  const lines = rows.map((r, i) =>
    [
      `M-${i + 1}`,
      local(r.t),
      r.category,
      r.x ?? '',
      r.y ?? '',
      ...(columns.includes('address') ? [r.street ?? 'Markt', r.number ?? '', r.postcode ?? ''] : []),
      ...(columns.includes('reporter') ? [r.reporter ?? ''] : []),
      ...(columns.includes('text') ? [r.text ?? ''] : []),
    ].join(','),
  );
  const file = join(tempDir(), 'export.csv');
  writeFileSync(file, `${[header.join(','), ...lines].join('\n')}\n`);
  return file;
}

/** A street corner with drug reports from many people over 20 weeks: a hotspot on any evidence. */
const corner = (n = 40): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    t: FIRST + (i % 20) * WEEK_MS + i * 60_000,
    category: 'Drugsoverlast',
    x: 176400 + (i % 5) * 4,
    y: 317800 + (i % 3) * 4,
    reporter: `buur${i % 9}@example.nl`,
    text: 'Er wordt gedeald',
  }));

async function screenJson(file: string, extra: string[] = []) {
  const r = await runCli(['screen', file, '--now', NOW, '--out', tempDir(), '--no-history', '--json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    warnings: Array<{ code: string; message: string; hint?: string; details?: Record<string, unknown> }>;
    hotspots: Array<{ class: string; caveats: string[]; indicators: Array<{ id: string; judged: boolean }> }>;
  };
}
const codes = (j: { warnings: Array<{ code: string }> }) => j.warnings.map((w) => w.code);

describe('screening warnings', () => {
  it('names a missing reporter column once, and marks hotspots classified without reporters "melders onbekend"', async () => {
    const j = await screenJson(exportFile(corner(), ['text']));
    const w = j.warnings.find((x) => x.code === 'no-reporter-column')!;
    expect(w.message).toMatch(
      /export\.csv: no report names a reporter.*"meerdere-melders", "een-melder", "een-melder-woning" cannot be judged/,
    );
    expect(w.hint).toMatch(/fields\.reporter/);
    expect(j.warnings.filter((x) => x.code === 'no-reporter-column')).toHaveLength(1);
    expect(j.hotspots[0]).toMatchObject({ class: 'hotspot', caveats: ['reporters-unknown'] });
    expect(j.hotspots[0]!.indicators.find((i) => i.id === 'meerdere-melders')!.judged).toBe(false);
    expect(codes(j)).toContain('reporters-unknown');
    const table = await runCli(['screen', exportFile(corner(), ['text']), '--now', NOW, '--out', tempDir(), '--no-history']);
    expect(table.stdout).toMatch(/warning .*no report names a reporter/);
    expect(table.stdout).toContain('[melders onbekend]');
  });

  it('says that without addresses no dwelling can be found, and without free text no keyword signal fires', async () => {
    const j = await screenJson(exportFile(corner(), ['reporter']));
    expect(codes(j)).toEqual(expect.arrayContaining(['no-address-column', 'no-text-column']));
    expect(j.warnings.find((w) => w.code === 'no-text-column')!.message).toMatch(/"drugs", "intimidatie"/);
    const addressed = corner().map((r, i) => (i < 6 ? { ...r, number: 12, postcode: '6211AB' } : r));
    expect(codes(await screenJson(exportFile(addressed, ['reporter', 'text', 'address'])))).not.toContain('no-address-column');
  });

  it('names the largest out-of-scope categories, their theme and the change that would bring them in', async () => {
    const rows = corner().map((r, i) => ({ ...r, category: i % 2 ? 'Overlast openbare ruimte' : 'Geluid horeca' }));
    const j = await screenJson(exportFile(rows, ['reporter', 'text']));
    const w = j.warnings.find((x) => x.code === 'nothing-in-scope')!;
    expect(w.message).toMatch(
      /no report in the period is in the rules' scope; the largest out-of-scope categories: "Geluid horeca" \(20, theme geluid\), "Overlast openbare ruimte" \(20, theme overig\)/,
    );
    expect(w.hint).toMatch(
      /themes: geluid, overig.*--rules; or give these categories a theme with a mapping rule \(themes: \[\{match: "Overlast openbare ruimte", theme: personen\}\]\)/,
    );
    const little = await screenJson(exportFile([...corner(4), ...rows], ['reporter', 'text']));
    expect(codes(little)).toContain('little-in-scope');
  });

  it('says when the period holds no reports, and where the data are', async () => {
    const j = await screenJson(exportFile(corner(), ['reporter', 'text']), ['--period', '2025-03']);
    expect(j.warnings.find((w) => w.code === 'no-reports-in-period')!.message).toMatch(/the data run 2026-05-04 \.\. 2026-09-/);
  });

  it('warns when a period relative to now runs past the end of the export', async () => {
    const j = await screenJson(exportFile(corner(), ['reporter', 'text']), ['--period', 'last-4-weeks']);
    expect(j.warnings.find((w) => w.code === 'stale-export')!.message).toMatch(
      /^the export ends 2026-09-\d\d, more than 14 days before the period ends \(2026-11-22\); is it complete\?$/,
    );
    const fixed = await screenJson(exportFile(corner(), ['reporter', 'text']), ['--period', '2026-09']);
    expect(codes(fixed)).not.toContain('stale-export');
  });

  it('explains why nothing was found: no candidate at all, or none that reached watch', async () => {
    const scattered = corner(6).map((r, i) => ({ ...r, x: 170000 + i * 500 }));
    const none = await screenJson(exportFile(scattered, ['reporter', 'text']));
    expect(none.hotspots).toEqual([]);
    expect(none.warnings.find((w) => w.code === 'no-candidates')!.message).toMatch(
      /none of the 6 screened reports form a candidate: no address has 5 or more, and no 8 reports lie within 60 m/,
    );
    const oneWeek = corner(8).map((r) => ({ ...r, t: FIRST, category: 'Overlast personen' }));
    const below = await screenJson(
      exportFile(
        oneWeek.map((r, i) => ({ ...r, t: r.t + i * 60_000 })),
        ['reporter'],
      ),
    );
    expect(below.hotspots).toEqual([]);
    expect(below.warnings.find((w) => w.code === 'below-watch')!.message).toMatch(
      /1 candidate\(s\) found, none reached "watch": the best \(public-space, 8 reports\) scores -?\d+ of the 4 needed/,
    );
  });
});
