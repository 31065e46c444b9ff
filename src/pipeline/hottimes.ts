import { runScreen, type ScreenOptions } from './screen.js';
import { hourProfile } from '../score/aoristic.js';
import { HOURS_PER_WEEK, monthProfile, nameWindow, peakWindow } from '../score/hottime.js';
import { THEMES } from '../model/incoming.js';
import { areaName } from '../geo/areas.js';
import type { Screening } from '../model/screening.js';
import { formatPeriodDate } from '../util/period.js';

export type HottimeGrouping = 'theme' | 'hotspot' | 'buurt';

export interface HottimeProfile {
  name: string;
  reports: number;
  /** Aoristic weight per hour of the week (168, Monday 00:00 first). */
  hours: number[];
  peak: string | null;
  /** With --by hotspot: the place's candidate id, its history key (when the history knows it) and its name. */
  id?: string;
  key?: string;
  place?: string;
}

export interface HottimeSet {
  period: Screening['period'];
  overall: HottimeProfile & { months: number[] };
  groups: HottimeProfile[];
  eventDays: Array<{ place: string; id: string; key?: string; date: string; reports: number; expected: number }>;
}

/** Names the places by the keys of the history (`historyKeys`), for a screening's hotspots in order. */
export type KeysOf = (s: Screening) => Array<string | undefined> | undefined;

export interface HottimeChange {
  window: string;
  before: number;
  after: number;
  /** Change in share of the week's weight, percentage points. */
  changePt: number;
}

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

function profile(name: string, reports: number, bins: Float64Array): HottimeProfile {
  return { name, reports, hours: Array.from(bins, (v) => round(v)), peak: peakWindow(bins, 3)?.label ?? null };
}

/** Hot times of one period: overall, per group, with the months and the event days of each hotspot. */
export async function hottimesOf(opts: ScreenOptions, by: HottimeGrouping, keysOf?: KeysOf): Promise<HottimeSet> {
  const { screening, store } = await runScreen(opts);
  const cols = store.columns();
  const all = Int32Array.from({ length: store.size }, (_, i) => i);
  const keys = keysOf?.(screening);
  const named = screening.hotspots.map((h, k) => ({ id: h.id, ...(keys?.[k] ? { key: keys[k] } : {}), place: h.place }));
  const groups: HottimeProfile[] = [];
  if (by === 'hotspot') {
    screening.hotspots.forEach((h, k) =>
      groups.push({ ...profile(`${named[k]!.key ?? h.id} ${h.place}`, h.reports, h.hourProfile), ...named[k]! }),
    );
  } else {
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < store.size; i++) {
      const key = by === 'theme' ? THEMES[cols.theme[i]!]! : cols.buurt[i]! >= 0 ? store.areas.values[cols.buurt[i]!]! : '(no buurt)';
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(i);
    }
    for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const label = by === 'buurt' && areaName(key) ? `${key} ${areaName(key)}` : key;
      groups.push(profile(label, list.length, hourProfile(list, cols)));
    }
  }
  return {
    period: screening.period,
    overall: { ...profile('all screened reports', store.size, hourProfile(all, cols)), months: Array.from(monthProfile(all, cols)) },
    groups,
    eventDays: screening.hotspots.flatMap((h, k) => h.eventDays.map((d) => ({ ...named[k]!, ...d, expected: round(d.expected) }))),
  };
}

/**
 * `hottimes --json`, schema version 2: flat, with the period as its label and first and last day
 * (local dates), not the screening's period object; `compare` holds the second period the same way.
 */
export function hottimesJson(by: HottimeGrouping, main: HottimeSet, other?: HottimeSet, change?: ReturnType<typeof compareProfiles>) {
  const set = (h: HottimeSet) => ({
    period: { label: h.period.label, from: formatPeriodDate(h.period.fromMs), to: formatPeriodDate(h.period.toMs - 1) },
    overall: h.overall,
    groups: h.groups,
    eventDays: h.eventDays,
  });
  return { schemaVersion: 2, by, ...set(main), ...(other ? { compare: set(other), change } : {}) };
}

/**
 * Where the week's weight moved between two profiles: the 3-hour windows whose share rose or fell
 * most (non-overlapping, largest first), in percentage points of the whole week.
 */
export function compareProfiles(
  before: readonly number[],
  after: readonly number[],
  hours = 3,
  top = 3,
): { rose: HottimeChange[]; fell: HottimeChange[] } {
  const share = (p: readonly number[]) => {
    const t = p.reduce((a, b) => a + b, 0) || 1;
    return p.map((v) => v / t);
  };
  const a = share(before),
    b = share(after);
  const windows = Array.from({ length: HOURS_PER_WEEK }, (_, s) => {
    let x = 0,
      y = 0;
    for (let k = 0; k < hours; k++) {
      x += a[(s + k) % HOURS_PER_WEEK]!;
      y += b[(s + k) % HOURS_PER_WEEK]!;
    }
    return { start: s, before: x, after: y, change: y - x };
  });
  const pick = (sign: 1 | -1) => {
    const taken = new Set<number>();
    const out: HottimeChange[] = [];
    for (const w of [...windows].sort((p, q) => sign * (q.change - p.change) || p.start - q.start)) {
      if (out.length >= top || sign * w.change <= 0) break;
      const span = Array.from({ length: hours }, (_, k) => (w.start + k) % HOURS_PER_WEEK);
      if (span.some((h) => taken.has(h))) continue;
      span.forEach((h) => taken.add(h));
      out.push({
        window: nameWindow(w.start, hours),
        before: round(w.before * 100, 1),
        after: round(w.after * 100, 1),
        changePt: round(w.change * 100, 1),
      });
    }
    return out;
  };
  return { rose: pick(1), fell: pick(-1) };
}
