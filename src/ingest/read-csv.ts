import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { CsvTokenizer, type Resume } from './tokenize.js';
import { Utf8Decoder } from './utf8.js';
import { SAMPLE_BYTES, type Dialect } from './sniff.js';
import { UserError } from '../util/errors.js';
import { own, visible } from '../util/text.js';

/** One parsed CSV record with the 1-based line it starts on in the file. */
export interface CsvRow {
  line: number;
  cells: string[];
  /** Whether a cell holds U+FFFD (undecodable bytes), when the reader knows it; else the cells are searched. */
  replaced?: boolean;
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
export const MAX_RECORD_BYTES = 1 << 20;

/** Why an input cannot be opened, in words, with the fix that fits. */
export function openError(displayPath: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  const file = visible(displayPath);
  switch (code) {
    case 'ENOENT':
      return new UserError(`cannot open ${file}: no such file`, { hint: 'check the path and the spelling (quote names with spaces)' });
    case 'EACCES':
    case 'EPERM':
      return new UserError(`cannot read ${file}: no permission`, {
        hint: `check the file's owner and permissions (ls -l "${file}"), or copy it somewhere you can read`,
      });
    case 'EISDIR':
      return new UserError(`${file} is a folder, not a file`, { hint: `pass the export files inside it, e.g. "${file}"/*.csv` });
    case 'ENOTDIR':
      return new UserError(`cannot open ${file}: a part of the path is a file, not a folder`, { hint: 'check the path' });
    default:
      return new UserError(`cannot read ${file}: ${code}`, { hint: 'check that the file exists and can be read' });
  }
}

/** The first 64 KB of a file, for sniffing; a missing, unreadable or folder path is a user error. */
export async function readSample(path: string, displayPath = path): Promise<Uint8Array> {
  return withFile(path, displayPath, async (handle) => {
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    return sampleAt(handle, 0);
  });
}

/** Samples read besides the first, spread evenly over a larger file (see readLaterSamples). */
const LATER_SAMPLES = 7;

/**
 * More samples of a file larger than eight: SAMPLE_BYTES at each of LATER_SAMPLES points spread
 * evenly after its start, the last at its end, to estimate its rows (an export's first rows need
 * not be like the rest); none for a smaller file. Reads 448 KB, whatever the size.
 */
export async function readLaterSamples(path: string, size: number, displayPath = path): Promise<Uint8Array[]> {
  if (size <= (LATER_SAMPLES + 1) * SAMPLE_BYTES) return [];
  return withFile(path, displayPath, async (handle) => {
    const samples: Uint8Array[] = [];
    for (let k = 1; k <= LATER_SAMPLES; k++) samples.push(await sampleAt(handle, Math.floor(((size - SAMPLE_BYTES) * k) / LATER_SAMPLES)));
    return samples;
  });
}

/** Runs `use` on the file opened for reading, and closes it; failing to open or read it is a user error naming it. */
async function withFile<T>(path: string, displayPath: string, use: (handle: FileHandle) => Promise<T>): Promise<T> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    return await use(handle);
  } catch (err) {
    throw openError(displayPath, err);
  } finally {
    await handle?.close();
  }
}

/** Up to SAMPLE_BYTES of an open file from `position`. */
async function sampleAt(handle: FileHandle, position: number): Promise<Uint8Array> {
  const buf = new Uint8Array(SAMPLE_BYTES);
  const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, position);
  return buf.subarray(0, bytesRead);
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
  const tokenizer = newTokenizer(dialect);
  const batches = (async function* () {
    for await (const piece of decodedPieces(path, dialect, hash)) yield* inBatches(inLineOrder(tokenizer.push(piece.text, piece.final)));
  })();
  const first = await batches.next();
  const firstBatch = first.done ? [] : first.value;
  const header = takeHeader(firstBatch, dialect);
  return { dialect, header, rows: startingWith(firstBatch, batches), sha256: () => hash.copy().digest('hex') };
}

/**
 * Bytes read at a time, and the size of a slice for a worker. Small pieces keep what is held at
 * once small: at 1 MB a piece's rows and reports outlived young-generation collections (300k rows,
 * on one thread: 1 MB, 256, 128, 64, 32 and 16 KB took 3.9, 3.3, 3.5, 3.1, 3.3 and 3.4 s, and 300,
 * 234, 218, 143, 139 and 140 MB; with workers 1 MB took 3.9 s, 16-256 KB 2.9-3.4 s).
 */
const CHUNK_BYTES = 64 << 10;

/**
 * A file's text, CHUNK_BYTES at a time, hashed and decoded in file order; the last piece (`final`)
 * is what the decoder still held, often empty.
 */
async function* decodedPieces(path: string, dialect: Dialect, hash: Hash): AsyncGenerator<{ text: string; final: boolean }> {
  // Not fatal: stray bytes become U+FFFD, counted per row. UTF-8 (nearly every export) has a faster decoder of its own.
  const decoder = dialect.encoding === 'utf-8' ? new Utf8Decoder() : new TextDecoder(dialect.encoding);
  // Synchronous reads into one buffer: a stream's allocation and callbacks per chunk cost about
  // 0.1 s per 100 MB, on the thread that feeds the workers. The file was opened by readSample first.
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let n = readChunk(fd, buf); n > 0; n = readChunk(fd, buf)) {
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      yield { text: decoder.decode(chunk, { stream: true }), final: false };
    }
  } finally {
    closeSync(fd);
  }
  yield { text: decoder.decode(), final: true };
}

/** Bytes read into `buf` at the file's position (0 at its end). */
function readChunk(fd: number, buf: Buffer): number {
  return readSync(fd, buf, 0, buf.length, null);
}

