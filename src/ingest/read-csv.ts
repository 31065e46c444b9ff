import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { SAMPLE_BYTES, type Dialect } from './sniff.js';
import { UserError } from '../util/errors.js';
import { visible } from '../util/text.js';

/** One parsed CSV record with the 1-based line it starts on in the file. */
export interface CsvRow {
  line: number;
  cells: string[];
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

/** Decodes the byte stream chunk by chunk, hashing the raw bytes on the way. */
async function* decodeChunks(path: string, encoding: string, hash: ReturnType<typeof createHash>): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding); // not fatal: stray bytes become U+FFFD, counted per row
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Rows handed over per batch: one await per batch instead of one per row. */
const BATCH_ROWS = 2048;

/**
 * Opens a CSV export as a stream of row batches in the given (sniffed) dialect, parsed with
 * csv-parse chunk by chunk, so a 1 GB export is never held in memory.
 */
export async function openCsv(path: string, dialect: Dialect, onProblem: (p: CsvParseProblem) => void): Promise<CsvSource> {
  const hash = createHash('sha256');
  const parser = Readable.from(decodeChunks(path, dialect.encoding, hash)).pipe(parse({
    delimiter: dialect.delimiter,
    bom: true,
    from_line: dialect.skipLines + 1,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    // `lines` is where the record ends; a record's start line discounts newlines inside its cells.
    on_record: (cells: string[], context: { lines: number }) => ({ line: context.lines - newlinesIn(cells), cells }) as unknown as string[],
    on_skip: (err: CsvError | undefined) => {
      if (err) onProblem({ line: Number((err as unknown as { lines?: number }).lines ?? 0), message: err.message });
    },
  }));
  const batches = readBatches(parser);
  const first = await batches.next();
  const firstBatch = first.done ? [] : first.value;
  const firstRow = firstBatch[0];
  const header = !firstRow ? [] : dialect.header
    ? firstRow.cells.map((h) => h.trim())
    : firstRow.cells.map((_, i) => `column${i + 1}`);
  if (dialect.header) firstBatch.shift();
  const rows = (async function* () {
    if (firstBatch.length > 0) yield firstBatch;
    yield* batches;
  })();
  return { dialect, header, rows, sha256: () => hash.copy().digest('hex') };
}

/** Reads whatever records are buffered in one synchronous loop, waiting only when none are. */
async function* readBatches(parser: Readable): AsyncGenerator<CsvRow[]> {
  let ended = false;
  let failure: unknown;
  parser.once('end', () => { ended = true; });
  parser.once('error', (err) => { failure = err; });
  for (;;) {
    const batch: CsvRow[] = [];
    for (let row: CsvRow | null; batch.length < BATCH_ROWS && (row = parser.read() as CsvRow | null) !== null;) batch.push(row);
    if (failure) throw failure;
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        parser.off('readable', wake).off('end', wake).off('error', wake);
        resolve();
      };
      parser.on('readable', wake).on('end', wake).on('error', wake);
    });
  }
}

function newlinesIn(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.includes('\n')) n += countNewlines(c);
  return n;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
