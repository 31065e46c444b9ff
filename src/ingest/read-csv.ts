import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { SAMPLE_BYTES, type Dialect } from './sniff.js';
import { UserError } from '../util/errors.js';

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
  rows: AsyncGenerator<CsvRow>;
  /** SHA-256 of the file's bytes; final after `rows` is drained. */
  sha256(): string;
}

/** Largest record accepted (bytes); guards against an unclosed quote swallowing the file. */
const MAX_RECORD_BYTES = 1 << 20;

/** The first 64 KB of a file, for sniffing; a missing file is a user error. */
export async function readSample(path: string, displayPath = path): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot open ${displayPath}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`, {
      hint: 'check the path; quote names with spaces',
    });
  }
  try {
    const buf = new Uint8Array(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
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

/**
 * Opens a CSV export as a stream of rows in the given (sniffed) dialect, parsed with csv-parse
 * chunk by chunk, so a 1 GB export is never held in memory.
 */
export async function openCsv(path: string, dialect: Dialect, onProblem: (p: CsvParseProblem) => void): Promise<CsvSource> {
  const hash = createHash('sha256');
  const parser = Readable.from(decodeChunks(path, dialect.encoding, hash)).pipe(parse({
    delimiter: dialect.delimiter,
    bom: true,
    from_line: dialect.skipLines + 1,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) onProblem({ line: Number((err as unknown as { lines?: number }).lines ?? 0), message: err.message });
    },
  }));
  type Item = { record: string[]; info: { lines: number; raw?: string } };
  const items = (parser as AsyncIterable<Item>)[Symbol.asyncIterator]();
  const toRow = (item: Item): CsvRow => {
    const raw = (item.info.raw ?? '').replace(/\r?\n$/, '');
    return { line: item.info.lines - countNewlines(raw), cells: item.record };
  };
  const first = await items.next();
  const firstRow = first.done ? undefined : toRow(first.value);
  const header = !firstRow ? [] : dialect.header
    ? firstRow.cells.map((h) => h.trim())
    : firstRow.cells.map((_, i) => `column${i + 1}`);
  const rows = (async function* () {
    if (firstRow && !dialect.header) yield firstRow;
    for (let next = await items.next(); !next.done; next = await items.next()) yield toRow(next.value);
  })();
  return { dialect, header, rows, sha256: () => hash.copy().digest('hex') };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
