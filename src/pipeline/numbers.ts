import { parentPort, Worker } from 'node:worker_threads';
import { giStarGrid, type GiStarGrid, type GiStarOptions } from '../score/grid.js';
import { densitySurface, type DensityGrid } from '../score/kde.js';
import { hourProfile } from '../score/aoristic.js';
import { eventDays, peakWindow, type TimeColumns } from '../score/hottime.js';
import { addressRepeats, cellWeeksOf, concentrationOf } from '../score/cells.js';
import type { CellWeeks } from '../model/assessment.js';
import type { Hotspot, Screening } from '../model/screening.js';
import { localDayNumber } from '../util/time.js';
import { workerScript } from '../ingest/parallel.js';

/**
 * The screening's numbers that need only the screened reports' columns, not the candidates: the
 * Gi* grid, the density surface, the overall hour-of-week profile, the weekly cell counts,
 * concentration and repeats. With a free
 * core they are worked out on a worker thread while this thread clusters and scores (1M reports:
 * about 0.7 s off the run); the results are the same either way (the same functions, on the same
 * columns in shared memory or on copies).
 */
export interface NumbersInput {
  x: Float64Array;
  y: Float64Array;
  reportedAt: Float64Array;
  incidentStart: Float64Array;
  incidentEnd: Float64Array;
  /** 1 when the time of day is known. */
  exactTime: Int32Array;
  theme: Int32Array;
  source: Int32Array;
  address: Int32Array;
  weekOf: Int32Array;
  /** The Gi* grid's options; its cell size, when the rules set one, is the density's too. */
  grid: GiStarOptions;
  names: { themes: readonly string[]; sources: readonly string[] };
  /** Local day numbers [fromDay, toDay) of the evidence range. */
  evidence: { fromDay: number; toDay: number };
  /** End of the evidence range (UTC ms): repeats are followed up to it. */
  endMs: number;
}

export interface NumbersRest {
  density: DensityGrid | null;
  /** The aoristic hour-of-week profile of all screened reports (report.html's hot times). */
  overallHours: Float64Array;
  cellWeeks: CellWeeks;
  concentration: Screening['concentration'];
  repeats: Screening['repeats'];
}

/** Cell side for concentration when there is no Gi* grid (metres). */
const CONCENTRATION_CELL_M = 100;

export const gridOf = (i: NumbersInput): GiStarGrid | null => giStarGrid(i.x, i.y, i.grid);

export function restOf(i: NumbersInput, grid: GiStarGrid | null): NumbersRest {
  return {
    density: densitySurface(i.x, i.y, grid?.cellSizeM ?? i.grid.cellSizeM),
    overallHours: hourProfile(
      Int32Array.from({ length: i.x.length }, (_, k) => k),
      i,
    ),
    cellWeeks: cellWeeksOf(i, i.weekOf, i.names, i.evidence, localDayNumber),
    concentration: concentrationOf(i.x, i.y, i.address, grid?.cellSizeM ?? CONCENTRATION_CELL_M),
    repeats: addressRepeats(i.address, i.reportedAt, i.endMs),
  };
}

/** A place's hot times: its aoristic hour-of-week profile, its busiest three hours, its event days. */
export type PlaceTimes = Pick<Hotspot, 'peakHottime' | 'hourProfile' | 'eventDays'>;

/** Hot times of a place (its reports `m`) over a period of `periodDays`. */
export function timesOf(m: Int32Array, c: TimeColumns, periodDays: number): PlaceTimes {
  const profile = hourProfile(m, c);
  const peak = peakWindow(profile, 3);
  return {
    ...(peak ? { peakHottime: { label: peak.label, share: peak.share } } : {}),
    hourProfile: profile,
    eventDays: eventDays(m, c, periodDays),
  };
}

/**
 * The numbers as they become known: the grid first (scoring needs it), then the hot times of the
 * places once clustering has found them, then the rest. Ask for the times once (`rest()` asks
 * for none when they were not asked for).
 */
export interface Numbers {
  grid: Promise<GiStarGrid | null>;
  times(places: readonly Int32Array[], periodDays: number): Promise<PlaceTimes[]>;
  rest(): Promise<NumbersRest>;
  /** Stops the worker (after an error or an abort); harmless when done. */
  stop(): void;
}

/**
 * Screened reports below which a worker thread costs more than it saves: its start and warm-up
 * take about 0.15 s, the numbers of 100,000 reports 0.1 s.
 */
