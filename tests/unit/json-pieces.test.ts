import { describe, expect, it } from 'vitest';
import { JSON_PIECES, jsonPieces, lazyList, stringListPieces } from '../../src/util/json-pieces.js';

const joined = (v: unknown, depth?: number) => [...jsonPieces(v, depth)].join('');

describe('jsonPieces (a large JSON document written in pieces)', () => {
  it('joins to exactly what JSON.stringify(value, null, 2) writes, at every depth', () => {
    const ids = { toJSON: () => ['MOR-1', 'MOR-2'] };
    const docs: unknown[] = [
      {
        a: 1,
        b: [1, 2, { c: undefined, d: () => 1, e: [], f: {} }],
        g: undefined,
        h: null,
        i: Number.NaN,
        j: new Float64Array([1.5, 2]),
        k: ids,
        l: [undefined, () => 1, Symbol('x')],
        m: new Date(0),
        n: 'x\ny\u2028"é😀',
        o: new Map([[1, 2]]),
      },
      [],
      {},
      1,
      'text',
      null,
      [[[[1, [2, { x: [3] }]]]]],
      { deep: { deeper: { deepest: [1, { a: [] }, -0, 1e21] } } },
      { toJSON: () => ({ z: 1 }) },
      [undefined],
      { hotspots: [{ id: 'PS-1', reportIds: ids, indicators: [{ id: 'repeat', value: 3 }] }] },
    ];
    for (const doc of docs) for (const depth of [0, 1, 2, 3, 6]) expect(joined(doc, depth)).toBe(JSON.stringify(doc, null, 2));
  });

  it('gives a document of many items in many pieces, none holding the whole', () => {
    const doc = { type: 'FeatureCollection', features: Array.from({ length: 1000 }, (_, i) => ({ id: i, properties: { n: [i, i + 1] } })) };
    const pieces = [...jsonPieces(doc)];
    const whole = JSON.stringify(doc, null, 2);
    expect(pieces.join('')).toBe(whole);
    expect(pieces.length).toBeGreaterThan(1000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200);
  });

  it("lets a value write itself (a hotspot's report ids) as its toJSON would, at any depth and in any place", () => {
    const list = (items: string[]) => ({
      toJSON: () => items,
      [JSON_PIECES]: (level: number) => stringListPieces(items.length, (k) => items[k]!, level, 2),
    });
    const odd = ['MOR-1', 'a"b\\c', '\u0000', 'é😀', '\ud800', 'x\ny'];
    const docs: unknown[] = [
      {
        hotspots: [
          { id: 'PS-1', reportIds: list(odd), after: [1, { n: 2 }] },
          { reportIds: list([]), id: 'PS-2' },
        ],
      },
      { a: list(['x']), b: list(['y', 'z']), c: { d: list(odd) } },
      [list(odd), [list(['q'])]],
      list(odd),
      { same: list(['x']), text: `\u0000json-pieces-` },
    ];
    for (const doc of docs) for (const depth of [0, 1, 2, 3, 6]) expect(joined(doc, depth)).toBe(JSON.stringify(doc, null, 2));
  });

  it('writes a lazy list as JSON.stringify writes the array of its items, made one at a time and without those it leaves out', () => {
    const items = [{ id: 'PS-1', ring: [[5.6, 50.8]] }, undefined, { id: 'PS-3', ids: { toJSON: () => ['MOR-1'] } }, 'x', undefined];
    const made: number[] = [];
    const lazy = (from: unknown[]) =>
      lazyList(from.length, (k) => {
        made.push(k);
        return from[k];
      });
    const kept = items.filter((i) => i !== undefined);
    for (const depth of [0, 1, 2, 4]) {
      expect(joined({ type: 'FeatureCollection', features: lazy(items) }, depth)).toBe(
        JSON.stringify({ type: 'FeatureCollection', features: kept }, null, 2),
      );
      expect(joined([lazy(items)], depth)).toBe(JSON.stringify([kept], null, 2));
    }
    expect(joined({ none: lazy([undefined, undefined]), empty: lazy([]) })).toBe(JSON.stringify({ none: [], empty: [] }, null, 2));
    // each item made when its turn comes, once per writing
    made.length = 0;
    const pieces = jsonPieces({ features: lazy(items) });
    pieces.next();
    expect(made).toEqual([]);
    [...pieces];
    expect(made).toEqual([0, 1, 2, 3, 4]);
  });
});
