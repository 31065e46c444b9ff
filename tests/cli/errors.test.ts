import { describe, expect, it } from 'vitest';
import { defect, NOW, runCli } from '../helpers.js';

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
    expect(r.stderr).toMatch(/m\.yaml:2:15 fields\.reportedAt: column "datumm" is not in fixtures\/defects\/bad-dates\.csv Hint: did you mean "datum"\?/);
  });

  it('names a missing input file', async () => {
    const r = await runCli(['validate', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot open nope.csv: no such file\n  hint: check the path; quote names with spaces\n');
  });

  it('asks for a mapping when no date column is recognisable', async () => {
    const r = await runCli(['validate', defect('headerless-fixi.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no date column recognised.*\n  hint: write a mapping file/);
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
