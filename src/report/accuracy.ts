import type { AccuracyView, ListAccuracyView as ListAccuracy, PooledView } from '../model/effect.js';
export type { AccuracyView };
import { decimal, percent, type Lang } from './words.js';
import { dayDate, weekMonday } from '../util/period.js';

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
/** Four significant digits: area shares are small (0.0038). */
const sig4 = (v: number) => Number(v.toPrecision(4));
const scored = (a: ListAccuracy) => ({
  reports: a.reports,
  captured: a.captured,
  hitRate: r4(a.hitRate),
  areaShare: sig4(a.areaShare),
  pai: r4(a.pai),
  bestCaptured: a.bestCaptured,
  pei: r4(a.pei),
});
const pooled = (p: PooledView) => ({
  meanAreaShare: sig4(p.meanAreaShare),
  hitRate: r4(p.hitRate),
  lo: r4(p.lo),
  hi: r4(p.hi),
  meanPai: r4(p.meanPai),
  meanPei: r4(p.meanPei),
});

/** `trend --accuracy --json`, schema version 1 (documented in the README). */
export function accuracyJson(a: AccuracyView) {
  return {
    schemaVersion: 1,
    weeksAfter: a.weeksAfter,
    cellSizeM: a.cellSizeM,
    studyAreaCells: a.runs.length > 0 ? a.places : null,
    pendingRuns: a.pending,
    summary: a.summary && {
      runs: a.summary.runs,
      list: pooled(a.summary.list),
      lastPeriod: pooled(a.summary.lastPeriod),
      longRun: pooled(a.summary.longRun),
      meanJaccard: a.summary.meanJaccard === null ? null : r4(a.summary.meanJaccard),
    },
    runs: a.runs.map((r) => ({
      runId: r.runId,
      period: r.periodLabel,
      judgedOn: weekDates(r.weeks),
      hotspots: r.hotspots,
      cells: r.cells,
      list: { ...scored(r.list), hitRateCi: { lo: r4(r.list.hitRateCi.lo), hi: r4(r.list.hitRateCi.hi) } },
      lastPeriod: scored(r.lastPeriod),
      longRun: scored(r.longRun),
      jaccard: r.jaccard === null ? null : r4(r.jaccard),
    })),
  };
}

/** ISO week indices as the dates they cover (Monday of the first, Sunday of the last). */
export const weekDates = ([first, last]: [number, number]) => ({ from: dayDate(weekMonday(first)), to: dayDate(weekMonday(last) + 6) });

/** One sentence on how good the list has been, against last period's counts. */
export function accuracySentence(a: AccuracyView, lang: Lang): string {
  const s = a.summary;
  if (!s) {
    return lang === 'nl'
      ? `Nog geen lijst te beoordelen: daarvoor zijn de ${a.weeksAfter} weken na een run nodig.`
      : `No list can be judged yet: that takes the ${a.weeksAfter} weeks after a run.`;
  }
  const l = s.list,
    b = s.lastPeriod;
  return lang === 'nl'
    ? `Over ${s.runs} lijsten vielen ${percent(l.hitRate, lang)} (95 %: ${percent(l.lo, lang)}-${percent(l.hi, lang)}) van de meldingen in de ${a.weeksAfter} weken erna op de hotspots, ${decimal(l.meanAreaShare * 100, lang, 1)} % van het gebied (PAI ${decimal(l.meanPai, lang, 1)}, PEI ${decimal(l.meanPei, lang, 2)}); de drukste plekken van de vorige ${a.weeksAfter} weken haalden ${percent(b.hitRate, lang)} (PAI ${decimal(b.meanPai, lang, 1)}).`
    : `Over ${s.runs} lists, ${percent(l.hitRate, lang)} (95 %: ${percent(l.lo, lang)}-${percent(l.hi, lang)}) of the reports in the ${a.weeksAfter} weeks after fell at the hotspots, ${decimal(l.meanAreaShare * 100, lang, 1)} % of the area (PAI ${decimal(l.meanPai, lang, 1)}, PEI ${decimal(l.meanPei, lang, 2)}); the busiest places of the previous ${a.weeksAfter} weeks caught ${percent(b.hitRate, lang)} (PAI ${decimal(b.meanPai, lang, 1)}).`;
}