/** A tokenizer for the file's dialect (its long cells are views into the chunk: see CsvTokenizer). */
const newTokenizer = (dialect: Dialect) =>
  new CsvTokenizer(dialect.delimiter, { skipLines: dialect.skipLines, maxRecordChars: MAX_RECORD_BYTES });

/** A tokenizer's records and the records it could not read, as rows in file order. */
export function inLineOrder(out: { rows: CsvRow[]; problems: CsvParseProblem[] }): CsvRow[] {
  return out.problems.length === 0
    ? out.rows
    : [...out.rows, ...out.problems.map((p) => ({ line: p.line, cells: [], problem: p.message }))].sort((x, y) => x.line - y.line);
}

function* inBatches(rows: CsvRow[]): Generator<CsvRow[]> {
  for (let k = 0; k < rows.length; k += BATCH_ROWS) yield rows.slice(k, k + BATCH_ROWS);
}

/**
 * The header from the first readable record of the first batch (taken out of it), or `column1..N`.
 * The first batch is at most BATCH_ROWS rows of what the first productive chunk gave.
 */
function takeHeader(rows: CsvRow[], dialect: Dialect, firstBatchRows = BATCH_ROWS): string[] {
  const firstRow = rows.slice(0, Math.min(BATCH_ROWS, firstBatchRows)).find((r) => !r.problem);
  if (!firstRow) return [];
  if (!dialect.header) return firstRow.cells.map((_, i) => `column${i + 1}`);
  rows.splice(rows.indexOf(firstRow), 1);
  return firstRow.cells.map((h) => own(h.trim())); // (kept for the whole run: not a view into the first chunk)
}

/** A piece of a CSV file's text that starts at a record boundary, for a worker to read on its own. */
export interface CsvSlice {
  text: string;
  /** Where the slice starts (a record boundary: line, line ends). */
  at: Resume;
  /** The end of the file: the last record may lack its line end. */
  final: boolean;
}

export interface SlicedCsvSource {
  dialect: Dialect;
  header: string[];
  /** The first rows after the header (at least `headRows` when the file has them), read here. */
  head: CsvRow[];
  /**
   * The rest of the file in slices of about 64 KB, cut after a line end with an even number of
   * quotes before it. A cut is a guess (a quote inside an unquoted field is literal): whoever
   * reads a slice checks that it ends on a record boundary (see CsvTokenizer.pending).
   */
  slices: AsyncGenerator<CsvSlice>;
  sha256(): string;
}

/** Text held back before a slice is cut anyway (a record this long makes the reader fall back). */
const MAX_CARRY_CHARS = 4 << 20;

/**
 * Opens a CSV export for reading in parallel: the header and the first `headRows` rows are read
 * here (they decide things about the whole file, such as its lat/lon order), the rest comes as
 * record-aligned text slices. Hashing and decoding stay here, in file order.
 */
export async function openCsvSlices(path: string, dialect: Dialect, headRows: number): Promise<SlicedCsvSource> {
  const hash = createHash('sha256');
  const tokenizer = newTokenizer(dialect);
  const pieces = decodedPieces(path, dialect, hash);
  const head: CsvRow[] = [];
  let ended = false,
    firstBatchRows = 0;
  // Not a for-await loop: leaving one would close `pieces`, which the slices go on with.
  for (let next = await pieces.next(); !next.done; next = await pieces.next()) {
    const rows = inLineOrder(tokenizer.push(next.value.text, next.value.final));
    firstBatchRows ||= rows.length;
    head.push(...rows);
    if (next.value.final) {
      ended = true;
      break;
    }
    if (head.length > headRows && tokenizer.resumePoint()) break;
  }
  const header = takeHeader(head, dialect, firstBatchRows);
  const slices = (async function* () {
    if (ended) return;
    let at = tokenizer.resumePoint()!;
    let carry = tokenizer.pending();
    const nl = at.crOnly ? '\r' : '\n';
    for await (const piece of pieces) {
      const text = carry + piece.text;
      if (piece.final) {
        if (text.length > 0) yield { text, at, final: true };
        return;
      }
      const cut = lastRecordEnd(text, nl) || (text.length > MAX_CARRY_CHARS ? text.length : 0);
      if (cut === 0) {
        carry = text;
        continue;
      }
      const slice = text.slice(0, cut);
      carry = text.slice(cut);
      yield { text: slice, at, final: false };
      at = { line: at.line + occurrences(slice, nl), crOnly: at.crOnly };
    }
  })();
  return { dialect, header, head, slices, sha256: () => hash.copy().digest('hex') };
}

/** Just after the last line end with an even number of quotes before it; 0 when there is none. */
export function lastRecordEnd(s: string, nl: string): number {
  let k = s.lastIndexOf(nl);
  if (k < 0) return 0;
  let quotes = quotesBetween(s, 0, k);
  for (;;) {
    if (quotes % 2 === 0) return k + 1;
    const prev = s.lastIndexOf(nl, k - 1);
    if (prev < 0) return 0;
    quotes -= quotesBetween(s, prev + 1, k);
    k = prev;
  }
}

/** Quotes in s[from, to), found by indexOf (most exports quote few fields). */
function quotesBetween(s: string, from: number, to: number): number {
  let n = 0;
  for (let p = s.indexOf('"', from); p >= 0 && p < to; p = s.indexOf('"', p + 1)) n++;
  return n;
}

function occurrences(s: string, ch: string): number {
  let n = 0;
  for (let p = s.indexOf(ch); p >= 0; p = s.indexOf(ch, p + 1)) n++;
  return n;
}

/** The batches of `rest`, after `first` (a batch taken off the front to look at; skipped when empty). */
export async function* startingWith(first: CsvRow[], rest: AsyncIterable<CsvRow[]>): AsyncGenerator<CsvRow[]> {
  if (first.length > 0) yield first;
  yield* rest;
}
