import { parentPort, Worker, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Mapping } from './mapping.js';
import { compileRowMapper, mapRowsInto, type MapperOptions } from './row-mapper.js';
import type { CsvSlice } from './read-csv.js';
import { CsvTokenizer } from './tokenize.js';
import { BatchBuilder, transferList, type Classify, type ReportBatch } from '../model/batch.js';

/** What a worker needs to map one file's rows. */
export interface WorkerInit {
  mapping: Mapping;
  header: string[];
  mapper: MapperOptions;
  delimiter: string;
  maxRecordChars: number;
  source: string;
  /** Handed to the worker script's classifier factory (the rules, when screening). */
  classifierData?: unknown;
}
/** A worker's answer: the slice's rows in a batch, or `clean: false`. */
export interface SliceAnswer {
  clean: boolean;
  batch?: ReportBatch;
}

/** Default number of worker threads: one per core beyond the first (the reader keeps one busy), at most 4; none on one core. */
export const defaultJobs = () => Math.min(4, Math.max(0, availableParallelism() - 1));

/** Slices handed out ahead of the one being taken, per worker. */
const AHEAD = 2;

/**
 * A module of this package as a worker script: its built copy in dist/, also when this runs from
 * the sources (the tests build dist/ first). `fromDist` is the path inside dist/.
 */
export function workerScript(fromDist: string): URL {
  return new URL(import.meta.url.endsWith('.ts') ? `../../dist/${fromDist}` : `../${fromDist}`, import.meta.url);
}

/** The plain worker script: maps rows without a classifier. */
const PLAIN_WORKER = workerScript('ingest/map-worker.js');

/**
 * The body of a worker script: reads the slices it is sent, one at a time, in the order sent. A
 * slice is tokenized from its record boundary and its rows mapped into a batch. A slice that does
 * not end on a record boundary, or holds a record the tokenizer cannot read, is answered
 * `clean: false`: the reader then reads from that slice on itself, so results never depend on
 * where the file was cut.
 */
export function serveSlices(makeClassify: (data: unknown) => Classify | undefined): void {
  const init = workerData as WorkerInit;
  const mapRow = compileRowMapper(init.mapping, init.header, init.mapper);
  const classify = init.classifierData === undefined ? undefined : makeClassify(init.classifierData);
  parentPort!.on('message', (task: CsvSlice) => {
    const tokenizer = new CsvTokenizer(init.delimiter, { maxRecordChars: init.maxRecordChars, resume: task.at });
    const out = tokenizer.push(task.text, task.final);
    if (out.problems.length > 0 || tokenizer.pending() !== '') {
      parentPort!.postMessage({ clean: false } satisfies SliceAnswer);
      return;
    }
    const batch = mapRowsInto(new BatchBuilder(init.mapper.file, init.source, classify), out.rows, init.header.length, mapRow).finish();
    parentPort!.postMessage({ clean: true, batch } satisfies SliceAnswer, transferList(batch));
  });
}

class SliceWorker {
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve: (a: SliceAnswer) => void; reject: (e: unknown) => void }> = [];

  constructor(script: URL, init: WorkerInit) {
    this.worker = new Worker(script, { workerData: init });
    this.worker.on('message', (a: SliceAnswer) => this.waiting.shift()?.resolve(a));
    this.worker.on('error', (err) => { for (const w of this.waiting.splice(0)) w.reject(err); });
    this.worker.on('exit', (code) => { for (const w of this.waiting.splice(0)) w.reject(new Error(`ingest worker stopped (exit code ${code})`)); });
  }

  /** Answers come in the order asked. */
  run(task: CsvSlice): Promise<SliceAnswer> {
    const answer = new Promise<SliceAnswer>((resolve, reject) => { this.waiting.push({ resolve, reject }); });
    answer.catch(() => undefined); // awaited in order later; a worker stopped early must not be an unhandled rejection
    this.worker.postMessage(task);
    return answer;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** A slice with its batch; without one from the first slice the workers could not read cleanly. */
export interface MappedSlice {
  slice: CsvSlice;
  batch?: ReportBatch;
}

/**
 * Maps a file's slices on `workers` threads running `script` (default: without a classifier) and
 * yields them in file order. From the first slice a worker could not read cleanly, every slice
 * comes back without a batch, for the caller to read in order itself.
 */
export async function* mapSlicesInWorkers(slices: AsyncIterable<CsvSlice>, init: WorkerInit, workers: number, script = PLAIN_WORKER): AsyncGenerator<MappedSlice> {
  const pool = Array.from({ length: Math.max(1, workers) }, () => new SliceWorker(script, init));
  const inFlight: Array<{ slice: CsvSlice; answer: Promise<SliceAnswer> }> = [];
  const source = slices[Symbol.asyncIterator]();
  let turn = 0;
  const submit = async (): Promise<boolean> => {
    const n = await source.next();
    if (n.done) return false;
    inFlight.push({ slice: n.value, answer: pool[turn++ % pool.length]!.run(n.value) });
    return true;
  };
  try {
    let more = true;
    while (more && inFlight.length < pool.length * AHEAD) more = await submit();
    while (inFlight.length > 0) {
      const { slice, answer } = inFlight.shift()!;
      const a = await answer;
      if (!a.clean) {
        yield { slice };
        for (const f of inFlight.splice(0)) yield { slice: f.slice };
        for (let n = await source.next(); !n.done; n = await source.next()) yield { slice: n.value };
        return;
      }
      if (more) more = await submit();
      yield { slice, batch: a.batch! };
    }
  } finally {
    await Promise.all(pool.map((w) => w.stop()));
  }
}
