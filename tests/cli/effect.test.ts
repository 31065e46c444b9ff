import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { effectsJson } from '../../src/report/effect.js';
import { runCli, tempDir } from '../helpers.js';

type EffectJson = Required<ReturnType<typeof effectsJson>['effects'][number]>;

/**
 * Planted truth for `effect`: place A has 10 reports a week until an aanpak on Monday 4 May 2026,
 * then 4 (a fall of 60 %); a quarter of the 6 that went away (1.5 a week) turn up 150 m east, in
 * its 250 m ring, on top of the ring's own 2 a week. Place B, 1.5 km away, has 6 a week throughout
 * (no change). A city background of 12 a week stays level. Counts per week are fixed, so the
 * planted ratios are exact: A 0.4, A's ring 3.5 / 2 = 1.75, B 1.
 */
function plantedExport(): string {
  let seed = 11;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const start = Date.UTC(2025, 10, 3); // Monday 3 November 2025
  const aanpakWeek = 26; // week index from start: Monday 4 May 2026
  const rows = [
    'meldingnummer,datum_melding,begin_overlast,einde_overlast,hoofdcategorie,subcategorie,omschrijving,x,y,straat,huisnummer,postcode,woonplaats,buurtcode,melder_email',
  ];
  let n = 0;
  const add = (week: number, x: number, y: number, spread: number) => {
    const t = new Date(start + week * 7 * 86_400_000 + Math.floor(rand() * 6) * 86_400_000 + (20 + Math.floor(rand() * 3)) * 3_600_000);
    const stamp = t.toISOString().slice(0, 16).replace('T', ' ');
    const px = (x + (rand() - 0.5) * spread).toFixed(1),
      py = (y + (rand() - 0.5) * spread).toFixed(1);
    rows.push(
      `MOR-${++n},${stamp},${stamp},${stamp},Overlast van en door personen of groepen,Drank- / drugsoverlast,"Er wordt gedeald, groep intimideert.",${px},${py},Teststraat,,,Maastricht,BU09350003,m${Math.floor(rand() * 1e6)}@example.nl`,
    );
  };
  for (let w = 0; w < 52; w++) {
    const after = w > aanpakWeek;
    const times = (k: number, f: () => void) => Array.from({ length: k }, f);
    times(w === aanpakWeek ? 7 : after ? 4 : 10, () => add(w, 176000, 318000, 20));
    times(2 + (after ? (w % 2 === 0 ? 1 : 2) : 0), () => add(w, 176150, 318000, 20));
    times(6, () => add(w, 177500, 318000, 20));
    times(12, () => add(w, 173000 + rand() * 6000, 315000 + rand() * 6000, 0));
  }
  const file = join(tempDir(), 'meldingen.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('hotspots effect', () => {
  it('finds the planted fall of 60 %, the quarter displaced into the ring, and no change where none was planted', async () => {
    const file = plantedExport();
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    const now = new Date('2026-11-02T06:00:00+01:00');
    const s = await runCli(
      ['screen', file, '--out', join(dir, 'out'), '--db', db, '--json', '--now', now.toISOString(), '--from', '2025-11-03'],
      { now },
    );
    expect(s.code).toBe(0);
    const hotspots = JSON.parse(s.stdout).hotspots as Array<{ key: string; centroid: { x: number } }>;
    const keyNear = (x: number) => hotspots.find((h) => Math.abs(h.centroid.x - x) < 30)!.key;
    const [a, b] = [keyNear(176000), keyNear(177500)];
    for (const key of [a, b]) {
      const r = await runCli(
        ['assess', key, '--status', 'aanpak', '--since', '2026-05-04', '--team', 'Gebiedsteam Centrum', '--ref', 'ZAAK-1', '--db', db],
        { now },
      );
      expect(r.code).toBe(0);
    }
    const e = await runCli(['effect', '--db', db, '--json'], { now });
    expect(e.code).toBe(0);
    const byKey = new Map((JSON.parse(e.stdout).effects as EffectJson[]).map((x) => [x.key, x]));
    const ea = byKey.get(a)!;
    expect(ea.weeks).toEqual({ before: 26, after: 25 }); // the start's week left out
    expect(ea.ringM).toBe(250);
    expect([ea.treated.before, ea.treated.after]).toEqual([260, 100]);
    expect(ea.treated.rateRatio.lo).toBeLessThan(0.4);
    expect(ea.treated.rateRatio.hi).toBeGreaterThan(0.4);
    expect(ea.treated.rateRatio.hi).toBeLessThan(1);
    expect(ea.treated.p).toBeLessThan(0.001);
    expect(ea.ring.rateRatio.lo).toBeLessThan(1.75); // the planted 3.5 / 2
    expect(ea.ring.rateRatio.hi).toBeGreaterThan(1.75);
    expect(ea.ringRelativeToCity.lo).toBeGreaterThan(1); // displacement
    expect(ea.control.rateRatio.lo).toBeLessThan(1);
    expect(ea.control.rateRatio.hi).toBeGreaterThan(1);
    // WDQ: the share of the gain that moved, negative for displacement; a quarter was planted
    expect(ea.wdq).toBeGreaterThan(-0.35);
    expect(ea.wdq).toBeLessThan(-0.15);
    // WDD: the net change over both areas, planted 25 weeks x (-6 + 1.5) = -112.5
    expect(ea.wdd.lo).toBeLessThan(-112.5);
    expect(ea.wdd.hi).toBeGreaterThan(-112.5);
    expect(ea.sentence).toMatch(
      /^Sinds de aanpak \(4 mei 2026\) daalden de meldingen van 10,0 naar 4,0 per week \(factor 0,40; 95 %-interval 0,\d\d-0,\d\d\), terwijl de rest van de stad gelijk bleef; in de ring van 250 m aanwijzingen voor verplaatsing/,
    );
    const eb = byKey.get(b)!;
    expect(eb.treated.rateRatio.lo).toBeLessThan(1); // no planted change: the interval holds 1
    expect(eb.treated.rateRatio.hi).toBeGreaterThan(1);
    expect(eb.sentence).toMatch(/veranderden de meldingen niet duidelijk/);

    const en = await runCli(['effect', a, '--db', db, '--lang', 'en'], { now });
    expect(en.stdout).toContain('Since the action plan (4 May 2026) reports fell from 10.0 to 4.0 a week');
  });

  it('says when there are too few weeks, and refuses a key without an aanpak', async () => {
    const file = plantedExport();
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    const now = new Date('2026-11-02T06:00:00+01:00');
    const s = await runCli(['screen', file, '--out', join(dir, 'out'), '--db', db, '--json', '--now', now.toISOString()], { now });
    const key = JSON.parse(s.stdout).hotspots[0].key as string;
    await runCli(['assess', key, '--status', 'aanpak', '--since', '2026-10-20', '--db', db], { now });
    const e = await runCli(['effect', key, '--db', db], { now });
    expect(e.stdout).toMatch(/te weinig weken om het effect te schatten \(\d+ weken ervoor en 1 erna; minstens 4 van elk nodig\)/);
    await runCli(['assess', key, '--status', 'beoordeeld', '--db', db], { now });
    const other = JSON.parse(s.stdout).hotspots[1].key as string;
    await runCli(['assess', other, '--status', 'beoordeeld', '--db', db], { now });
    const refused = await runCli(['effect', other, '--db', db], { now });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/has no aanpak/);
  });

  it('trend --accuracy: every weekly list judged on the 4 weeks after it, against the naive baselines', async () => {
    const file = plantedExport();
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    const now = new Date('2026-11-02T06:00:00+01:00');
    for (const week of ['2026-W20', '2026-W22', '2026-W24', '2026-W26', '2026-W40']) {
      const r = await runCli(
        ['screen', file, '--period', week, '--out', join(dir, week), '--db', db, '--quiet', '--now', now.toISOString()],
        { now },
      );
      expect(r.code).toBe(0);
    }
    const r = await runCli(['trend', '--accuracy', '--db', db, '--json'], { now });
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.runs.map((x: { runId: number }) => x.runId)).toEqual([1, 2, 3, 4]);
    expect(a.pendingRuns).toEqual([5]); // its 4 weeks after are not in any run's evidence
    for (const x of a.runs) {
      expect(x.list.hitRate).toBeCloseTo(x.list.captured / x.list.reports, 4);
      expect(Math.abs(x.list.pai / (x.list.hitRate / x.list.areaShare) - 1)).toBeLessThan(1e-3);
      expect(x.lastPeriod.areaShare).toBe(x.list.areaShare); // baselines at the same coverage
      expect(x.list.pei).toBeLessThanOrEqual(1);
      expect(x.list.hitRateCi.lo).toBeLessThanOrEqual(x.list.hitRate);
      expect(x.list.hitRateCi.hi).toBeGreaterThanOrEqual(x.list.hitRate);
      // the planted places hold most of the ~30 reports a week: the list catches them
      expect(x.list.hitRate).toBeGreaterThan(0.15);
    }
    expect(a.runs[1].jaccard).toBe(1); // the same two places, week after week
    // The next screening's report shows the same judgement, with the hit rates per list.
    const last = await runCli(
      [
        'screen',
        file,
        '--period',
        '2026-W42',
        '--out',
        join(dir, 'html'),
        '--db',
        db,
        '--quiet',
        '--format',
        'html',
        '--now',
        now.toISOString(),
      ],
      { now },
    );
    expect(last.code).toBe(0);
    const html = readFileSync(join(dir, 'html', 'report.html'), 'utf8');
    expect(html).toMatch(/<h2 id="accuracy">Hoe goed is de lijst<\/h2><p>Over \d+ lijsten vielen/);
    expect(html).toContain('<svg class="hits"');
    // a weekly list's sparklines cover its 26-week lookback window, not its one week
    const spark = /<svg class="spark"[^>]*><polyline points="([^"]*)"\/><title>[^:]*: ([^<]*)<\/title>/.exec(html)!;
    expect(spark[2]!.split(', ').length).toBeGreaterThanOrEqual(7);
    const text = await runCli(['trend', '--accuracy', '--db', db], { now });
    expect(text.stdout).toMatch(/Over 4 lijsten vielen \d+ % \(95 %: \d+ %-\d+ %\) van de meldingen/);
  });
});
