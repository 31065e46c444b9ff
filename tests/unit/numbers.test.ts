import { describe, expect, it } from 'vitest';
import { numbersHere, numbersOnWorker, type NumbersInput } from '../../src/pipeline/numbers.js';
import { Random } from '../../tools/scenario/random.js';

/** 20,000 screened reports round three places, a tenth without a point, two sources, a year. */
function input(): NumbersInput {
  const random = new Random(5);
  const n = 20_000;
  const i: NumbersInput = {
    x: new Float64Array(n),
    y: new Float64Array(n),
    reportedAt: new Float64Array(n),
    incidentStart: new Float64Array(n),
    incidentEnd: new Float64Array(n),
    exactTime: new Int32Array(n),
    theme: new Int32Array(n),
    source: new Int32Array(n),
    address: new Int32Array(n),
    weekOf: new Int32Array(n),
    grid: { fdr: 0.05 },
    names: { themes: ['drugs', 'personen', 'woon', 'overig'], sources: ['signalen', 'politie'] },
    evidence: { fromDay: 20089, toDay: 20454 },
    endMs: 20454 * 86_400_000,
  };
  const centres = [
    [176000, 318000],
    [177500, 317200],
    [175200, 319400],
  ] as const;
  for (let k = 0; k < n; k++) {
    const [cx, cy] = centres[k % 3]!;
    const located = random.next() > 0.1;
    i.x[k] = located ? cx + (random.next() - 0.5) * 2000 * random.next() : Number.NaN;
    i.y[k] = located ? cy + (random.next() - 0.5) * 2000 * random.next() : Number.NaN;
    i.reportedAt[k] = (20089 + random.next() * 365) * 86_400_000;
    i.weekOf[k] = Math.floor((i.reportedAt[k]! / 86_400_000 + 3) / 7);
    const windowed = random.next() < 0.5; // half with an incident window of up to three hours
    i.incidentStart[k] = windowed ? i.reportedAt[k]! - 3_600_000 : Number.NaN;
    i.incidentEnd[k] = windowed ? i.incidentStart[k]! + random.next() * 10_800_000 : Number.NaN;
    i.exactTime[k] = random.next() < 0.9 ? 1 : 0;
    i.theme[k] = Math.floor(random.next() * 4);
    i.source[k] = random.next() < 0.6 ? 0 : 1;
    i.address[k] = random.next() < 0.3 ? Math.floor(random.next() * 500) : -1;
  }
  return i;
}

describe('a screening’s numbers on a worker thread', () => {
  it('are the numbers worked out here: grid, places’ hot times, density, cell counts, concentration, repeats', async () => {
    const here = numbersHere(input()),
      there = numbersOnWorker(input());
    const gridHere = await here.grid;
    expect(gridHere?.z.length).toBeGreaterThan(100);
    expect(await there.grid).toEqual(gridHere);
    // Places of every size, one empty; the hot times come in the order asked.
    const places = [0, 1, 7, 300, 5000].map((n, k) => Int32Array.from({ length: n }, (_, j) => (j * 13 + k) % 20_000));
    const timesHere = await here.times(places, 365);
    expect(timesHere[4]!.hourProfile.reduce((a, b) => a + b, 0)).toBeGreaterThan(4000);
    expect(await there.times(places, 365)).toEqual(timesHere);
    const restHere = await here.rest();
    expect(restHere.cellWeeks.week.length).toBeGreaterThan(1000);
    expect(restHere.density?.perKm2.length).toBeGreaterThan(100);
    expect(restHere.overallHours.reduce((a, b) => a + b, 0)).toBeCloseTo(20_000 * 0.9, -2);
    expect(await there.rest()).toEqual(restHere);
  });

  it('are the same read from shared memory as from copies', async () => {
    const i = input();
    const shared = <T extends Float64Array | Int32Array>(a: T): T => {
      const s = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
      s.set(a);
      return s;
    };
    const onShared = numbersOnWorker({ ...i, x: shared(i.x), y: shared(i.y), reportedAt: shared(i.reportedAt), theme: shared(i.theme) });
    expect(await onShared.rest()).toEqual(await numbersHere(input()).rest());
  });

  it('leave the caller’s columns as they were (the worker gets copies)', async () => {
    const i = input();
    const before = Float64Array.from(i.x);
    await numbersOnWorker(i).rest();
    expect(i.x).toEqual(before);
    expect(i.x.length).toBe(20_000);
  });
});
