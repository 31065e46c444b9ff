import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackCells } from '../../src/history/cell-blob.js';
import { alertsFor } from '../../src/pipeline/history.js';
import type { Hotspot, HotspotHistory } from '../../src/model/screening.js';
import { DEMO, NOW, runCli, tempDir } from '../helpers.js';

async function screened(dir: string, db: string, extra: string[] = []) {
  const r = await runCli(['screen', ...DEMO, '--out', join(dir, 'out'), '--db', db, '--format', 'csv,json,html', '--json', ...extra]);
  return { code: r.code, json: JSON.parse(r.stdout) };
}

describe('hotspots assess', () => {
  it('keeps every decision, and the latest shows in every output of the next screening', async () => {
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    await screened(dir, db);
    const record = (args: string[], now = '2026-11-24T10:00:00+01:00') => runCli(['assess', ...args, '--db', db, '--now', now]);
    expect((await record(['HS-0001', '--status', 'beoordeeld', '--team', 'Gebiedsteam Noordoost'], '2026-11-24T09:00:00+01:00')).code).toBe(
      0,
    );
    expect(
      (await record(['hs-0001', '--status', 'aanpak', '--since', '2026-10-01', '--team', 'Gebiedsteam Noordoost', '--ref', 'ZAAK-123']))
        .code,
    ).toBe(0);
    expect((await record(['HS-0002', '--status', 'afgesloten', '--since', '2026-06-01'])).code).toBe(0);

    const list = JSON.parse((await runCli(['assess', '--list', '--db', db, '--json'])).stdout);
    expect(list.trail.map((a: { key: string; status: string }) => `${a.key} ${a.status}`)).toEqual([
      'HS-0001 beoordeeld',
      'HS-0001 aanpak',
      'HS-0002 afgesloten',
    ]);
    expect(list.current.map((a: { key: string; status: string }) => `${a.key} ${a.status}`)).toEqual([
      'HS-0001 aanpak',
      'HS-0002 afgesloten',
    ]);
    expect(list.trail[1]).toMatchObject({
      since: '2026-10-01',
      team: 'Gebiedsteam Noordoost',
      ref: 'ZAAK-123',
      recordedAt: '2026-11-24T09:00:00.000Z',
    });

    // The next screening (a re-run of the same inputs) carries the statuses everywhere.
    const { json } = await screened(dir, db);
    const h1 = json.hotspots.find((h: { key: string }) => h.key === 'HS-0001');
    expect(h1.assessment).toEqual({ status: 'aanpak', since: '2026-10-01', team: 'Gebiedsteam Noordoost', ref: 'ZAAK-123' });
    const csv = readFileSync(join(dir, 'out', 'hotspots.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/,status,status_since,team,case_ref$/);
    expect(csv.find((l) => l.includes(',HS-0001,'))).toMatch(/,aanpak,2026-10-01,Gebiedsteam Noordoost,ZAAK-123$/);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain(
      '<span class="status status-aanpak">aanpak sinds 01-10-2026 · Gebiedsteam Noordoost · ZAAK-123</span>',
    );
    // afgesloten on 1 June, reported since: a relapse the team must hear about
    expect(json.run.history.alerts).toContainEqual({ code: 'relapse', key: 'HS-0002', place: expect.any(String) });
    const table = await runCli(['screen', ...DEMO, '--out', join(dir, 'out2'), '--db', db, '--fail-on-new']);
    expect(table.code).toBe(3);
    expect(table.stdout).toMatch(/alert: afgesloten, but reported again since the closing date \(relapse\): HS-0002/);
    expect(table.stdout).toMatch(/status/);
    expect(table.stdout).toContain('aanpak 2026-10-01');

    const show = await runCli(['history', 'show', '1', '--db', db]);
    expect(show.stdout).toMatch(/HS-0001 .*aanpak 2026-10-01/);
    expect(show.stdout).toMatch(/decisions about these keys \(oldest first\):\n {2}HS-0001 {2}beoordeeld/);
    expect(JSON.parse((await runCli(['history', 'show', '1', '--db', db, '--json'])).stdout).assessments).toHaveLength(3);

    const teams = join(dir, 'teams');
    expect((await runCli(['export', '--by', 'wijk', '--db', db, '--out', teams, '--format', 'csv,html'])).code).toBe(0);
    const files = readdirSync(teams).filter((f) => !f.startsWith('.'));
    const rows = files.filter((f) => f.endsWith('.csv')).flatMap((f) => readFileSync(join(teams, f), 'utf8').split('\n'));
    expect(rows[0]).toContain(';status;status_sinds;team;zaak;');
    expect(rows.find((l) => l.includes(';HS-0001;'))).toMatch(/;aanpak;01-10-2026;Gebiedsteam Noordoost;ZAAK-123;/);
    const pages = files.filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(teams, f), 'utf8'));
    expect(pages.filter((p) => p.includes('<span class="status status-aanpak">aanpak sinds 01-10-2026')).length).toBe(1);
    // the aanpak's effect, as a chart and a sentence, on its area's page and in the report
    expect(pages.some((p) => p.includes('<svg class="effect"') && p.includes('Sinds de aanpak (1 oktober 2026)'))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(
      /<h2 id="effect">Effect van de aanpak<\/h2>[\s\S]*Sinds de aanpak \(1 oktober 2026\)/,
    );
  });

  it('refuses what is not a decision: unknown key, status, date, or a note in the team or reference', async () => {
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    await screened(dir, db);
    const cases: Array<[string[], RegExp]> = [
      [['HS-0999', '--status', 'aanpak'], /HS-0999 is not in/],
      [['HS-0001', '--status', 'klaar'], /--status: "klaar" is not a status[\s\S]*beoordeeld, aanpak, afgesloten, geen-hotspot/],
      [['HS-0001', '--status', 'aanpak', '--since', '2026-02-30'], /--since: "2026-02-30" is not a date/],
      [['HS-0001', '--status', 'aanpak', '--since', '2027-01-01'], /lies in the future/],
      [['HS-0001', '--status', 'aanpak', '--team', 'Jan (nr 12) maakt lawaai, bel 0612345678'], /--team: .* is not a team name/],
      [['HS-0001', '--status', 'aanpak', '--ref', 'zie mail van mevrouw'], /--ref: .* is not a case reference/],
      [['Vrijthof', '--status', 'aanpak'], /"Vrijthof" is not a hotspot key/],
      [['HS-0001'], /assess needs --status/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['assess', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(JSON.parse((await runCli(['assess', '--list', '--db', db, '--json'])).stdout).trail).toEqual([]);
  });
});

describe('alerts', () => {
  const listed = (lastMs: number, cls: 'hotspot' | 'watch' = 'hotspot') => ({ place: 'Plein', class: cls, lastMs }) as unknown as Hotspot;
  const hist = (h: Partial<HotspotHistory>): HotspotHistory => ({ key: 'HS-0007', trend: 'persistent', change: { status: 'same' }, ...h });
  const a = (status: string, since: string) => ({ id: 1, key: 'HS-0007', status, since, recordedAt: NOW }) as HotspotHistory['assessment'];
  const jun = Date.parse('2026-06-15T12:00:00Z');

  it('new and unassessed; assessed new places are not flagged', () => {
    expect(alertsFor([listed(jun)], [hist({ change: { status: 'new' } })]).map((x) => x.code)).toEqual(['new-unassessed']);
    expect(alertsFor([listed(jun)], [hist({ change: { status: 'new' }, assessment: a('geen-hotspot', '2026-01-01') })])).toEqual([]);
    expect(alertsFor([listed(jun, 'watch')], [hist({ change: { status: 'new' } })])).toEqual([]);
  });

  it('an aanpak that keeps intensifying; a relapse only with reports after the closing date', () => {
    expect(alertsFor([listed(jun)], [hist({ trend: 'intensifying', assessment: a('aanpak', '2026-01-01') })]).map((x) => x.code)).toEqual([
      'aanpak-intensifying',
    ]);
    expect(alertsFor([listed(jun)], [hist({ trend: 'diminishing', assessment: a('aanpak', '2026-01-01') })])).toEqual([]);
    expect(alertsFor([listed(jun)], [hist({ assessment: a('afgesloten', '2026-06-01') })]).map((x) => x.code)).toEqual(['relapse']);
    expect(alertsFor([listed(jun)], [hist({ assessment: a('afgesloten', '2026-07-01') })])).toEqual([]);
  });
});

describe('the weekly cell counts', () => {
  const perSource = (db: string) => {
    const h = new Database(db, { readonly: true });
    const rows = h.prepare('SELECT source, cells FROM cell_counts ORDER BY source').all() as Array<{ source: string; cells: Uint8Array }>;
    h.close();
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(r.source, (sums.get(r.source) ?? 0) + unpackCells(r.cells).reports.reduce((a, b) => a + b, 0));
    return [...sums].map(([source, reports]) => ({ source, reports }));
  };

  it('add up to the located screened reports, and a run of one export leaves the other sources as they were', async () => {
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    const { json } = await screened(dir, db);
    const both = perSource(db) as Array<{ source: string; reports: number }>;
    expect(both.map((r) => r.source)).toEqual(['generic', 'politie']);
    const f = json.run.funnel;
    expect(both.reduce((n, r) => n + r.reports, 0)).toBe(f.screened - f.withoutPoint);
    const police = await runCli([
      'screen',
      'fixtures/demo/politie-export.csv',
      '--map',
      'fixtures/demo/politie.mapping.yaml',
      '--out',
      join(dir, 'p'),
      '--db',
      db,
      '--quiet',
    ]);
    expect(police.code).toBe(0);
    expect(perSource(db)).toEqual(both);
  });
});
