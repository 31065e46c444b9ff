import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync, linkSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { dirname, join, basename } from 'node:path';
import { stringify } from 'csv-stringify';
import { csvCell } from '../util/csv-safe.js';
import { UserError } from '../util/errors.js';

/**
 * The one module that writes files. Every file is written to a temporary name in the same
 * folder and renamed into place, so a reader (or a crashed run) never sees half a file.
 */

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function ioError(path: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return new UserError(`cannot write ${path}: ${code}`, { hint: 'check that the folder exists and is writable (--out)' });
}

/** Creates a folder (and parents); mode applies to folders it creates. */
export function ensureDir(dir: string, mode = 0o755): void {
  try {
    mkdirSync(dir, { recursive: true, mode });
  } catch (err) {
    throw ioError(dir, err);
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/** Writes a whole file atomically (temp file + fsync + rename). */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o644): void {
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, content, { mode });
    fsyncPath(tmp);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw ioError(path, err);
  }
}

/**
 * Creates a file only if it does not exist yet, atomically (temp file + hard link), so two
 * processes racing to create a key file end up with the same key. Returns false if it existed.
 */
export function createFileExclusive(path: string, content: string, mode = 0o600): boolean {
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, content, { mode });
    fsyncPath(tmp);
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw ioError(path, err);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Re-encodes a UTF-8 stream as Windows-1252 (Latin-1 range; other characters become '?'). */
function toWindows1252(): Transform {
  const decoder = new StringDecoder('utf8');
  const encode = (text: string) => Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1');
  return new Transform({
    transform(chunk: Buffer, _enc, done) { done(null, encode(decoder.write(chunk))); },
    flush(done) { done(null, encode(decoder.end())); },
  });
}

/** A CSV file being written row by row; appears under its name only on commit(). */
export interface AtomicCsvWriter {
  write(row: readonly unknown[]): Promise<void>;
  commit(): Promise<void>;
  abort(): void;
  readonly rows: number;
}

export interface CsvWriteOptions {
  delimiter?: string;
  /** Write a UTF-8 byte order mark (Excel needs it to read UTF-8). */
  bom?: boolean;
  /** Text encoding of the file; Windows-1252 only for fixtures that imitate Dutch Excel exports. */
  encoding?: 'utf-8' | 'windows-1252';
  mode?: number;
}

/**
 * Streams rows into a CSV file, every text cell neutralised against formula injection.
 * Memory stays bounded however many rows are written (backpressure is honoured).
 */
export function openCsvWriter(path: string, header: readonly string[], opts: CsvWriteOptions = {}): AtomicCsvWriter {
  const tmp = tempPathFor(path);
  const file = createWriteStream(tmp, { mode: opts.mode ?? 0o644 });
  const csv = stringify({ delimiter: opts.delimiter ?? ',', bom: opts.bom ?? false, record_delimiter: '\n' });
  if (opts.encoding === 'windows-1252') csv.pipe(toWindows1252()).pipe(file);
  else csv.pipe(file);
  let failed: unknown;
  // A write error (missing folder, full disk) must end a wait for 'drain', not hang it.
  const failure = new Promise<never>((_, reject) => file.on('error', (err) => { failed = err; reject(ioError(path, err)); }));
  failure.catch(() => undefined);
  let rows = 0;
  const push = async (cells: readonly unknown[]) => {
    if (failed) throw ioError(path, failed);
    if (!csv.write(cells.map(csvCell))) await Promise.race([once(csv, 'drain'), failure]);
  };
  const ready = push(header);
  return {
    get rows() { return rows; },
    async write(row) {
      await ready;
      rows++;
      await push(row);
    },
    async commit() {
      await ready;
      csv.end();
      await once(file, 'close');
      if (failed) {
        rmSync(tmp, { force: true });
        throw ioError(path, failed);
      }
      try {
        fsyncPath(tmp);
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw ioError(path, err);
      }
    },
    abort() {
      csv.destroy();
      file.destroy();
      rmSync(tmp, { force: true });
    },
  };
}
