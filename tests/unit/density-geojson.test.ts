import { describe, expect, it } from 'vitest';
import { rdToWgs84 } from '../../src/geo/rd.js';
import { densityGeoJson, round } from '../../src/report/formats.js';

/** The ring as written before corners were shared: five conversions per cell. */
function ringOf(x0: number, y0: number, size: number) {
  const x1 = x0 + size,
    y1 = y0 + size;
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => rdToWgs84(x!, y!).map((v) => round(v, 6)));
}

describe('densityGeoJson', () => {
  it('writes each cell with the corners converted one by one would give, also on a grid whose sums round', () => {
    for (const [originX, originY, cellSizeM] of [
      [175000, 317000, 100],
      [175000.3, 317000.7, 33.3], // x0 + size and the next cell's origin + k * size differ in their last bits
    ] as const) {
      const cols = 7,
        rows = 5;
      const perKm2 = new Float64Array(rows * cols).map((_, i) => (i % 4 === 1 ? 0 : i + 0.5));
      const d = densityGeoJson({ originX, originY, cellSizeM, cols, rows, bandwidthM: 250, perKm2 });
      const features = d.features as Array<{ geometry: { coordinates: number[][][] }; properties: { row: number; col: number } }>;
      expect(features).toHaveLength(perKm2.filter((v) => v > 0).length);
      for (const f of features) {
        const { row, col } = f.properties;
        expect(f.geometry.coordinates[0]).toEqual(ringOf(originX + col * cellSizeM, originY + row * cellSizeM, cellSizeM));
      }
    }
  });
});
