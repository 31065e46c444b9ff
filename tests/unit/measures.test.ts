import { describe, expect, it } from 'vitest';
import { ReportStore } from '../../src/model/columns.js';
import { distinct, measure, mostFrequent, scoreCandidate, type MeasureContext } from '../../src/score/measures.js';
import type { IndicatorSpec, ScoringSpec } from '../../src/model/scoring.js';
import type { Report } from '../../src/model/incoming.js';
import { weekIndex } from '../../src/util/period.js';

const WEEK = 7 * 86_400_000;
const T0 = Date.parse('2026-01-05T22:00:00+01:00'); // a Monday

function storeOf(rows: Array<Partial<Report> & { signals?: number }>) {
  const store = new ReportStore();
  rows.forEach((r, i) =>
    store.add(
      {
        id: `r${i}`,
        hasSourceId: true,
        source: 'gemeente',
        reportedAt: T0,
        precision: 'minute',
        category: '',
        theme: 'drugs',
        line: i + 2,
        file: 'x.csv',
        point: { x: 176000 + i, y: 317000 },
        ...r,
      },
      r.signals ?? 0,
      3,
    ),
  );
  const cols = store.columns();
  const ctx: MeasureContext = {
    cols,
    periodEndMs: T0 + 10 * WEEK,
    signalBits: new Map([
      ['drugs', 0],
      ['nacht', 1],
    ]),
    weekOf: Int32Array.from(cols.reportedAt, weekIndex),
    lookback: false,
  };
  return { members: Int32Array.from(rows.keys()), ctx };
}

const ind = (o: Partial<IndicatorSpec>): IndicatorSpec => ({ id: 'i', label: 'i', measure: 'reports', min: 0, weight: 1, ...o });

describe('measures', () => {
  const { members, ctx } = storeOf([
    { reporter: 1, signals: 1, reportedAt: T0 },
    { reporter: 1, signals: 3, reportedAt: T0 + WEEK },
    { reporter: 2, signals: 0, reportedAt: T0 + WEEK, source: 'politie' },
    { reporter: undefined, signals: 1, reportedAt: T0 + 9 * WEEK, point: { x: 176000, y: 317000 } },
  ]);
  it.each<[Partial<IndicatorSpec>, number]>([
    [{ measure: 'reports' }, 4],
    [{ measure: 'reporters' }, 2],
    [{ measure: 'activeWeeks' }, 3],
    [{ measure: 'sources' }, 2],
    [{ measure: 'signalShare', signal: 'drugs' }, 0.75],
    [{ measure: 'signalCount', signal: 'nacht' }, 1],
    [{ measure: 'recentReports', windowDays: 14 }, 1],
    [{ measure: 'peakWeeksShare', weeks: 2 }, 0.75],
    [{ measure: 'busiestWeeksShare', weeks: 1 }, 0.5],
    [{ measure: 'busiestWeeksShare', weeks: 2 }, 0.75],
    [{ measure: 'spanWeeks' }, 10],
    [{ measure: 'topReporterShare' }, 2 / 3],
    [{ measure: 'samePointShare' }, 0.5],
  ])('%j = %d', (spec, expected) => {
    expect(measure(ind(spec), members, ctx)).toBeCloseTo(expected, 10);
  });
});

