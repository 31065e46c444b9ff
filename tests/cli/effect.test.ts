import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

/**
 * Planted truth for `effect`: a place with 5 reports a week that falls to 1 a week after an aanpak
 * on 2026-05-04, a ring 120 m away that rises from 1 to 3 a week (displacement), and a city
 * background of 12 a week that stays level. Seeded, so the counts are exact and repeatable.
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
    for (let k = 0; k < (w === aanpakWeek ? 3 : after ? 1 : 5); k++) add(w, 176000, 318000, 20);
    for (let k = 0; k < (after ? 3 : 1); k++) add(w, 176120, 318000, 20);
    for (let k = 0; k < 12; k++) add(w, 173000 + rand() * 6000, 315000 + rand() * 6000, 0);
  }
  const file = join(tempDir(), 'meldingen.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('hotspots effect', () => {
  it('finds the planted fall at the place, the level city, and the displacement into the ring', async () => {
    const file = plantedExport();
    const dir = tempDir();
    const db = join(dir, 'h.sqlite');
    const now = new Date('2026-11-02T06:00:00+01:00');
    const s = await runCli(
      ['screen', file, '--out', join(dir, 'out'), '--db', db, '--json', '--now', now.toISOString(), '--from', '2025-11-03'],
      { now },
    );
    expect(s.code).toBe(0);
    const screened = JSON.parse(s.stdout);
    const place = screened.hotspots.find((h: { centroid: { x: number } }) => Math.abs(h.centroid.x - 176000) < 30);
    expect(place).toBeDefined();
    const key = place.key as string;
    const a = await runCli(
      ['assess', key, '--status', 'aanpak', '--since', '2026-05-04', '--team', 'Gebiedsteam Centrum', '--ref', 'ZAAK-1', '--db', db],
      { now },
    );
    expect(a.code).toBe(0);
    const e = await runCli(['effect', key, '--db', db, '--json', '--ring', '150'], { now });
    expect(e.code).toBe(0);
    const r = JSON.parse(e.stdout).effects[0];
    expect(r.weeks).toBe(25); // 26 weeks before the start's week are in the data, 25 after
    expect(r.treated.before).toBe(125);
    expect(r.treated.after).toBe(25);
    expect(r.treated.rateRatio.hi).toBeLessThan(0.35);
    expect(r.control.rateRatio.lo).toBeLessThan(1);
    expect(r.control.rateRatio.hi).toBeGreaterThan(1);
    expect(r.ringRelativeToCity.lo).toBeGreaterThan(1); // displacement
    expect(r.wdd.wdd).toBeLessThan(0);
    expect(r.sentence).toMatch(
      /^Sinds de aanpak \(4 mei 2026\) daalden de meldingen van 5,0 naar 1,0 per week \(factor 0,20; 95 %-interval 0,13-0,31\), terwijl de rest van de stad gelijk bleef; in de ring van 150 m aanwijzingen voor verplaatsing/,
    );

    const en = await runCli(['effect', '--db', db, '--lang', 'en'], { now });
    expect(en.stdout).toContain('Since the action plan (4 May 2026) reports fell from 5.0 to 1.0 a week');

    // The weekly run raises no alert for an assessed place that is falling; list and trail show the decision.
    const list = await runCli(['assess', '--list', '--db', db, '--json'], { now });
    expect(JSON.parse(list.stdout).current[0]).toMatchObject({
      key,
      status: 'aanpak',
      since: '2026-05-04',
      team: 'Gebiedsteam Centrum',
      ref: 'ZAAK-1',
    });
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
    expect(e.stdout).toMatch(/te weinig weken om het effect te schatten \(1 van de minstens 4/);
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
      // the two planted places keep 2 and 1-3 of the ~16 reports a week: the list catches them
      expect(x.list.hitRate).toBeGreaterThan(0.15);
    }
    expect(a.runs[1].jaccard).toBe(1); // the same two places, week after week
    const text = await runCli(['trend', '--accuracy', '--db', db], { now });
    expect(text.stdout).toMatch(/Over 4 lijsten vielen \d+ % \(95 %: \d+ %-\d+ %\) van de meldingen/);
  });
});
