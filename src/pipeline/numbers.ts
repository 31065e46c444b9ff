import { parentPort, Worker } from 'node:worker_threads';
import { giStarGrid, type GiStarGrid, type GiStarOptions } from '../score/grid.js';
import { densitySurface, type DensityGrid } from '../score/kde.js';
import { hourProfile } from '../score/aoristic.js';
import { addressRepeats, cellWeeksOf, concentrationOf } from '../score/cells.js';
import type { CellWeeks } from '../model/assessment.js';
import type { Screening } from '../model/screening.js';
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

/** The numbers as they become known: the grid first (scoring needs it), the rest after. */
export interface Numbers {
  grid: Promise<GiStarGrid | null>;
  rest: Promise<NumbersRest>;
  /** Stops the worker (after an error or an abort); harmless when done. */
  stop(): void;
}

/**
 * Screened reports below which a worker thread costs more than it saves: its start and warm-up
 * take about 0.15 s, the numbers of 100,000 reports 0.1 s.
 */
export const WORKER_MIN_REPORTS = 250_000;

/** Works out the numbers here, in order, when awaited. */
export function numbersHere(i: NumbersInput): Numbers {
  let grid: GiStarGrid | null | undefined;
  const gridNow = () => (grid === undefined ? (grid = gridOf(i)) : grid);
  return {
    get grid() {
      return Promise.resolve().then(gridNow);
    },
    get rest() {
      return Promise.resolve().then(() => restOf(i, gridNow()));
    },
    stop: () => undefined,
  };
}

const NUMBERS_WORKER = workerScript('pipeline/numbers-worker.js');

/**
 * Works out the numbers on a worker thread. Columns in shared memory (the report store's) are read
 * there as they are; others are copied (the caller's arrays are never moved away).
 */
export function numbersOnWorker(i: NumbersInput): Numbers {
  const buffers: ArrayBuffer[] = [];
  const share = <T extends Float64Array | Int32Array>(a: T): T => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const copy = a.slice() as T;
    buffers.push(copy.buffer as ArrayBuffer);
    return copy;
  };
  const copy = {
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
  const worker = new Worker(NUMBERS_WORKER);
  const answers: Array<(m: unknown) => void> = [];
  const failures: Array<(e: unknown) => void> = [];
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      answers.push(resolve as (m: unknown) => void);
      failures.push(reject);
    });
  const grid = next<GiStarGrid | null>();
  const rest = next<NumbersRest>().finally(() => void worker.terminate());
  grid.catch(() => undefined);
  rest.catch(() => undefined);
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
  worker.postMessage(copy, buffers);
  return { grid, rest, stop: () => void worker.terminate() };
}

/** The body of the worker script: answers one input with the grid, then the rest. */
export function serveNumbers(): void {
  parentPort!.once('message', (i: NumbersInput) => {
    const grid = gridOf(i);
    parentPort!.postMessage(grid);
    parentPort!.postMessage(restOf(i, grid));
  });
}
