import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvTokenizer } from './tokenize.js';
import { SAMPLE_BYTES, type Dialect } from './sniff.js';
import { UserError } from '../util/errors.js';
import { visible } from '../util/text.js';

/** One parsed CSV record with the 1-based line it starts on in the file. */
export interface CsvRow {
  line: number;
  cells: string[];
  /** A record that could not be read (unclosed quote, record size): why, and no cells. */
  problem?: string;
}

/** A record the CSV parser could not read (unclosed quote and the like). */
export interface CsvParseProblem {
  line: number;
  message: string;
}

export interface CsvSource {
  dialect: Dialect;
  /** Header cells, or `column1..N` for headerless files. */
  header: string[];
  /** Rows in batches (one await per batch keeps a million rows fast). */
  rows: AsyncGenerator<CsvRow[]>;
  /** SHA-256 of the file's bytes; final after `rows` is drained. */
  sha256(): string;
}

/** Largest record accepted (bytes); guards against an unclosed quote swallowing the file. */
const MAX_RECORD_BYTES = 1 << 20;

/** Why an input cannot be opened, in words, with the fix that fits. */
export function openError(displayPath: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  const file = visible(displayPath);
  switch (code) {
    case 'ENOENT': return new UserError(`cannot open ${file}: no such file`, { hint: 'check the path and the spelling (quote names with spaces)' });
    case 'EACCES':
    case 'EPERM': return new UserError(`cannot read ${file}: no permission`, { hint: `check the file's owner and permissions (ls -l "${file}"), or copy it somewhere you can read` });
    case 'EISDIR': return new UserError(`${file} is a folder, not a file`, { hint: `pass the export files inside it, e.g. "${file}"/*.csv` });
    case 'ENOTDIR': return new UserError(`cannot open ${file}: a part of the path is a file, not a folder`, { hint: 'check the path' });
    default: return new UserError(`cannot read ${file}: ${code}`, { hint: 'check that the file exists and can be read' });
  }
}

/** The first 64 KB of a file, for sniffing; a missing, unreadable or folder path is a user error. */
export async function readSample(path: string, displayPath = path): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    const buf = new Uint8Array(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw openError(displayPath, err);
  } finally {
    await handle?.close();
  }
}

/** Rows handed over per batch: one await per batch instead of one per row. */
const BATCH_ROWS = 2048;

/**
 * Opens a CSV export as a stream of row batches in the given (sniffed) dialect: bytes are hashed
 * and decoded chunk by chunk and cut into records by CsvTokenizer, so a 1 GB export is never held
 * in memory. Records the tokenizer cannot read (an unclosed quote, a record over 1 MB) come in the
 * batches as rows with a `problem`, in file order.
 */
export async function openCsv(path: string, dialect: Dialect): Promise<CsvSource> {
  const hash = createHash('sha256');
  const tokenizer = new CsvTokenizer(dialect.delimiter, { skipLines: dialect.skipLines, maxRecordChars: MAX_RECORD_BYTES });
  const batches = (async function* () {
    const decoder = new TextDecoder(dialect.encoding); // not fatal: stray bytes become U+FFFD, counted per row
    const emit = function* (out: { rows: CsvRow[]; problems: CsvParseProblem[] }) {
      const all: CsvRow[] = out.problems.length === 0 ? out.rows
        : [...out.rows, ...out.problems.map((p) => ({ line: p.line, cells: [], problem: p.message }))].sort((x, y) => x.line - y.line);
      for (let k = 0; k < all.length; k += BATCH_ROWS) yield all.slice(k, k + BATCH_ROWS);
    };
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      yield* emit(tokenizer.push(decoder.decode(chunk as Buffer, { stream: true })));
    }
    yield* emit(tokenizer.push(decoder.decode(), true));
  })();
  const first = await batches.next();
  const firstBatch = first.done ? [] : first.value;
  const firstRow = firstBatch.find((r) => !r.problem);
  const header = !firstRow ? [] : dialect.header
    ? firstRow.cells.map((h) => h.trim())
    : firstRow.cells.map((_, i) => `column${i + 1}`);
  if (dialect.header && firstRow) firstBatch.splice(firstBatch.indexOf(firstRow), 1);
  return { dialect, header, rows: startingWith(firstBatch, batches), sha256: () => hash.copy().digest('hex') };
}

/** The batches of `rest`, after `first` (a batch taken off the front to look at; skipped when empty). */
export async function* startingWith(first: CsvRow[], rest: AsyncIterable<CsvRow[]>): AsyncGenerator<CsvRow[]> {
  if (first.length > 0) yield first;
  yield* rest;
}

