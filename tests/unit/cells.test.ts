import { describe, expect, it } from 'vitest';
import { cellWeeksOf } from '../../src/score/cells.js';
import { cellKey, cellOfKey } from '../../src/model/assessment.js';

describe('cellWeeksOf', () => {
  it('counts per 25 m cell, week, theme and source, west of the RD origin too (the UK test data), and leaves out reports without a point', () => {
    const x = Float64Array.of(-224_126.8, -224_120.1, 176_000, 176_010, Number.NaN);
    const y = Float64Array.of(406_351.9, 406_349.0, 318_000, 318_001, Number.NaN);
    const day = 86_400_000;
    const c = {
      x,
      y,
      theme: Int32Array.of(0, 0, 1, 1, 0),
      source: Int32Array.of(0, 0, 1, 1, 0),
      reportedAt: Float64Array.of(10 * day, 11 * day, 12 * day, 30 * day, 12 * day),
    };
    const weekOf = Int32Array.of(2, 2, 2, 4, 2);
    const r = cellWeeksOf(c, weekOf, { themes: ['drugs', 'jeugd'], sources: ['police-uk', 'politie'] }, { fromDay: 0, toDay: 100 }, (ms) =>
      Math.floor(ms / day),
    );
    const rows = Array.from(r.week, (w, i) => [
      w,
      r.names.sources[r.source[i]!],
      r.names.themes[r.theme[i]!],
      r.cx[i],
      r.cy[i],
      r.reports[i],
    ]);
    expect(rows).toEqual([
      [2, 'police-uk', 'drugs', Math.floor(-224_126.8 / 25), Math.floor(406_351.9 / 25), 1],
      [2, 'police-uk', 'drugs', Math.floor(-224_120.1 / 25), Math.floor(406_349.0 / 25), 1],
      [2, 'politie', 'jeugd', 7040, 12720, 1],
      [4, 'politie', 'jeugd', 7040, 12720, 1],
    ]);
    // weeks without any report of a source are missing data, not zeros: politie has none in week 3
    expect(r.coverage).toEqual([
      { source: 'police-uk', fromDay: 10, toDay: 13, weeks: [2] },
      { source: 'politie', fromDay: 12, toDay: 31, weeks: [2, 4] },
    ]);
  });
});

describe('cellKey and cellOfKey', () => {
  it('give back the cell, west and south of the RD origin too, and order keys by cx, then cy', () => {
    const cells: Array<[number, number]> = [
      [-8965, 16254],
      [7040, 12720],
      [7040, 12721],
      [7041, -3],
      [0, 0],
      [-(2 ** 20) + 1, 2 ** 20 - 1],
    ];
    for (const [cx, cy] of cells) expect(cellOfKey(cellKey(cx, cy))).toEqual([cx, cy]);
    const byKey = [...cells].sort((a, b) => cellKey(...a) - cellKey(...b));
    expect(byKey).toEqual([...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });
});