describe('scoreCandidate', () => {
  const rules: ScoringSpec = {
    indicators: [
      ind({ id: 'many', measure: 'reports', min: 3, weight: 2 }),
      ind({ id: 'people', measure: 'reporters', min: 3, weight: 2 }),
      ind({ id: 'weeks', measure: 'activeWeeks', min: 2, weight: 2, appliesTo: ['public-space'] }),
      ind({ id: 'one-person', measure: 'topReporterShare', min: 0.7, weight: -3 }),
    ],
    classes: {
      'public-space': {
        hotspot: { minScore: 4, require: ['many', 'weeks'], unless: ['one-person'] },
        watch: { minScore: 2, require: [], unless: [] },
      },
      dwelling: {
        hotspot: { minScore: 4, require: ['many', 'people'], unless: ['one-person'] },
        watch: { minScore: 2, require: [], unless: [] },
      },
    },
    recentDays: 28,
  };
  it('sums fired weights and explains every indicator', () => {
    const { members, ctx } = storeOf([{ reporter: 1 }, { reporter: 2, reportedAt: T0 + WEEK }, { reporter: 3 }]);
    const s = scoreCandidate(rules, 'public-space', members, ctx);
    expect(s.score).toBe(6);
    expect(s.class).toBe('hotspot');
    expect(s.indicators.map((i) => [i.id, i.value, i.weight, i.fired])).toEqual([
      ['many', 3, 2, true],
      ['people', 3, 2, true],
      ['weeks', 2, 2, true],
      ['one-person', 1 / 3, 0, false],
    ]);
    expect(s.caveats).toEqual([]);
  });
  it('classifies each kind by its own classes', () => {
    const { members, ctx } = storeOf([{ reporter: 1 }, { reporter: 1, reportedAt: T0 + WEEK }, { reporter: 2 }]);
    expect(scoreCandidate(rules, 'public-space', members, ctx).class).toBe('hotspot');
    expect(scoreCandidate(rules, 'dwelling', members, ctx).class).toBe('watch'); // dwellings require 3 reporters
  });
  it('classifies on the remaining evidence when reporters are unknown, and says so', () => {
    const { members, ctx } = storeOf([{}, { reportedAt: T0 + WEEK }, {}]);
    const s = scoreCandidate(rules, 'dwelling', members, ctx);
    expect(s.indicators.find((i) => i.id === 'people')).toMatchObject({ applies: true, judged: false, fired: false, weight: 0 });
    expect(s.indicators.find((i) => i.id === 'one-person')).toMatchObject({ judged: false, fired: false });
    expect(s.score).toBe(2);
    expect(s.class).toBe('hotspot'); // minimum 4 lowered by the 2 points "people" could have added; not required
    expect(s.caveats).toEqual(['reporters-unknown']);
  });
  it('lists a hotspot without a recent report as watch ("gone quiet") on a lookback list only', () => {
    const { members, ctx } = storeOf([{ reporter: 1 }, { reporter: 2, reportedAt: T0 + WEEK }, { reporter: 3 }]);
    expect(scoreCandidate(rules, 'public-space', members, ctx).class).toBe('hotspot'); // batch: judged whole
    const quiet = scoreCandidate(rules, 'public-space', members, { ...ctx, lookback: true });
    expect(quiet.class).toBe('watch');
    expect(quiet.caveats).toEqual(['gone-quiet']);
    const recent = scoreCandidate(rules, 'public-space', members, { ...ctx, lookback: true, periodEndMs: T0 + 2 * WEEK });
    expect(recent.class).toBe('hotspot');
  });
  it('does not require indicators that do not apply to the kind', () => {
    const { members, ctx } = storeOf([{ reporter: 1 }, { reporter: 2 }, { reporter: 3 }]);
    const s = scoreCandidate(rules, 'dwelling', members, ctx);
    expect(s.indicators[2]).toMatchObject({ id: 'weeks', applies: false, fired: false, weight: 0 });
    expect(s.class).toBe('hotspot');
  });
  it('keeps a serial complainer out of the hotspot class (unless)', () => {
    const { members, ctx } = storeOf([{ reporter: 1 }, { reporter: 1, reportedAt: T0 + WEEK }, { reporter: 1 }, { reporter: 1 }]);
    const s = scoreCandidate(rules, 'public-space', members, ctx);
    expect(s.indicators.find((i) => i.id === 'one-person')!.fired).toBe(true);
    expect(s.score).toBe(2 + 2 - 3);
    expect(s.class).toBe('none');
  });
});

describe('distinct and mostFrequent', () => {
  /** The plain versions they replaced: a Set, and a Map with ties to the smallest. */
  const naiveDistinct = (m: Int32Array, v: Int32Array) => new Set(Array.from(m, (i) => v[i]!).filter((x) => x >= 0)).size;
  const naiveMode = (m: Int32Array, v: Int32Array) => {
    const counts = new Map<number, number>();
    let best = -1,
      bestCount = 0;
    for (const i of m) {
      if (v[i]! < 0) continue;
      const c = (counts.get(v[i]!) ?? 0) + 1;
      counts.set(v[i]!, c);
      if (c > bestCount || (c === bestCount && v[i]! < best)) [best, bestCount] = [v[i]!, c];
    }
    return best;
  };
  let seed = 7;
  const rand = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;

  // value ranges: small interned ids, weeks, 31-bit reporter numbers (counted by sorting), and none at all
  it.each([
    ['small ids', 40],
    ['weeks', 3000],
    ['reporter numbers', 2 ** 31 - 1],
    ['only missing', 0],
  ])('agree with a Set and a Map on %s', (_, range) => {
    for (let round = 0; round < 200; round++) {
      const values = Int32Array.from({ length: 500 }, () => (range === 0 || rand(5) === 0 ? -1 : rand(range)));
      const members = Int32Array.from({ length: rand(60) }, () => rand(500));
      expect(distinct(members, values)).toBe(naiveDistinct(members, values));
      expect(mostFrequent(members, values)).toBe(naiveMode(members, values));
    }
  });

  it('leave no counts behind between calls', () => {
    const values = Int32Array.of(3, 3, 5);
    expect(mostFrequent(Int32Array.of(0, 1, 2), values)).toBe(3);
    expect(mostFrequent(Int32Array.of(2), values)).toBe(5);
    expect(distinct(Int32Array.of(2), values)).toBe(1);
  });
});
