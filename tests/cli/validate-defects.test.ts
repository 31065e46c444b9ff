import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defect, NOW, runCli, tempDir } from '../helpers.js';

/** Real police.uk rows (Open Government Licence v3.0), copied into fixtures/uk-police. */
const POLICE_UK = 'fixtures/uk-police/city-of-london-asb-2017h1-2020.csv';

type Counts = { read: number; accepted: number; rejected: number; duplicates: number };

async function validateJson(args: string[]) {
  const r = await runCli(['validate', '--json', '--now', NOW, ...args]);
  expect(r.stderr).toBe('');
  return { ...r, json: JSON.parse(r.stdout) };
}

const codesOf = (file: { rejectReasons: Array<{ code: string; count: number; firstLines: number[] }> }) =>
  Object.fromEntries(file.rejectReasons.map((r) => [r.code, { count: r.count, lines: r.firstLines }]));

describe('validate: each defect fixture', () => {
  it.each<[string, Counts, Record<string, { count: number; lines: number[] }>]>([
    [
      'bad-dates.csv',
      { read: 9, accepted: 4, rejected: 5, duplicates: 0 },
      {
        'bad-date': { count: 3, lines: [3, 4, 5] },
        'missing-date': { count: 1, lines: [6] },
        'implausible-date': { count: 1, lines: [7] },
      },
    ],
    ['future-dates.csv', { read: 3, accepted: 2, rejected: 1, duplicates: 0 }, { 'future-date': { count: 1, lines: [3] } }],
    ['cp1252-semicolon.csv', { read: 3, accepted: 3, rejected: 0, duplicates: 0 }, {}],
    ['bom.csv', { read: 2, accepted: 2, rejected: 0, duplicates: 0 }, {}],
    [
      'swapped-latlng.csv',
      { read: 6, accepted: 1, rejected: 5, duplicates: 0 },
      {
        'swapped-coordinates': { count: 1, lines: [3] },
        'zero-coordinates': { count: 1, lines: [4] },
        'outside-area': { count: 1, lines: [5] },
        'bad-coordinate': { count: 2, lines: [6, 7] },
      },
    ],
    [
      'rd-swapped-xy.csv',
      { read: 3, accepted: 1, rejected: 2, duplicates: 0 },
      {
        'swapped-coordinates': { count: 1, lines: [3] },
        'no-location': { count: 1, lines: [4] },
      },
    ],
    ['signalen-export.csv', { read: 5, accepted: 3, rejected: 2, duplicates: 0 }, { excluded: { count: 2, lines: [4, 5] } }],
    ['duplicates.csv', { read: 3, accepted: 2, rejected: 0, duplicates: 1 }, { duplicate: { count: 1, lines: [3] } }],
    ['no-ids-duplicates.csv', { read: 5, accepted: 4, rejected: 0, duplicates: 1 }, { duplicate: { count: 1, lines: [3] } }],
    ['ragged-rows.csv', { read: 4, accepted: 2, rejected: 2, duplicates: 0 }, { 'column-count': { count: 2, lines: [3, 4] } }],
    ['multiline-text.csv', { read: 3, accepted: 2, rejected: 1, duplicates: 0 }, { 'bad-date': { count: 1, lines: [5] } }],
    ['unclosed-quote.csv', { read: 2, accepted: 1, rejected: 1, duplicates: 0 }, { 'csv-syntax': { count: 1, lines: [3] } }],
    ['sep-line.csv', { read: 1, accepted: 1, rejected: 0, duplicates: 0 }, {}],
    ['tab-delimited.tsv', { read: 2, accepted: 2, rejected: 0, duplicates: 0 }, {}],
    ['crlf-line-endings.csv', { read: 2, accepted: 1, rejected: 1, duplicates: 0 }, { 'bad-date': { count: 1, lines: [3] } }],
    ['address-only.csv', { read: 3, accepted: 3, rejected: 0, duplicates: 0 }, {}],
  ])('%s', async (name, counts, reasons) => {
    const { json, code } = await validateJson([defect(name), '--max-reject-rate', '100%']);
    expect(code).toBe(0);
    const file = json.files[0];
    expect({ read: file.read, accepted: file.accepted, rejected: file.rejected, duplicates: file.duplicates }).toEqual(counts);
    expect(file.read).toBe(file.accepted + file.rejected + file.duplicates);
    expect(codesOf(file)).toEqual(reasons);
  });

  it('reports the sniffed dialect', async () => {
    const { json } = await validateJson([
      defect('cp1252-semicolon.csv'),
      defect('bom.csv'),
      defect('sep-line.csv'),
      defect('tab-delimited.tsv'),
    ]);
    expect(json.files.map((f: { dialect: unknown }) => f.dialect)).toEqual([
      { format: 'csv', encoding: 'windows-1252', bom: false, delimiter: ';', header: true, columns: 10 },
      { format: 'csv', encoding: 'utf-8', bom: true, delimiter: ',', header: true, columns: 5 },
      { format: 'csv', encoding: 'utf-8', bom: false, delimiter: ';', header: true, columns: 5 },
      { format: 'csv', encoding: 'utf-8', bom: false, delimiter: '\t', header: true, columns: 5 },
    ]);
  });

  it('warns but keeps rows with a bad postcode, house number or buurt code', async () => {
    const { json } = await validateJson([defect('address-only.csv')]);
    expect(json.files[0].warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'bad-buurt-code',
      'bad-house-number',
      'bad-postcode',
    ]);
  });

  it('reads a headerless export through a mapping with column numbers', async () => {
    const { json } = await validateJson([defect('headerless-fixi.csv'), '--map', defect('headerless-fixi.mapping.yaml')]);
    expect(json.files[0]).toMatchObject({ profile: 'fixi', read: 2, accepted: 2, dialect: { header: false, columns: 11 } });
  });

  it('writes every rejected and duplicate row to the rejects file, without whole rows', async () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.csv');
    await runCli(['validate', '--now', NOW, defect('swapped-latlng.csv'), defect('duplicates.csv'), '--rejects', rejects]);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('kind,file,line,column,code,reason,value');
    expect(lines).toHaveLength(1 + 5 + 1);
    // The file's order is decided from its rows (lat first); the one row the other way round is named.
    expect(lines).toContain(
      'rejected,fixtures/defects/swapped-latlng.csv,3,lat,swapped-coordinates,latitude and longitude are in the other order than in the rest of this file; check this row in the source,5.6889 50.8489',
    );
    expect(lines.at(-1)).toMatch(
      /^duplicate,fixtures\/defects\/duplicates.csv,3,,duplicate,.*,first at fixtures\/defects\/duplicates.csv:2$/,
    );
  });
});

