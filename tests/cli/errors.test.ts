import { describe, expect, it } from 'vitest';
import { openError } from '../../src/ingest/read-csv.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defect, NOW, runCli, tempDir } from '../helpers.js';

describe('user errors: what, where, how to fix; exit 2; no stack', () => {
  it('points at every problem in a mapping file with file:line:column', async () => {
    const r = await runCli(['validate', '--now', NOW, defect('bad-dates.csv'), '--map', defect('bad-mapping.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: ');
    expect(r.stderr).toMatch(/bad-mapping\.yaml:2:15 decimalComma: .*boolean/);
    expect(r.stderr).toMatch(/bad-mapping\.yaml:6:10 fields\.point\.y: /);
    expect(r.stderr).toMatch(/bad-mapping\.yaml:7:12 fields\.buurtje: unknown key "buurtje"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs semantic checks after the schema: date format letters and time zone', async () => {
    const fixed = `name: ok\ntimezone: Europe/Maastricht\nfields:\n  reportedAt: { column: datum, format: "dd-MM-yyyy uu:mm" }\n  category: categorie\n`;
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers.js');
    const file = join(tempDir(), 'm.yaml');
    writeFileSync(file, fixed);
    const r = await runCli(['validate', '--now', NOW, defect('bad-dates.csv'), '--map', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m\.yaml:2:11 timezone: unknown time zone "Europe\/Maastricht"/);
    expect(r.stderr).toMatch(/m\.yaml:4:40 fields\.reportedAt\.format: unknown letter "u"/);
  });

  it('reports YAML syntax errors with their position', async () => {
    const r = await runCli(['validate', defect('bad-dates.csv'), '--map', defect('broken-yaml.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-yaml\.yaml is not valid YAML\/JSON/);
    expect(r.stderr).toMatch(/broken-yaml\.yaml:\d+:\d+/);
  });

  it('says which mapping column is missing and suggests the nearest header', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers.js');
    const file = join(tempDir(), 'm.yaml');
    writeFileSync(file, 'fields:\n  reportedAt: datumm\n  category: categorie\n');
    const r = await runCli(['validate', defect('bad-dates.csv'), '--map', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /m\.yaml:2:15 fields\.reportedAt: column "datumm" is not in fixtures\/defects\/bad-dates\.csv Hint: did you mean "datum"\?/,
    );
  });

  it('names a missing input file', async () => {
    const r = await runCli(['validate', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot open nope.csv: no such file\n  hint: check the path and the spelling (quote names with spaces)\n');
  });

  it('asks for a mapping when no date column is recognisable', async () => {
    const r = await runCli(['validate', defect('headerless-fixi.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no date column recognised.*\n {2}hint: write a mapping file/);
  });

  it('treats usage errors as exit 2 and help as exit 0', async () => {
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const help = await runCli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-reject-rate');
  });

  it('refuses a short pseudonym key', async () => {
    const r = await runCli(['validate', defect('bom.csv')], { env: { HOTSPOTS_PSEUDONYM_KEY: 'short' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HOTSPOTS_PSEUDONYM_KEY is too short/);
  });
});

describe('nothing hostile reaches the terminal; every kind of unusable input has its own message', () => {
  const write = (name: string, content: string | Uint8Array) => {
    const f = join(tempDir(), name);
    writeFileSync(f, content);
    return f;
  };

  it('a program given as a CSV: "is a program", no binary on stderr', async () => {
    const r = await runCli(['validate', '/bin/ls', '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/bin\/ls is a program \(executable\), not an export the tool reads/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr.length).toBeLessThan(600);
  });

  it('a terminal escape in a header or a category is shown as text, never sent raw', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J';
    const header = write('evil-header.csv', `${evil}kolom,ander\n1,2\n`);
    const r = await runCli(['validate', header, '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const rows = write('evil-rows.csv', `datum,categorie,x,y\n2026-06-01 22:00,${evil}Drugs,176248,317718\n`);
    const v = await runCli(['validate', rows, '--now', NOW]);
    expect(v.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('clips a quoted header cell to 120 characters', async () => {
    const r = await runCli(['validate', write('long.csv', `${'k'.repeat(5000)},b\n1,2\n`), '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(800);
  });

  it('a folder, an unreadable file, an empty file and a header-only file each get their own message', async () => {
    const dir = tempDir();
    const folder = await runCli(['validate', dir, '--now', NOW]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder, not a file[\s\S]*hint: pass the export files inside it/);
    expect(folder.stderr).not.toMatch(/internal error|EISDIR/);
    const empty = await runCli(['validate', write('leeg.csv', ''), '--now', NOW]);
    expect(empty.stderr).toMatch(/leeg\.csv is empty/);
    const headerOnly = await runCli(['validate', write('kop.csv', 'datum,categorie,x,y\n'), '--now', NOW, '--json']);
    expect(headerOnly.code).toBe(0);
    expect(JSON.parse(headerOnly.stdout).files[0].notes.join(' ')).toMatch(/a header but no rows/);
    const screened = JSON.parse(
      (await runCli(['screen', write('kop2.csv', 'datum,categorie,x,y\n'), '--now', NOW, '--out', tempDir(), '--json', '--no-history']))
        .stdout,
    );
    expect(screened.warnings.map((w: { code: string }) => w.code)).toContain('empty-input');
  });

  it('an unreadable input points to permissions, not to quoting', () => {
    const e = openError('geheim.csv', Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    expect(e.message).toBe('cannot read geheim.csv: no permission');
    expect(e.hint).toMatch(/permissions/);
    expect(e.hint).not.toMatch(/quote/);
  });

  it('hints name only options the command takes', async () => {
    const h = await runCli(['hottimes', 'fixtures/demo/meldingen.csv', '--period', 'gisteren', '--now', NOW]);
    expect(h.code).toBe(2);
    expect(h.stderr).not.toMatch(/--from/);
    const s = await runCli(['screen', 'fixtures/demo/meldingen.csv', '--period', 'gisteren', '--now', NOW]);
    expect(s.stderr).toMatch(/--from\/--to/);
  });

  it('a bad key file says how to restore it, and why not to delete it', async () => {
    const keyFile = join(tempDir(), 'pseudonym.key');
    writeFileSync(keyFile, 'kort\n');
    const r = await runCli(['validate', 'fixtures/defects/bom.csv', '--now', NOW, '--key-file', keyFile], {
      env: { HOTSPOTS_PSEUDONYM_KEY: undefined },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/restore the key file from your backup[\s\S]*new pseudonym/);
  });
});
