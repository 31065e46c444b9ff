import { describe, expect, it } from 'vitest';
import { Deduplicator, SeenKeys } from '../../src/ingest/dedup.js';
import { BatchBuilder, keyHash, packedAt, PackedRefs, packStrings } from '../../src/model/batch.js';

describe('SeenKeys (the deduplicator’s table)', () => {
  it('finds a slot from the low bits of a key hash as the remainder by 2^32 did', () => {
    for (let i = 0; i < 20_000; i++) {
      const h = keyHash(`MOR-${i * 7919}:${i}`);
      for (const mask of [(1 << 12) - 1, (1 << 22) - 1, (1 << 30) - 1]) expect(h & mask).toBe((h % 4294967296) & mask);
    }
    expect((2 ** 52 + 2 ** 31 + 5) & 1023).toBe(((2 ** 52 + 2 ** 31 + 5) % 4294967296) & 1023);
  });

  it('finds a key again with where it was first seen, and keeps keys that share a hash apart', () => {
    const seen = new SeenKeys();
    const first = packStrings(['MOR-1', 'MOR-2']),
      again = packStrings(['MOR-2', 'MOR-1']);
    expect(seen.firstOrAdd(42, first, 0, 7)).toBeUndefined();
    expect(seen.firstOrAdd(42, first, 1, 9)).toBeUndefined(); // a forced collision: another key
    expect(seen.firstOrAdd(42, again, 1, 11)).toBe(7);
    expect(seen.firstOrAdd(42, again, 0, 12)).toBe(9);
  });

  it('holds 200,000 keys through its growth, each found once', () => {
    const seen = new SeenKeys();
    const keys = Array.from({ length: 200_000 }, (_, i) => `SIG-${i}`);
    // In batches of 300, as they come from the workers.
    const batchOf = (i: number) => packStrings(keys.slice(i - (i % 300), i - (i % 300) + 300));
    const batches = Array.from({ length: Math.ceil(keys.length / 300) }, (_, b) => batchOf(b * 300));
    keys.forEach((k, i) => expect(seen.firstOrAdd(keyHash(k), batches[Math.floor(i / 300)]!, i % 300, i)).toBeUndefined());
    let found = 0;
    const all = packStrings(keys);
    keys.forEach((k, i) => {
      if (seen.firstOrAdd(keyHash(k), all, i, -1) === i) found++;
    });
    expect(found).toBe(keys.length);
  });

  it('finds the same first copies whether its table was sized in advance, too small or too large', () => {
    const keys = Array.from({ length: 30_000 }, (_, i) => `MOR-${i % 20_000}`); // the last 10,000 repeat
    const batches = Array.from({ length: 100 }, (_, b) => packStrings(keys.slice(b * 300, b * 300 + 300)));
    const run = (reserve: (seen: SeenKeys, k: number) => void) => {
      const seen = new SeenKeys();
      return keys.map((k, i) => {
        if (i % 10_000 === 0) reserve(seen, i);
        return seen.firstOrAdd(keyHash(k), batches[Math.floor(i / 300)]!, i % 300, i) ?? -1;
      });
    };
    const grown = run(() => {});
    expect(grown.filter((w) => w >= 0).length).toBe(10_000);
    expect(grown[25_000]).toBe(5000);
    expect(run((seen, i) => i === 0 && seen.reserve(30_000))).toEqual(grown);
    expect(run((seen) => seen.reserve(2000))).toEqual(grown); // too small, and again with keys held (a rehash)
    expect(run((seen, i) => i === 0 && seen.reserve(1_000_000))).toEqual(grown);
  });

  it('sizes a source’s table for its first file only: a later file of the source may repeat it', () => {
    const dedup = new Deduplicator();
    expect(dedup.capacity('signalen', true)).toBe(0);
    dedup.expect('signalen', 100_000);
    const before = dedup.capacity('signalen', true);
    expect(before).toBeGreaterThanOrEqual(100_000);
    const b = new BatchBuilder('meldingen.csv', 'signalen');
    b.accept(
      2,
      {
        id: 'MOR-1',
        hasSourceId: true,
        source: 'signalen',
        reportedAt: 0,
        precision: 'minute',
        category: '',
        theme: 'overig',
        line: 2,
        file: 'meldingen.csv',
      },
      [],
      undefined,
    );
    expect(dedup.check(b.finish(), 0, 2)).toBeUndefined();
    dedup.expect('signalen', 1_000_000); // the same export again, or one overlapping it
    expect(dedup.capacity('signalen', true)).toBe(before);
    expect(dedup.capacity('signalen', false)).toBe(0);
    dedup.expect('politie', 300_000); // another source's first file
    expect(dedup.capacity('politie', true)).toBeGreaterThanOrEqual(300_000);
  });

  it('keyHash: equal strings equal, never 0, 52 bits, few collisions on near-identical ids', () => {
    expect(keyHash('PL2300-0000001')).toBe(keyHash(`PL2300-${'0000001'}`));
    expect(keyHash('')).not.toBe(0);
    const hashes = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const h = keyHash(`PL2300-${String(i).padStart(7, '0')}`);
      expect(Number.isSafeInteger(h) && h > 0 && h < 2 ** 52).toBe(true);
      hashes.add(h);
    }
    expect(hashes.size).toBe(100_000);
  });

  it('packed strings: one text and end offsets per batch, read back alike, also empty and non-BMP strings', () => {
    const list = ['MOR-1', '', 'PL2300-0000001', 'straat 😀', 'é'];
    const p = packStrings(list);
    expect(p.text).toBe(list.join(''));
    expect(list.map((_, j) => packedAt(p, j))).toEqual(list);
    const refs = new PackedRefs();
    const other = packStrings(['x', 'MOR-1']);
    expect([refs.add(p, 2), refs.add(p, 0), refs.add(other, 0), refs.add(p, 3)]).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((k) => refs.get(k))).toEqual(['PL2300-0000001', 'MOR-1', 'x', 'straat 😀']);
    expect(refs.equals(1, other, 1)).toBe(true); // the same string from another batch
    expect(refs.equals(1, p, 2)).toBe(false);
    expect(refs.equals(0, packStrings(['PL2300-0000002']), 0)).toBe(false); // same length, last unit differs
  });

  it('packed refs grow past their first 1,024 entries and keep every one', () => {
    const refs = new PackedRefs();
    const ids = Array.from({ length: 5000 }, (_, i) => `id-${i}`);
    const p = packStrings(ids);
    ids.forEach((_, j) => refs.add(p, j));
    expect(refs.size).toBe(5000);
    expect(Array.from({ length: 5000 }, (_, k) => refs.get(k))).toEqual(ids);
  });
});
