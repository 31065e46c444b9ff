import { describe, expect, it } from 'vitest';
import {
  estimateRows,
  headerCells,
  looksLikeHeader,
  SAMPLE_BYTES,
  sniffDelimiter,
  sniffDialect,
  sniffEncoding,
} from '../../src/ingest/sniff.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffEncoding', () => {
  it('recognises BOMs, UTF-8 and falls back to Windows-1252', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(sniffEncoding(bytes('Belvédère'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(sniffEncoding(new Uint8Array([0x42, 0x65, 0x6c, 0x76, 0xe9]))).toEqual({ encoding: 'windows-1252', bom: false });
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bom: true });
  });
  it('forgives a multi-byte character cut at the end of a full 64 KB sample only', () => {
    const b = bytes(`${'a'.repeat(SAMPLE_BYTES - 1)}é`);
    expect(sniffEncoding(b.subarray(0, SAMPLE_BYTES)).encoding).toBe('utf-8');
    expect(sniffEncoding(bytes('abc é').subarray(0, 5)).encoding).toBe('windows-1252');
  });
});

describe('sniffDelimiter', () => {
  it('prefers the delimiter that splits every line alike (decimal commas in a ; file)', () => {
    expect(sniffDelimiter(['a;b;c', '1,5;2,5;3', '4,1;5;6'])).toBe(';');
    expect(sniffDelimiter(['a,b,c', '1,2,3'])).toBe(',');
    expect(sniffDelimiter(['a\tb', '1\t2'])).toBe('\t');
    expect(sniffDelimiter(['"x,y";b;c', '1;2;3'])).toBe(';');
  });
});

describe('sniffDialect', () => {
  it('skips an Excel sep= line and takes its delimiter', () => {
    const d = sniffDialect(bytes('sep=;\nid;datum\n1;2025-01-01\n'));
    expect(d).toMatchObject({ delimiter: ';', skipLines: 1, header: true });
    expect(headerCells(bytes('sep=;\nid;datum\n1;2025-01-01\n'), d)).toEqual(['id', 'datum']);
  });
  it('detects a headerless file', () => {
    expect(looksLikeHeader(['F1', 'Overlast', '2025-03-01T22:15:00', '50.8489'])).toBe(false);
    expect(looksLikeHeader(['id', 'datum', 'x', 'y'])).toBe(true);
  });
  it('honours overrides', () => {
    expect(sniffDialect(bytes('a,b\n1,2\n'), { delimiter: ';', encoding: 'windows-1252' })).toMatchObject({
      delimiter: ';',
      encoding: 'windows-1252',
    });
  });
  it('reads quoted header cells', () => {
    const sample = bytes('"id";"X-co""ord";"y"\n');
    expect(headerCells(sample, sniffDialect(sample))).toEqual(['id', 'X-co"ord', 'y']);
  });
});

describe('estimateRows (to size tables before reading)', () => {
  const csv = (rows: number, eol = '\n', row = (i: number) => `MOR-${i},2025-01-01`) =>
    `id,datum${eol}${Array.from({ length: rows }, (_, i) => row(i)).join(eol)}`;
  const header = { header: true, skipLines: 0 };
  it('counts the rows of a file its first sample holds whole, with or without a last line end, in LF, CRLF or CR files', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = bytes(csv(40, eol));
      expect(estimateRows([text], text.length, header)).toBe(40);
      const ended = bytes(`${csv(40, eol)}${eol}`);
      expect(estimateRows([ended], ended.length, header)).toBe(40);
    }
    expect(estimateRows([bytes('a;b\n1;2\n')], 8, { header: false, skipLines: 0 })).toBe(2);
    expect(estimateRows([bytes('sep=;\na;b\n1;2\n')], 14, { header: true, skipLines: 1 })).toBe(1);
    expect(estimateRows([new Uint8Array(0)], 0, header)).toBe(0);
  });

  it('scales the line ends of its samples to the size of a larger file', () => {
    // the first rows short, the later ones long (as when free text fills up over a period)
    const text = bytes(csv(40_000, '\n', (i) => `MOR-${i},2025-01-01,${i < 10_000 ? '' : 'x'.repeat(40)}`));
    const at = (from: number) => text.subarray(from, from + SAMPLE_BYTES);
    const firstOnly = estimateRows([at(0)], text.length, header);
    // as readLaterSamples takes them: the first 64 KB, and 7 more spread evenly up to the end
    const samples = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => at(Math.floor(((text.length - SAMPLE_BYTES) * k) / 7)));
    const sampled = estimateRows(samples, text.length, header);
    expect(firstOnly).toBeGreaterThan(40_000 * 2); // the first 64 KB alone mislead
    expect(sampled).toBeGreaterThan(40_000 * 0.85);
    expect(sampled).toBeLessThan(40_000 * 1.15);
  });
});
