import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { openDb } from '../../src/history/db.js';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { DEMO, NOW, runCli, tempDir } from '../helpers.js';

let db: string;
/** The demo run's period, which every export file name carries. */
const PERIOD = '2024-11-25..2026-11-23';
beforeAll(async () => {
  db = join(tempDir(), 'h.sqlite');
  const r = await runCli(['screen', ...DEMO, '--now', NOW, '--out', tempDir(), '--db', db, '--quiet']);
  expect(r.code).toBe(0);
});

describe('export for the gebiedsteams', () => {
  it('writes one Excel-friendly CSV per wijk: BOM, semicolons, Dutch headers, dd-mm-jjjj; no dwellings by default', async () => {
    const out = tempDir();
    const r = await runCli(['export', '--db', db, '--out', out]);
    expect(r.stdout).toMatch(/run 1: \d+ file\(s\); 20 dwelling\(s\) left out \(use --include-dwellings\)/);
    const files = readdirSync(out).sort();
    expect(files).toContain(`WK093500-centrum_${PERIOD}.csv`);
    const bytes = readFileSync(join(out, `WK093500-centrum_${PERIOD}.csv`));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'rang;sleutel;soort;klasse;score;plaats;buurt;wijk;meldingen;melders;weken_actief;eerste_melding;laatste_melding;piekmoment;trend;verandering;redenen;tegengehouden_door;kanttekeningen;status;status_sinds;team;zaak;periode;run;gemaakt_op',
    );
    expect(lines[1]).toMatch(
      /^1;HS-\d{4};openbare ruimte;(hotspot|aandachtslocatie);\d+;.*;\d{2}-\d{2}-\d{4};\d{2}-\d{2}-\d{4};[a-z]+dag \d{2}:\d{2} tot /,
    );
    expect(lines[1]).toMatch(new RegExp(`;${PERIOD.replaceAll('.', '\\.')};1;23-11-2026$`));
    for (const f of files) expect(readFileSync(join(out, f), 'utf8')).not.toMatch(/;woning;/);
  });

  it('includes dwellings only when asked, and speaks English on request', async () => {
    const out = tempDir();
    await runCli(['export', '--db', db, '--out', out, '--include-dwellings', '--lang', 'en', '--by', 'buurt']);
    const all = visible(out)
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
    expect(all).toMatch(/;dwelling;/);
    expect(all).toContain(
      'rank;key;kind;class;score;place;buurt;wijk;reports;reporters;active_weeks;first_report;last_report;peak_hottime;trend;change;reasons;held_back_by;caveats;status;status_since;team;case_ref;period;run;created',
    );
    expect(visible(out).every((f) => /^BU\d{8}(-[a-z0-9-]+)?_2024-11-25\.\.2026-11-23\.csv$/.test(f))).toBe(true);
    expect(all).toMatch(/;Vrijthof, Binnenstad;.*;"[^"]*different reporters[^"]*";one-off peak: \d+ % in the 2 busiest weeks;/);
    expect(all).not.toMatch(/meldingen|melders|drukste|tot (ma|di|wo|do|vr|za|zo)/); // no Dutch in the English export (the rules' own labels aside)
  });

  it('says, for the carnaval watch item and the one-complainer address, why they are not hotspots', async () => {
    const out = tempDir();
    await runCli(['export', '--db', db, '--out', out, '--by', 'buurt', '--include-dwellings']);
    const rows = visible(out).flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n'));
    const vrijthof = rows.find((l) => l.includes(';Vrijthof, Binnenstad;'))!;
    expect(vrijthof).toMatch(/;aandachtslocatie;/);
    expect(vrijthof).toMatch(
      /;"\d+ meldingen; \d+ verschillende melders; in \d+ weken gemeld; gemeld bij 2 bronnen";eenmalige piek: \d+ % in de 2 drukste weken;/,
    );
    const oneComplainer = rows.find((l) => l.includes('Scharnerweg 88,'))!;
    expect(oneComplainer).toMatch(/;vooral één melder: 100 %;/);
  });

  it("writes a self-contained page per area for the team's meeting, printable on A4, that says why the carnaval item is no hotspot", async () => {
    const out = tempDir();
    const r = await runCli(['export', '--db', db, '--out', out, '--by', 'buurt', '--format', 'csv,html']);
    expect(r.code).toBe(0);
    const pages = visible(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBe(visible(out).filter((f) => f.endsWith('.csv')).length);
    const binnenstad = readFileSync(join(out, pages.find((f) => f.startsWith('BU09350000-binnenstad_'))!), 'utf8');
    expect(binnenstad).toContain('<html lang="nl">');
    expect(binnenstad).toMatch(/Periode 2024-11-25\.\.2026-11-23 · run 1 · gemaakt op 23-11-2026/);
    expect(binnenstad).toMatch(
      /Vrijthof, Binnenstad[\s\S]*aandachtslocatie[\s\S]*tegengehouden door:<\/b> eenmalige piek: \d+ % in de 2 drukste weken/,
    );
    expect(binnenstad).toContain('<svg class="heat"');
    expect(binnenstad).toContain('<svg class="spark"');
    expect(binnenstad).toContain('<svg class="map area-map"');
    expect(binnenstad).toContain('@page{size:A4 portrait');
    expect(binnenstad).not.toMatch(/<script|<link|https?:\/\//); // self-contained, offline
    const en = tempDir();
    await runCli(['export', '--db', db, '--out', en, '--by', 'buurt', '--format', 'html', '--lang', 'en']);
    expect(visible(en).every((f) => f.endsWith('.html'))).toBe(true);
    const page = readFileSync(join(en, visible(en).find((f) => f.startsWith('BU09350000-'))!), 'utf8');
    expect(page).toMatch(/held back by:<\/b> one-off peak: \d+ % in the 2 busiest weeks/);
    expect(page).not.toMatch(/aandachtslocatie|tegengehouden|meldingen per/);
  });

  it('names stadsdelen after the wijk without "Buitenwijk"', async () => {
    const out = tempDir();
    await runCli(['export', '--db', db, '--out', out, '--by', 'stadsdeel']);
    expect(readdirSync(out)).toContain(`WK093502-west_${PERIOD}.csv`);
  });

  it('says when there is nothing to export, and never creates a history on a typo', async () => {
    const typo = join(tempDir(), 'typo.sqlite');
    const r = await runCli(['export', '--db', typo, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no history file .*typo\.sqlite/);
    expect(existsSync(typo)).toBe(false);
    const empty = join(tempDir(), 'empty.sqlite');
    openDb(empty).close();
    const none = await runCli(['export', '--db', empty, '--out', tempDir()]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no runs in .*empty\.sqlite/);
  });

  it('says so when a run knows no areas and everything lands in buiten-gebieden', async () => {
    const r = await runCli(['export', '--db', db, '--out', tempDir(), '--by', 'area']);
    expect(r.stdout).toMatch(
      /buiten-gebieden_2024-11-25\.\.2026-11-23\.csv +\d+ row\(s\)\n[\s\S]*note: run 1 knows no areas[\s\S]*--areas FILE/,
    );
  });

  it('owns its files in a folder: a new export replaces its earlier files there, and touches nothing else', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'notities.txt'), 'van de analist');
    await runCli(['export', '--db', db, '--out', out, '--by', 'buurt']);
    const buurten = visible(out).filter((f) => f.startsWith('BU'));
    expect(buurten.length).toBeGreaterThan(3);
    await runCli(['export', '--db', db, '--out', out, '--by', 'wijk']);
    expect(visible(out).filter((f) => f.startsWith('BU'))).toEqual([]);
    expect(visible(out).some((f) => f.startsWith('WK'))).toBe(true);
    expect(readFileSync(join(out, 'notities.txt'), 'utf8')).toBe('van de analist');
  });
});

/** Files in a folder, without the tool's own dotfiles (its manifest). */
function visible(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
}

describe('library entry point', () => {
  it('exposes the pipeline without the CLI adapter', () => {
    for (const name of ['runIngest', 'runScreen', 'recordScreening', 'exportForTeams', 'loadRules', 'main', 'UserError']) {
      expect(typeof (library as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
