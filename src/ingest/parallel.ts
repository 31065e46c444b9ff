import { parentPort, Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Mapping } from './mapping.js';
import { compileRowMapper, mapRowsInto, type MapperOptions, type RowMapper } from './row-mapper.js';
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

/**
 * Default number of worker threads: one per core, at most 4; none on a single core. The reading
 * thread waits for the workers much of the time, so it needs no core of its own (1M rows on 2
 * cores: 1 worker 18.9 s, 2 workers 16.1 s).
 */
export const defaultJobs = () => {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(4, cores);
};

/**
 * Slices sent to a worker and not answered yet, at most: enough that a worker never waits for the
 * reader (1M rows, 2 workers, when workers were topped up in taking order: 2, 4, 8 and 16 took
 * 6.4, 6.3, 6.1 and 6.0 s, 16 with more memory).
 */
const AHEAD = 8;

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
 * The body of a worker script: reads the slices it is sent, one at a time, in the order sent, each
 * with the mapping of the file last announced. A slice is tokenized from its record boundary and its rows mapped into a batch. A slice that does
 * not end on a record boundary, or holds a record the tokenizer cannot read, is answered
 * `clean: false`: the reader then reads from that slice on itself, so results never depend on
 * where the file was cut.
 */
export function serveSlices(makeClassify: (data: unknown) => Classify | undefined): void {
  let file: { init: WorkerInit; mapRow: RowMapper; classify: Classify | undefined } | undefined;
  parentPort!.on('message', (task: WorkerTask) => {
    if (task.init) {
      const init = task.init;
      file = {
        init,
        mapRow: compileRowMapper(init.mapping, init.header, init.mapper),
        classify: init.classifierData === undefined ? undefined : makeClassify(init.classifierData),
      };
      return;
    }
    const { init, mapRow, classify } = file!;
    const slice = task.slice!;
    const tokenizer = new CsvTokenizer(init.delimiter, { maxRecordChars: init.maxRecordChars, resume: slice.at });
    const out = tokenizer.push(slice.text, slice.final);
    if (out.problems.length > 0 || tokenizer.pending() !== '') {
      parentPort!.postMessage({ clean: false } satisfies SliceAnswer);
      return;
    }
    const batch = mapRowsInto(new BatchBuilder(init.mapper.file, init.source, classify), out.rows, init.header.length, mapRow).finish();
    parentPort!.postMessage({ clean: true, batch } satisfies SliceAnswer, transferList(batch));
  });
}

/** A message to a worker: the next file to read (its mapping), or a slice of it. */
interface WorkerTask {
  init?: WorkerInit;
  slice?: CsvSlice;
}

class SliceWorker {
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve: (a: SliceAnswer) => void; reject: (e: unknown) => void }> = [];

  constructor(script: URL) {
    this.worker = new Worker(script);
    this.worker.on('message', (a: SliceAnswer) => this.waiting.shift()?.resolve(a));
    this.worker.on('error', (err) => {
      for (const w of this.waiting.splice(0)) w.reject(err);
    });
    this.worker.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`ingest worker stopped (exit code ${code})`));
    });
  }

  startFile(init: WorkerInit): void {
    this.worker.postMessage({ init } satisfies WorkerTask);
  }

  /** Answers come in the order asked. */
  run(slice: CsvSlice): Promise<SliceAnswer> {
    const answer = new Promise<SliceAnswer>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
    answer.catch(() => undefined); // awaited in order later; a worker stopped early must not be an unhandled rejection
    this.worker.postMessage({ slice } satisfies WorkerTask);
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
 * Worker threads for one run, started when the first large file is read and kept for the next
 * (a thread's start and its compiled code are not paid again per file). Close it when done.
 */
export class WorkerPool {
  private workers: SliceWorker[] | undefined;
  private script: URL | undefined;

  constructor(private readonly size: number) {}

  /**
   * Maps a file's slices on the pool's threads running `script` (default: without a classifier)
   * and yields them in file order. From the first slice a worker could not read cleanly, every
   * slice comes back without a batch, for the caller to read in order itself.
   */
  async *map(slices: AsyncIterable<CsvSlice>, init: WorkerInit, script = PLAIN_WORKER): AsyncGenerator<MappedSlice> {
    const pool = await this.start(script);
    for (const w of pool) w.startFile(init);
    const inFlight: Array<{ slice: CsvSlice; answer: Promise<SliceAnswer> }> = [];
    const source = slices[Symbol.asyncIterator]();
    const queued = new Int32Array(pool.length); // slices sent to each worker and not answered yet
    let more = true,
      filling: Promise<void> | undefined;
    /**
     * Keeps every worker AHEAD slices ahead, topping a worker up as soon as it answers rather than
     * when its answer's turn comes to be taken: taking in file order, the reader waits for the
     * oldest answer, and a worker that had answered all it was sent stood idle meanwhile. Answers
     * not yet taken are bounded (twice AHEAD per worker).
     */
    const fill = async (): Promise<void> => {
      await undefined; // runs once `filling` is set
      try {
        for (;;) {
          const w = queued.indexOf(Math.min(...queued));
          if (!more || queued[w]! >= AHEAD || inFlight.length >= pool.length * AHEAD * 2) return;
          const n = await source.next();
          if (n.done || !more) {
            // (stopped meanwhile: a slice read is still the caller's to read, in its place)
            if (!n.done) inFlight.push({ slice: n.value, answer: Promise.resolve({ clean: false }) });
            more = false;
            return;
          }
          queued[w]!++;
          const answer = pool[w]!.run(n.value);
          const answered = () => {
            queued[w]!--;
            void pump();
          };
          answer.then(answered, answered);
          inFlight.push({ slice: n.value, answer });
        }
      } finally {
        filling = undefined;
      }
    };
    const pump = () => (filling ??= fill());
    await pump();
    while (inFlight.length > 0 || more) {
      if (inFlight.length === 0) {
        await pump();
        continue;
      }
      const { slice, answer } = inFlight.shift()!;
      const a = await answer;
      if (!a.clean) {
        more = false;
        await filling;
        yield { slice };
        for (const f of inFlight.splice(0)) {
          await f.answer;
          yield { slice: f.slice };
        }
        for (let n = await source.next(); !n.done; n = await source.next()) yield { slice: n.value };
        return;
      }
      void pump();
      yield { slice, batch: a.batch! };
    }
  }

  /** Starts the threads now (they load their code while the first file is opened); map() uses them. */
  warm(script = PLAIN_WORKER): void {
    void this.start(script);
  }

  private async start(script: URL): Promise<SliceWorker[]> {
    if (this.workers && this.script?.href !== script.href) await this.close();
    this.script = script;
    return (this.workers ??= Array.from({ length: Math.max(1, this.size) }, () => new SliceWorker(script)));
  }

  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.all(workers.map((w) => w.stop()));
  }
}