export const WORKER_MIN_REPORTS = 250_000;

/** Works out the numbers here, each when it is awaited. */
export function numbersHere(i: NumbersInput): Numbers {
  let grid: GiStarGrid | null | undefined;
  const gridNow = () => (grid === undefined ? (grid = gridOf(i)) : grid);
  return {
    get grid() {
      return Promise.resolve().then(gridNow);
    },
    times: (places, periodDays) => Promise.resolve().then(() => places.map((m) => timesOf(m, i, periodDays))),
    rest: () => Promise.resolve().then(() => restOf(i, gridNow())),
    stop: () => undefined,
  };
}

const NUMBERS_WORKER = workerScript('pipeline/numbers-worker.js');

/**
 * The numbers worker's young generation (MB). Its work is on typed arrays; the default (as large
 * as the main thread's) let it hold some 35 MB more while the main thread scores, where the
 * run's memory peaks (1M reports: 468-548 MB peak with the default or 8, 478 MB with 4, at the
 * same speed).
 */
const NUMBERS_YOUNG_MB = 4;

/** What the main thread sends the numbers worker: the columns first, then the places found. */
type NumbersTask = { input: NumbersInput } | { places: readonly Int32Array[]; periodDays: number };

/**
 * Works out the numbers on a worker thread. Columns in shared memory (the report store's) are read
 * there as they are; others are copied (the caller's arrays are never moved away). The worker
 * answers in order: the grid, the places' hot times, the rest.
 */
export function numbersOnWorker(i: NumbersInput): Numbers {
  const buffers: ArrayBuffer[] = [];
  const share = <T extends Float64Array | Int32Array>(a: T): T => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const copy = a.slice() as T;
    buffers.push(copy.buffer as ArrayBuffer);
    return copy;
  };
  const input = {
    ...i,
    x: share(i.x),
    y: share(i.y),
    reportedAt: share(i.reportedAt),
    incidentStart: share(i.incidentStart),
    incidentEnd: share(i.incidentEnd),
    exactTime: share(i.exactTime),
    theme: share(i.theme),
    source: share(i.source),
    address: share(i.address),
    weekOf: share(i.weekOf),
  };
  const worker = new Worker(NUMBERS_WORKER, { resourceLimits: { maxYoungGenerationSizeMb: NUMBERS_YOUNG_MB } });
  const answers: Array<(m: unknown) => void> = [];
  const failures: Array<(e: unknown) => void> = [];
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      answers.push(resolve as (m: unknown) => void);
      failures.push(reject);
    });
  const grid = next<GiStarGrid | null>();
  const times = next<PlaceTimes[]>();
  const rest = next<NumbersRest>().finally(() => void worker.terminate());
  for (const p of [grid, times, rest]) p.catch(() => undefined);
  worker.on('message', (m) => {
    failures.shift();
    answers.shift()?.(m);
  });
  const fail = (err: unknown) => {
    answers.length = 0;
    for (const f of failures.splice(0)) f(err);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`numbers worker stopped (exit code ${code})`)));
  worker.postMessage({ input } satisfies NumbersTask, buffers);
  let asked = false;
  const ask = (places: readonly Int32Array[], periodDays: number) => {
    if (!asked) worker.postMessage({ places, periodDays } satisfies NumbersTask);
    asked = true;
    return times;
  };
  return {
    grid,
    times: ask,
    rest: () => {
      ask([], 1);
      return rest;
    },
    stop: () => void worker.terminate(),
  };
}

/**
 * The body of the worker script: the grid as soon as the columns come, the places' hot times when
 * they come, then the rest (the main thread ends the worker after it).
 */
export function serveNumbers(): void {
  let input: NumbersInput | undefined,
    grid: GiStarGrid | null = null;
  parentPort!.on('message', (task: NumbersTask) => {
    if ('input' in task) {
      input = task.input;
      grid = gridOf(input);
      parentPort!.postMessage(grid);
      return;
    }
    const i = input!;
    parentPort!.postMessage(task.places.map((m) => timesOf(m, i, task.periodDays)));
    // Copied, not transferred: memory this thread allocated and the main thread kept would pin
    // the thread's malloc arena after it ends (1M reports: about 35 MB more resident to the end).
    parentPort!.postMessage(restOf(i, grid));
  });
}
