import { describe, expect, it } from 'vitest';
import { Deduplicator, ingestFile, type IngestSink } from '../../src/ingest/ingest.js';

const KEY = new TextEncoder().encode('test-key-0123456789abcdef');

describe('ingestFile tells what collects its reports how many to expect', () => {
  it('before the rows of the demo export come: a quarter over the rows its first 64 KB suggest, once per file', async () => {
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
    const s = await ingestFile(
      'fixtures/demo/meldingen.csv',
      { nowMs: Date.parse('2026-11-23T05:00:00Z'), pseudonymKey: KEY, jobs: 0 },
      new Deduplicator(),
      sink,
    );
    expect(expected).toHaveLength(1);
    // its first 64 KB hold longer rows than the rest: the margin brings the estimate near the rows read
    expect(expected[0]).toBeGreaterThan(s.read * 0.9);
    expect(expected[0]).toBeLessThan(s.read * 1.4);
  });
});
