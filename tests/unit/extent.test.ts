import { describe, expect, it } from 'vitest';
import { extentOf } from '../../src/geo/extent.js';

describe('extentOf', () => {
  it('bounds more points than a call takes arguments (big-city-cells)', () => {
    const points = Array.from({ length: 300_000 }, (_, i) => [i % 1000, 1000 - Math.floor(i / 1000)] as const);
    expect(() => Math.min(...points.map((p) => p[0]))).toThrow(RangeError); // why it is a loop
    expect(extentOf(points)).toEqual({ minX: 0, minY: 701, maxX: 999, maxY: 1000 });
  });
  it('is empty (infinite) without points', () => {
    expect(extentOf([])).toEqual({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
  });
});
