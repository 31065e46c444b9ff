import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { NOW, runCli, tempDir } from '../helpers.js';

/** Excel input: the demo export as an .xlsx workbook reads and screens exactly like the CSV. */

const DATE_COLUMNS = new Set(['datum_melding', 'begin_overlast', 'einde_overlast']);
const NUMBER_COLUMNS = new Set(['x', 'y']);

/** Writes a CSV as the first sheet of a workbook: date columns as date cells, x/y as numbers, the rest as text. */
async function csvToXlsx(csv: string, xlsx: string, sheets: string[] = ['Meldingen']): Promise<void> {
  const rows = parse(readFileSync(csv), { relax_column_count: true }) as string[][];
  const header = rows[0]!;
  const wb = new ExcelJS.Workbook();
  for (const name of sheets.slice(1)) wb.addWorksheet(name).addRow(['iets anders']);
  const ws = wb.addWorksheet(sheets[0]!);
  if (sheets.length > 1) wb.worksheets.reverse(); // the report sheet is not the first one
  for (const row of rows) {
    ws.addRow(
      row.map((cell, i) => {
        const col = header[i]!;
        if (row === header || cell === '') return cell === '' ? null : cell;
        const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(cell);
        if (DATE_COLUMNS.has(col) && m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
        if (NUMBER_COLUMNS.has(col) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
        return cell;
      }),
    );
  }
  await wb.xlsx.writeFile(xlsx);
}

describe('an .xlsx copy of the demo export', () => {
  let xlsx: string;
  beforeAll(async () => {
    xlsx = join(tempDir(), 'meldingen.xlsx');
    await csvToXlsx('fixtures/demo/meldingen.csv', xlsx);
  });

  it('gives the same counts, reject lines (as row numbers) and codes as the CSV', async () => {
    const dir = tempDir();
    const csv = JSON.parse(
      (await runCli(['validate', 'fixtures/demo/meldingen.csv', '--now', NOW, '--json', '--rejects', join(dir, 'a.csv')])).stdout,
    ).files[0];
    const xl = JSON.parse((await runCli(['validate', xlsx, '--now', NOW, '--json', '--rejects', join(dir, 'b.csv')])).stdout).files[0];
    for (const k of ['read', 'accepted', 'rejected', 'duplicates', 'rejectReasons', 'themes', 'firstReportedAt', 'lastReportedAt'])
      expect(xl[k], k).toEqual(csv[k]);
    expect(xl.dialect).toMatchObject({ format: 'xlsx', sheet: 'Meldingen' });
    const strip = (f: string, input: string) =>
      readFileSync(join(dir, f), 'utf8')
        .replaceAll(input, 'INPUT')
        .split('\n')
        .map((l) => l.split(',').slice(2).join(','));
    expect(strip('b.csv', xlsx)).toEqual(strip('a.csv', 'fixtures/demo/meldingen.csv'));
  });

  it('gives the same screening.json as the CSV, apart from the input path and sha256', async () => {
    const a = JSON.parse(
      (await runCli(['screen', 'fixtures/demo/meldingen.csv', '--now', NOW, '--out', tempDir(), '--json', '--no-history'])).stdout,
    );
    const b = JSON.parse((await runCli(['screen', xlsx, '--now', NOW, '--out', tempDir(), '--json', '--no-history'])).stdout);
    for (const s of [a, b])
      for (const i of s.run.inputs) {
        delete i.path;
        delete i.sha256;
      }
    expect(b).toEqual(a);
  });

  it('reads the sheet named with --sheet, and says which sheets there are when the name is wrong', async () => {
    const two = join(tempDir(), 'twee.xlsx');
    await csvToXlsx('fixtures/defects/duplicates.csv', two, ['Meldingen', 'Toelichting']);
    const first = await runCli(['validate', two, '--now', NOW, '--json']);
    expect(first.code).toBe(2);
    const named = JSON.parse((await runCli(['validate', two, '--sheet', 'meldingen', '--now', NOW, '--json'])).stdout);
    expect(named.files[0]).toMatchObject({ read: 3, dialect: { sheet: 'Meldingen' } });
    const wrong = await runCli(['validate', two, '--sheet', 'Blad9', '--now', NOW]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/has no sheet "Blad9"[\s\S]*sheets are: Toelichting, Meldingen/);
  });

  it('reads Excel serial dates in a text column, and text dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['id', 'datum', 'categorie', 'x', 'y']);
    ws.addRow(['A1', 46173.9375, 'Drugsoverlast', 176248, 317718]); // 2026-05-31 22:30
    ws.addRow(['A2', '31-05-2026 22:45', 'Drugsoverlast', 176250, 317720]);
    const file = join(tempDir(), 'serials.xlsx');
    await wb.xlsx.writeFile(file);
    const j = JSON.parse((await runCli(['validate', file, '--now', NOW, '--json'])).stdout);
    expect(j.files[0]).toMatchObject({
      accepted: 2,
      firstReportedAt: '2026-05-31T22:30:00+02:00',
      lastReportedAt: '2026-05-31T22:45:00+02:00',
    });
  });
});

describe('files the tool does not read', () => {
  const write = (name: string, bytes: Uint8Array | string) => {
    const f = join(tempDir(), name);
    writeFileSync(f, bytes);
    return f;
  };
  it.each([
    [
      'oud.xls',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      /is an old Excel workbook \(\.xls\).*save it as CSV or \.xlsx/,
    ],
    [
      'blad.ods',
      `PK\u0003\u0004${'\u0000'.repeat(26)}mimetypeapplication/vnd.oasis.opendocument.spreadsheet`,
      /is an OpenDocument spreadsheet \(\.ods\)/,
    ],
    ['rapport.pdf', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj', /is a PDF document/],
    ['kaart.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /is a PNG image/],
    ['export.zip', `PK\u0003\u0004${'\u0000'.repeat(26)}meldingen.csv`, /is a ZIP archive.*[\s\S]*unpack it/],
  ])('%s: a clear error, exit 2', async (name, bytes, message) => {
    const r = await runCli(['validate', write(name, bytes), '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
