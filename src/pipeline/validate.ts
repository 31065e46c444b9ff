import { join } from 'node:path';
import {
  Deduplicator,
  ingestFile,
  totalsOf,
  workerPoolFor,
  type FileSummary,
  type IngestOptions,
  type IngestTotals,
  type RejectRow,
} from '../ingest/ingest.js';
import { openCsvWriter, type AtomicCsvWriter } from '../report/write.js';
import type { Theme } from '../model/incoming.js';
import type { ReportBatch } from '../model/batch.js';
import { formatLocalIso } from '../util/time.js';
import { byCharacters } from '../util/text.js';

/** Columns of rejects.csv. Only the offending cell is shown, clipped; never the whole row (it holds personal data). */
export const REJECT_COLUMNS = ['kind', 'file', 'line', 'column', 'code', 'reason', 'value'] as const;

export interface IngestRunOptions extends IngestOptions {
  files: string[];
  /** Where to write rejects.csv; none when undefined. */
  rejectsPath?: string;
  /** Share of rejected rows above which the run counts as failed (exit 1). */
  maxRejectRate: number;
  /** Called for each accepted report, report `j` of a batch (screening collects them; validate does not). */
  onReport?: (batch: ReportBatch, j: number) => void;
  /** Called per batch of rows read, for progress display. */
  onProgress?: (file: string, rowsRead: number) => void;
  /** Called before a CSV file's rows come, with about how many it has (to size what collects them). */
  onExpect?: (rows: number) => void;
  /** Stops the run between batches (SIGINT, SIGTERM, SIGHUP): it throws the signal's reason. */
  signal?: AbortSignal;
}

export interface IngestRunResult {
  files: FileSummary[];
  totals: IngestTotals;
  overThreshold: boolean;
  maxRejectRate: number;
  rejectsPath: string | null;
}

/** Ingests all files, writes rejects.csv, and counts everything. Holds no reports itself. */
export async function runIngest(opts: IngestRunOptions): Promise<IngestRunResult> {
  const dedup = new Deduplicator();
  const writer: AtomicCsvWriter | undefined = opts.rejectsPath ? openCsvWriter(opts.rejectsPath, REJECT_COLUMNS) : undefined;
  const files: FileSummary[] = [];
  const sink = {
    accept: (b: ReportBatch, j: number) => opts.onReport?.(b, j),
    progress: (file: string, rowsRead: number) => {
      opts.signal?.throwIfAborted();
      opts.onProgress?.(file, rowsRead);
    },
    reject: (row: RejectRow) => writer?.write([row.kind, row.file, row.line, row.column ?? '', row.code, row.reason, row.value ?? '']),
    expect: (rows: number) => opts.onExpect?.(rows),
  };
  const workers = await workerPoolFor(opts, opts.files);
  try {
    for (const file of opts.files) files.push(await ingestFile(file, opts, dedup, sink, workers));
    await writer?.commit();
  } catch (err) {
    writer?.abort();
    throw err;
  } finally {
    await workers.close();
  }
  const totals = totalsOf(files);
  return {
    files,
    totals,
    maxRejectRate: opts.maxRejectRate,
    overThreshold: totals.rejectRate > opts.maxRejectRate,
    rejectsPath: opts.rejectsPath ?? null,
  };
}

/** The machine-readable summary (`validate --json`); times as local ISO 8601 in Europe/Amsterdam. */
export function summaryJson(result: IngestRunResult) {
  const themes: Partial<Record<Theme, number>> = {};
  let first: number | null = null;
  let last: number | null = null;
  for (const f of result.files) {
    for (const [t, n] of Object.entries(f.themes)) themes[t as Theme] = (themes[t as Theme] ?? 0) + n;
    if (f.firstReportedAt !== null && (first === null || f.firstReportedAt < first)) first = f.firstReportedAt;
    if (f.lastReportedAt !== null && (last === null || f.lastReportedAt > last)) last = f.lastReportedAt;
  }
  const iso = (ms: number | null, zone?: string) => (ms === null ? null : formatLocalIso(ms, zone));
  return {
    schemaVersion: 1,
    totals: { ...result.totals, rejectRate: Number(result.totals.rejectRate.toFixed(6)) },
    maxRejectRate: result.maxRejectRate,
    overThreshold: result.overThreshold,
    dateRange: { first: iso(first), last: iso(last) },
    themes: sortedRecord(themes),
    rejectsFile: result.rejectsPath,
    files: result.files.map(({ mapping: _mapping, ...f }) => ({
      ...f,
      firstReportedAt: iso(f.firstReportedAt, f.timeZone),
      lastReportedAt: iso(f.lastReportedAt, f.timeZone),
      themes: sortedRecord(f.themes),
    })),
  };
}

function sortedRecord<T extends string>(r: Partial<Record<T, number>>): Partial<Record<T, number>> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => byCharacters(a, b))) as Partial<Record<T, number>>;
}

/** Conventional place of the rejects file inside an output folder. */
export const rejectsPathIn = (dir: string) => join(dir, 'rejects.csv');
