import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileExclusive, openCsvWriter, writeFileAtomic } from '../../src/report/write.js';
import { tempDir } from '../helpers.js';

describe('report/write', () => {
  it('writes CSV atomically with every text cell neutralised', async () => {
    const dir = tempDir();
    const path = join(dir, 'x.csv');
    const w = openCsvWriter(path, ['a', 'b']);
    await w.write(['=1+2', -1.25]);
    await w.write(['line\nbreak', '@home']);
    expect(readdirSync(dir).filter((f) => f === 'x.csv')).toEqual([]); // not visible before commit
    await w.commit();
    expect(readFileSync(path, 'utf8')).toBe(`a,b\n'=1+2,-1.25\n"line\nbreak",'@home\n`);
    expect(readdirSync(dir)).toEqual(['x.csv']);
  });

  it('writes a cell repeated from the row above as it writes it the first time (repeated-cells)', async () => {
    const path = join(tempDir(), 'x.csv');
    const w = openCsvWriter(path, ['a', 'b', 'c'], { delimiter: ';', decimalComma: true });
    await w.writeAll([
      ['=PS-1', 'a;b', 1.5],
      ['=PS-1', 'a;b', 1.5],
      ['PS-2', 'a;b', null],
      ['PS-2', 'x', null],
      ['=PS-1', 'x', 2],
    ]);
    await w.commit();
    expect(readFileSync(path, 'utf8')).toBe(`a;b;c\n'=PS-1;"a;b";1,5\n'=PS-1;"a;b";1,5\nPS-2;"a;b";\nPS-2;x;\n'=PS-1;x;2\n`);
  });

  it('fails instead of hanging when the folder is missing (write-to-missing-folder)', async () => {
    const w = openCsvWriter(join(tempDir(), 'no', 'such', 'x.csv'), ['a']);
    await expect(async () => {
      for (let i = 0; i < 100_000; i++) await w.write(['x'.repeat(100)]);
      await w.commit();
    }).rejects.toThrow(/cannot write .*ENOENT/);
  });

  it('writes many rows at once as one by one, with chunks of its buffer between them (write-all-as-one-by-one)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`=r${i}`, i % 7 === 0 ? 'a,b' : `x${i}`, -i / 4]);
    const dir = tempDir();
    const one = openCsvWriter(join(dir, 'one.csv'), ['a', 'b', 'c']),
      all = openCsvWriter(join(dir, 'all.csv'), ['a', 'b', 'c']);
    for (const r of rows) await one.write(r);
    await all.writeAll(rows);
    await Promise.all([one.commit(), all.commit()]);
    expect(all.rows).toBe(20_000);
    expect(statSync(join(dir, 'all.csv')).size).toBeGreaterThan(1 << 18);
    expect(readFileSync(join(dir, 'all.csv'), 'utf8')).toBe(readFileSync(join(dir, 'one.csv'), 'utf8'));
  });

  it('fails writing many rows at once when the folder is missing, too', async () => {
    const w = openCsvWriter(join(tempDir(), 'no', 'such', 'x.csv'), ['a']);
    await expect(async () => {
      await w.writeAll(Array.from({ length: 100_000 }, () => ['x'.repeat(100)]));
      await w.commit();
    }).rejects.toThrow(/cannot write .*ENOENT/);
  });

  it('creates a file only once, with the given mode', () => {
    const path = join(tempDir(), 'key');
    expect(createFileExclusive(path, 'first', 0o600)).toBe(true);
    expect(createFileExclusive(path, 'second', 0o600)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes a long text in pieces without splitting a character at a piece boundary (long-text-emoji-at-boundary)', () => {
    const path = join(tempDir(), 'big.json');
    const text = `${'é'.repeat((1 << 20) - 1)}😀${'ë'.repeat(1 << 20)}😀x`; // a surrogate pair across the first boundary
    writeFileAtomic(path, text, 0o640);
    expect(readFileSync(path).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('writes text given in pieces (a JSON document from jsonPieces) as the pieces joined', () => {
    const path = join(tempDir(), 'pieces.json');
    const pieces = ['{\n', '  "a": ', `"${'é'.repeat(1 << 20)}"`, ',\n  "b": "😀"', '\n}', '\n'];
    writeFileAtomic(path, pieces);
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    writeFileAtomic(path, []);
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('replaces a whole file atomically', () => {
    const path = join(tempDir(), 'f.json');
    writeFileAtomic(path, 'a');
    writeFileAtomic(path, 'b');
    expect(readFileSync(path, 'utf8')).toBe('b');
  });
});

describe('output formats', () => {
  it('come from one registry that screen and export both read', async () => {
    const { formatsOf, parseFormatList } = await import('../../src/report/outputs.js');
    expect(formatsOf('screen')).toEqual(['table', 'csv', 'json', 'geojson', 'html', 'gpkg']);
    expect(formatsOf('export')).toEqual(['csv', 'html']);
    expect(parseFormatList('csv, html', 'export')).toEqual(['csv', 'html']);
    expect(() => parseFormatList('json', 'export')).toThrow(/unknown format "json"/);
    expect(() => parseFormatList('', 'screen')).toThrow(/no format given/);
  });
});
