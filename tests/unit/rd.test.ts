import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { inBBox, NL_BBOX, parseBBox, RD_NEW_PROJ4, rdInnerRect, rdToWgs84, wgs84ToRd } from '../../src/geo/rd.js';
import { Random } from '../../tools/scenario/random.js';

// Reference values from the research notes on RD New (proj4js, with +towgs84).
describe('RD New <-> WGS84', () => {
  it('maps the Amersfoort origin', () => {
    const [lon, lat] = rdToWgs84(155000, 463000);
    expect(lat).toBeCloseTo(52.1551723, 6);
    expect(lon).toBeCloseTo(5.3872035, 6);
  });
  it('maps Amsterdam Stadhuis and the Vrijthof', () => {
    const [x, y] = wgs84ToRd(4.90022563, 52.36768424);
    expect(x).toBeCloseTo(121833.0, 0);
    expect(y).toBeCloseTo(486756.0, 0);
    const [vx, vy] = wgs84ToRd(5.6889, 50.8489);
    expect(Math.round(vx)).toBe(176248);
    expect(Math.round(vy)).toBe(317717);
  });
  it('computes what proj4 computes with the EPSG:28992 string, to a millimetre, on a grid over the Netherlands', () => {
    const reference = proj4('EPSG:4326', RD_NEW_PROJ4);
    let worstM = 0,
      worstDeg = 0;
    for (let lon = NL_BBOX[0]; lon <= NL_BBOX[2]; lon += 0.05) {
      for (let lat = NL_BBOX[1]; lat <= NL_BBOX[3]; lat += 0.04) {
        const [x, y] = reference.forward([lon, lat]) as [number, number];
        const [dx, dy] = wgs84ToRd(lon, lat);
        worstM = Math.max(worstM, Math.abs(dx - x), Math.abs(dy - y));
        const [rlon, rlat] = reference.inverse([x, y]) as [number, number];
        const [ilon, ilat] = rdToWgs84(x, y);
        worstDeg = Math.max(worstDeg, Math.abs(ilon - rlon), Math.abs(ilat - rlat));
      }
    }
    expect(worstM).toBeLessThan(0.001);
    expect(worstDeg).toBeLessThan(1e-8); // about a millimetre
  });
  it('round-trips to 1e-8 degrees (about a millimetre)', () => {
    const [x, y] = wgs84ToRd(5.7, 50.85);
    const [lon, lat] = rdToWgs84(x, y);
    expect(Math.abs(lon - 5.7)).toBeLessThan(1e-8);
    expect(Math.abs(lat - 50.85)).toBeLessThan(1e-8);
  });
  it('parses a bbox and tests membership', () => {
    expect(parseBBox('5.63,50.80,5.77,50.92')).toEqual([5.63, 50.8, 5.77, 50.92]);
    expect(parseBBox('5,50,4,51')).toBeNull();
    expect(inBBox(5.69, 50.85, NL_BBOX)).toBe(true);
    expect(inBBox(13.4, 52.52, NL_BBOX)).toBe(false);
  });
});

describe('rdInnerRect: points inside need no conversion to be in the box', () => {
  it.each([
    ['the Netherlands', NL_BBOX],
    ['Maastricht', [5.63, 50.8, 5.77, 50.92] as const],
  ])('%s: every point inside the rectangle is inside the box', (_, box) => {
    const r = rdInnerRect(box)!;
    expect(r).not.toBeNull();
    const rng = new Random(7);
    for (let k = 0; k < 5000; k++) {
      const x = r.minX + rng.next() * (r.maxX - r.minX),
        y = r.minY + rng.next() * (r.maxY - r.minY);
      const [lon, lat] = rdToWgs84(x, y);
      expect(inBBox(lon, lat, box)).toBe(true);
    }
  });
});