describe('validate: profiles', () => {
  it('reads Signalen with swapped lat/lng, literal nulls and pseudonymised reporters', async () => {
    const { json } = await validateJson([defect('signalen-export.csv')]);
    const f = json.files[0];
    expect(f.profile).toBe('signalen');
    expect(f.precision).toEqual({ second: 3 });
    expect(f.rejectReasons[0].reason).toMatch(/cancelled.*split/);
  });

  it('validates real police.uk ASB rows: 96 rows without location, counts add up, read in Europe/London', async () => {
    const { json, code } = await validateJson([POLICE_UK]);
    expect(code).toBe(1); // 6.4 % rejected (no location), over the default 5 %
    expect(json.totals).toMatchObject({ read: 1508, accepted: 1412, rejected: 96, duplicates: 0 });
    expect(json.files[0]).toMatchObject({ profile: 'police-uk', precision: { month: 1412 }, timeZone: 'Europe/London' });
    expect(json.files[0].rejectReasons).toEqual([expect.objectContaining({ code: 'no-location', count: 96 })]);
    expect(json.dateRange).toEqual({ first: '2017-01-01T01:00:00+01:00', last: '2020-12-01T01:00:00+01:00' });
  });

  it('keeps police.uk rows that share a month and snap point: month precision is no proof of a duplicate', async () => {
    const { json } = await validateJson([POLICE_UK]);
    expect(json.totals.duplicates).toBe(0);
  });
});

describe('validate: thresholds and exit codes', () => {
  it('exits 1 over --max-reject-rate, after printing the summary', async () => {
    const r = await runCli(['validate', '--now', NOW, defect('swapped-latlng.csv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/reject rate 83\.3% is over the maximum 5\.0%/);
  });
  it('accepts the rate as a share or a percentage', async () => {
    expect((await runCli(['validate', '--now', NOW, defect('swapped-latlng.csv'), '--max-reject-rate', '0.9'])).code).toBe(0);
    const bad = await runCli(['validate', '--now', NOW, defect('swapped-latlng.csv'), '--max-reject-rate', '150%']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-reject-rate: "150%" is not a share between 0 and 1/);
  });
});

describe('validate: encoding surprises past the sniffed sample', () => {
  it('keeps a row with a Windows-1252 byte after 64 KB of UTF-8 and warns with its line', async () => {
    const { writeFileSync } = await import('node:fs');
    const rows = ['id,datum,categorie,straat,x,y'];
    for (let i = 1; i <= 1500; i++) rows.push(`${i},2025-03-01 22:15,Drugsoverlast,Vrijthof,${176000 + i},317718`);
    const head = Buffer.from(`${rows.join('\n')}\n`, 'utf8');
    const tail = Buffer.concat([
      Buffer.from('1501,2025-03-01 22:15,Drugsoverlast,Belv'),
      Buffer.from([0xe9]),
      Buffer.from('d\xe8re,176000,317718\n', 'latin1'),
    ]);
    const file = join(tempDir(), 'mixed-encoding.csv');
    writeFileSync(file, Buffer.concat([head, tail]));
    expect(head.length).toBeGreaterThan(64 * 1024);
    const { json } = await validateJson([file]);
    expect(json.files[0]).toMatchObject({ read: 1501, accepted: 1501, dialect: { encoding: 'utf-8' } });
    expect(json.files[0].warnings).toEqual([expect.objectContaining({ code: 'encoding', count: 1, firstLines: [1502] })]);
  });
});
