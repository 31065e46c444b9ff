import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioTruth } from '../../tools/scenario/write.js';
import { DEMO, runCli, tempDir } from '../helpers.js';

/**
 * The README's weekly recipe, run for each of the last 8 weeks of the demo scenario: every Monday
 * at 06:00, `screen --period last-week` with the history. A weekly list is judged over the rules'
 * 26-week window, so the hotspots still active are listed every week; the planted hotspot that
 * stops 4-6 weeks before the end drops off the hotspot class once it has been quiet for 28 days.
 */

interface Listed {
  class: string;
  kind: string;
  key: string;
  caveats: string[];
  centroid: { x: number; y: number };
  change: { status: string };
}
interface WeeklyRun {
  week: number;
  code: number;
  period: { label: string; evidence: { windowDays: number | null } };
  hotspots: Listed[];
}

const truth = JSON.parse(readFileSync('fixtures/demo/truth.json', 'utf8')) as ScenarioTruth;
const WEEK_MS = 7 * 86_400_000;
const weeks = 104;
const publicSpace = truth.hotspots.filter((h) => h.kind === 'public-space');
const stopped = publicSpace.find((h) => h.pattern === 'stopped')!;
const active = publicSpace.filter((h) => ['persistent', 'intensifying', 'new'].includes(h.pattern));
/** The planted place's listing in a run: the public-space location within its radius plus 100 m. */
const listing = (run: WeeklyRun, h: { x: number; y: number; radiusM: number }) =>
  run.hotspots.find((l) => l.kind === 'public-space' && Math.hypot(l.centroid.x - h.x, l.centroid.y - h.y) <= h.radiusM + 100);

describe('the weekly recipe over the last 8 weeks of the demo scenario', () => {
  const runs: WeeklyRun[] = [];
  beforeAll(async () => {
    const db = join(tempDir(), 'hotspots.sqlite');
    const startMs = Date.parse(truth.period.from);
    for (let week = weeks - 8; week < weeks; week++) {
      const monday = new Date(startMs + (week + 1) * WEEK_MS + 6 * 3_600_000).toISOString(); // 06:00 or 07:00 local: after midnight either way
      const r = await runCli([
        'screen',
        ...DEMO,
        '--period',
        'last-week',
        '--now',
        monday,
        '--db',
        db,
        '--out',
        join(tempDir(), 'lijst'),
        '--format',
        'csv,json',
        '--json',
        '--max-reject-rate',
        '100%',
      ]);
      const json = JSON.parse(r.stdout);
      runs.push({ week, code: r.code, period: json.run.period, hotspots: json.hotspots.map((h: Listed) => h) });
    }
  }, 60_000);

  it('judges each week over the 26 weeks up to it', () => {
    expect(runs.map((r) => r.code)).toEqual(Array(8).fill(0));
    expect(runs.every((r) => r.period.evidence.windowDays === 182)).toBe(true);
    expect(runs.map((r) => r.period.label)).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
  });

  it('lists every hotspot that is still active, every week, with a stable key', () => {
    for (const h of active) {
      const listings = runs.map((r) => listing(r, h));
      expect(listings.every(Boolean), `${h.id} ${h.street}`).toBe(true);
      expect(listings.filter((l) => l!.class === 'hotspot').length, `${h.id} ${h.street}`).toBeGreaterThanOrEqual(7);
      expect(new Set(listings.map((l) => l!.key)).size, `${h.id} keeps its key`).toBe(1);
    }
  });

  it('drops the hotspot that stopped once it has been quiet for 28 days: listed as watch, "gone quiet"', () => {
    const stopWeek = stopped.stopWeek!;
    expect(weeks - stopWeek).toBeGreaterThanOrEqual(4);
    const classes = runs.map((r) => listing(r, stopped)?.class ?? 'gone');
    expect(classes.slice(0, stopWeek - runs[0]!.week)).toEqual(Array(stopWeek - runs[0]!.week).fill('hotspot'));
    expect(classes.at(-1)).not.toBe('hotspot');
    for (const r of runs) {
      const l = listing(r, stopped);
      if (r.week < stopWeek) expect(l?.class, `week ${r.week}: still active`).toBe('hotspot');
      if (r.week >= stopWeek + 4) {
        expect(l?.class ?? 'gone', `week ${r.week}: quiet for 4 weeks`).not.toBe('hotspot');
        if (l) expect(l.caveats).toContain('gone-quiet');
      }
    }
  });
});
