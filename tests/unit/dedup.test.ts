import { describe, expect, it } from 'vitest';
import { SeenKeys } from '../../src/ingest/dedup.js';
import { keyHash } from '../../src/model/batch.js';

describe('SeenKeys (the deduplicator’s table)', () => {
  it('finds a key again with where it was first seen, and keeps keys that share a hash apart', () => {
    const seen = new SeenKeys();
    expect(seen.firstOrAdd(42, 'MOR-1', 7)).toBeUndefined();
    expect(seen.firstOrAdd(42, 'MOR-2', 9)).toBeUndefined(); // a forced collision: another key
    expect(seen.firstOrAdd(42, 'MOR-1', 11)).toBe(7);
    expect(seen.firstOrAdd(42, 'MOR-2', 12)).toBe(9);
  });

  it('holds 200,000 keys through its growth, each found once', () => {
    const seen = new SeenKeys();
    const keys = Array.from({ length: 200_000 }, (_, i) => `SIG-${i}`);
    keys.forEach((k, i) => expect(seen.firstOrAdd(keyHash(k), k, i)).toBeUndefined());
    let found = 0;
    keys.forEach((k, i) => {
      if (seen.firstOrAdd(keyHash(k), k, -1) === i) found++;
    });
    expect(found).toBe(keys.length);
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
});
