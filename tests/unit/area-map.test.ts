import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAreaMap, AreaMapError, type GeoJsonDoc, type GeoJsonFeature } from '../../src/geo/area-map.js';
import { rdToWgs84, wgs84ToRd } from '../../src/geo/rd.js';

const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const feature = (properties: Record<string, unknown>, geometry: { type: string; coordinates: unknown }): GeoJsonFeature => ({
  properties,
  geometry,
});
const rdDoc = (features: GeoJsonFeature[]): GeoJsonDoc => ({
  type: 'FeatureCollection',
  crs: { properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
  features,
});

describe('area map', () => {
  const map = buildAreaMap(
    rdDoc([
      // A: a 1 km square with a 200 m hole (a park that belongs to B)
      feature({ naam: 'A', code: 'GA' }, { type: 'Polygon', coordinates: [square(176000, 317000, 1000), square(176400, 317400, 200)] }),
      feature(
        { naam: 'B', code: 'GB' },
        { type: 'MultiPolygon', coordinates: [[square(176400, 317400, 200)], [square(177000, 317000, 1000)]] },
      ),
    ]),
    { nameField: 'naam', codeField: 'code' },
  );

  it('assigns points inside polygons, holes to the area that fills them, and multipolygon parts to one area', () => {
    expect(map.crs).toBe('EPSG:28992');
    expect(map.areas.map((a) => [a.name, a.code])).toEqual([
      ['A', 'GA'],
      ['B', 'GB'],
    ]);
    expect(map.areaAt(176100, 317100)).toBe(0);
    expect(map.areaAt(176500, 317500)).toBe(1); // in A's hole, which is B's first part
    expect(map.areaAt(177500, 317500)).toBe(1); // B's second part
    expect(map.areaAt(175000, 317500)).toBe(-1);
    expect(map.areaAt(Number.NaN, 317500)).toBe(-1);
  });

  it('gives a point on an edge or vertex to one area: the first in file order that touches it', () => {
    expect(map.areaAt(177000, 317500)).toBe(0); // the edge A and B share
    expect(map.areaAt(176000, 317000)).toBe(0); // A's corner
    expect(map.areaAt(176400, 317500)).toBe(0); // the edge of A's hole: A's boundary (and B's, later in the file)
    expect(map.areaAt(178000, 318000)).toBe(1); // B's far corner
  });

  it('reads WGS84 the same as RD, and CBS properties by default', () => {
    const toWgs = (ring: number[][]) => ring.map(([x, y]) => rdToWgs84(x!, y!));
    const wgs = buildAreaMap({
      type: 'FeatureCollection',
      features: [
        feature(
          { statnaam: 'Binnenstad', statcode: 'BU09350000' },
          { type: 'Polygon', coordinates: [toWgs(square(176000, 317000, 1000)), toWgs(square(176400, 317400, 200))] },
        ),
      ],
    });
    expect(wgs.crs).toBe('EPSG:4326');
    expect(wgs.areas[0]).toMatchObject({ name: 'Binnenstad', code: 'BU09350000' });
    expect(wgs.areaAt(176100, 317100)).toBe(0);
    expect(wgs.areaAt(176500, 317500)).toBe(-1); // the hole
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(() => buildAreaMap({ type: 'Feature' } as never)).toThrow(AreaMapError);
    expect(() => buildAreaMap(rdDoc([feature({ x: 1 }, { type: 'Polygon', coordinates: [square(0, 0, 1)] })]))).toThrow(
      /feature 1 has no name property \(properties: x\)/,
    );
    expect(() => buildAreaMap(rdDoc([feature({ naam: 'p' }, { type: 'Point', coordinates: [1, 2] })]))).toThrow(
      /no Polygon or MultiPolygon/,
    );
  });

  it('puts Maastricht landmarks in their CBS wijk and buurt (the real 2023 generalised boundaries)', () => {
    const load = (f: string) => buildAreaMap(JSON.parse(readFileSync(`fixtures/areas/maastricht-2023/${f}`, 'utf8')));
    const [vx, vy] = wgs84ToRd(5.6889, 50.8489); // Vrijthof
    for (const f of ['maastricht_wijken_2023_rd.geojson', 'maastricht_wijken_2023_wgs84.geojson']) {
      const wijken = load(f);
      expect(wijken.areas).toHaveLength(7);
      expect(wijken.areas[wijken.areaAt(vx, vy)]!.code).toBe('WK093500');
    }
    const buurten = load('maastricht_buurten_2023_rd.geojson');
    expect(buurten.areas).toHaveLength(44);
    expect(buurten.areas[buurten.areaAt(vx, vy)]!.name).toBe('Binnenstad');
  });
});
