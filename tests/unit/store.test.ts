import { describe, expect, it } from 'vitest';
import { BatchBuilder, type ReportBatch } from '../../src/model/batch.js';
import { ReportStore, StoreFeed } from '../../src/model/columns.js';
import type { Report } from '../../src/model/incoming.js';

const STREETS = ['Kerkstraat', 'Markt', 'Boschstraat'];

/** A batch of `n` reports, some with an address, some without a point, ids out of order. */
function batchOf(n: number, from: number, source = 'signalen', ownTexts = false): ReportBatch {
  const b = new BatchBuilder('f.csv', source, (r) => ({ scope: r.line % 3 === 0 ? 1 : 3, signals: r.line % 5 }), ownTexts);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const r: Report = {
      id: `MOR-${(i * 7919) % 10007}`,
      hasSourceId: true,
      source,
      reportedAt: Date.UTC(2025, 0, 1) + i * 3_600_000,
      precision: i % 4 === 0 ? 'day' : 'minute',
      category: i % 2 ? 'Drugs' : 'Overlast personen',
      theme: i % 2 ? 'drugs' : 'personen',
      line: i + 2,
      file: 'f.csv',
      ...(i % 7 === 0 ? {} : { point: { x: 176_000 + i, y: 317_000 + i } }),
      ...(i % 3 === 0
        ? {
            address: {
              street: STREETS[Math.floor(i / 3) % 3]!,
              houseNumber: (i % 11) + 1,
              ...(i % 2 ? { postcode: '6211AB', city: 'Maastricht' } : {}),
            },
          }
        : {}),
      ...(i % 5 === 0 ? { buurt: 'BU09350001', wijk: 'WK093500' } : {}),
    };
    b.accept(r.line, r, [], undefined);
    if (i % 13 === 0)
      b.reject(r.line + 1, { code: 'bad-date', reason: 'cannot read date', column: 'datum', value: `  niet-een-datum-${i}  ` });
  }
  return b.finish();
}

/** Everything a store holds, to compare two stores. */
function contents(s: ReportStore) {
  const c = s.columns();
  return {
    size: s.size,
    columns: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.from(v)])),
    ids: Array.from({ length: s.size }, (_, i) => s.idAt(i)),
    labels: Array.from(c.address, (a) => (a < 0 ? null : (s.addressLabel(a) ?? null))),
    interned: [s.addresses.values, s.streets.values, s.areas.values, s.areaNames.values, s.sources.values],
  };
}

describe('ReportStore: reports added a batch at a time', () => {
  it('holds the same columns, ids, labels and interned names as reports added one by one', () => {
    const batches = [batchOf(3000, 0), batchOf(700, 3000, 'politie'), batchOf(5, 3700)];
    const keep = (b: ReportBatch) => Array.from({ length: b.size }, (_, j) => j).filter((j) => j % 4 !== 1);
    const areaOf = (j: number) => (j % 6 === 0 ? undefined : `area ${j % 3}`);
    const one = new ReportStore();
    const many = new ReportStore();
    const feed = new StoreFeed(many);
    for (const b of batches) {
      for (const j of keep(b)) {
        one.addFrom(b, j, areaOf(j));
        feed.add(b, j, areaOf(j));
      }
    }
    feed.flush();
    expect(many.size).toBe(one.size);
    expect(many.size).toBeGreaterThan(2048); // past the columns' first growth
    const got = contents(many);
    expect(got).toEqual(contents(one));
    expect(got.labels.filter((l) => l !== null).length).toBeGreaterThan(500); // the labels were compared, not only nulls
    const labels = [...new Set(got.labels)].filter((l) => l !== null);
    expect(labels.some((l) => l.startsWith('Markt ') && l.endsWith(', 6211AB Maastricht'))).toBe(true);
    expect(labels.length).toBeGreaterThan(20); // many dwellings, each with the fullest label its reports gave
  });

  it('sized in advance (expect), too small or too large, holds just what it holds when grown', () => {
    const batches = [batchOf(3000, 0), batchOf(700, 3000, 'politie')];
    const fill = (store: ReportStore, expectations: number[]) => {
      const feed = new StoreFeed(store);
      batches.forEach((b, k) => {
        feed.flush();
        if (expectations[k] !== undefined) store.expect(expectations[k]);
        for (let j = 0; j < b.size; j++) feed.add(b, j, undefined);
      });
      feed.flush();
      return contents(store);
    };
    const grown = fill(new ReportStore(), []);
    expect(fill(new ReportStore(), [3000, 700])).toEqual(grown); // exact
    expect(fill(new ReportStore(), [1200, 100])).toEqual(grown); // too small: grows past it
    expect(fill(new ReportStore(), [50_000, 9000])).toEqual(grown); // too large: the columns are cut to the size
  });

  it('gives a place its report ids in id order, as strings only when read', () => {
    const store = new ReportStore();
    const b = batchOf(50, 0);
    const feed = new StoreFeed(store);
    for (let j = 0; j < b.size; j++) feed.add(b, j, undefined);
    feed.flush();
    const members = Int32Array.of(40, 3, 17, 8);
    const ids = store.sortedIds(members);
    const expected = Array.from(members, (i) => store.idAt(i)).sort();
    expect(ids.length).toBe(4);
    expect([...ids]).toEqual(expected);
    expect(JSON.parse(JSON.stringify({ ids }))).toEqual({ ids: expected });
  });
});

describe('BatchBuilder ownTexts', () => {
  it('gives the same batch with the kept texts copied (cells that were views into a chunk)', () => {
    const plain = batchOf(300, 0);
    const owned = batchOf(300, 0, 'signalen', true);
    expect(owned).toEqual(plain);
    expect(owned.rejects.length).toBeGreaterThan(0);
    expect(owned.street.values.length).toBeGreaterThan(0);
  });
});
