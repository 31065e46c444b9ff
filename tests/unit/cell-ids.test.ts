import { describe, expect, it } from 'vitest';
import { CellIds } from '../../src/util/cell-ids.js';

describe('CellIds', () => {
  it('numbers cells in the order first met and finds them again, as a Map would, through growth', () => {
    const ids = new CellIds(2);
    const reference = new Map<string, number>();
    let seed = 7;
    for (let k = 0; k < 20_000; k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const cx = (seed % 301) - 150, // negative columns and rows too
        cy = ((seed >>> 9) % 257) - 128;
      const key = `${cx},${cy}`;
      if (!reference.has(key)) reference.set(key, reference.size);
      expect(ids.id(cx, cy)).toBe(reference.get(key));
    }
    expect(ids.size).toBe(reference.size);
    for (const [key, id] of reference) {
      const [cx, cy] = key.split(',').map(Number) as [number, number];
      expect(ids.find(cx, cy)).toBe(id);
      expect([ids.cx[id], ids.cy[id]]).toEqual([cx, cy]);
    }
    expect(ids.find(1000, 1000)).toBe(-1);
  });
});
