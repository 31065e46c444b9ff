import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Deduplicator, ingestFile, type IngestSink } from '../../src/ingest/ingest.js';
import { estimateRows, SAMPLE_BYTES } from '../../src/ingest/sniff.js';
import { tempDir } from '../helpers.js';

const KEY = new TextEncoder().encode('test-key-0123456789abcdef');

/** Ingests a file with a sink that notes what it is told to expect; the numbers expected and the rows read. */
async function expectedOf(file: string) {
  const expected: number[] = [];
  let accepted = 0;
  const sink: IngestSink = {
    accept: () => void accepted++,
    reject: () => undefined,
    expect: (rows) => {
      expect(accepted).toBe(0); // before any report
      expected.push(rows);
    },
  };
  const s = await ingestFile(file, { nowMs: Date.parse('2026-11-23T05:00:00Z'), pseudonymKey: KEY, jobs: 0 }, new Deduplicator(), sink);
  return { expected, read: s.read };
}

describe('ingestFile tells what collects its reports how many to expect', () => {
  it('from samples spread over a larger file, not only its first rows (here short ones)', async () => {
    const file = join(tempDir(), 'meldingen.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const text = i < 4000 ? '' : `"Groep jongeren hangt rond bij de ingang, ${'steeds luider '.repeat(3)}"`;
      return `MOR-${i},2025-03-01 21:${String(i % 60).padStart(2, '0')},Overlast personen,${text},176000.5,317000.5`;
    });
    writeFileSync(file, `id,datum_melding,hoofdcategorie,omschrijving,x,y\n${rows.join('\n')}\n`);
    const { expected, read } = await expectedOf(file);
    expect(read).toBe(20_000);
    expect(expected).toHaveLength(1);
    const text = readFileSync(file);
    expect(estimateRows([text.subarray(0, SAMPLE_BYTES)], text.length, { header: true, skipLines: 0 })).toBeGreaterThan(read * 1.7);
    // where the first 64 KB alone suggest nearly twice the rows: a quarter of margin over an estimate within some 15 %
    expect(expected[0]).toBeGreaterThan(read * 1.05);
    expect(expected[0]).toBeLessThan(read * 1.45);
  });

  it('once per file, for the demo export: a quarter over an estimate within 1 % (616 KB, eight samples)', async () => {
    const { expected, read } = await expectedOf('fixtures/demo/meldingen.csv');
    expect(expected).toHaveLength(1);
    expect(expected[0]).toBeGreaterThan(read * 1.24);
    expect(expected[0]).toBeLessThan(read * 1.27);
  });
});
