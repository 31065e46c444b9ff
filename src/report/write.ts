import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
  linkSync,
  fsyncSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  existsSync,
  fsync,
  close,
} from 'node:fs';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { dirname, join, basename } from 'node:path';
import { csvCell } from '../util/csv-safe.js';
import { UserError } from '../util/errors.js';

/**
 * The one module that writes files. Every file is written to a temporary name in the same
 * folder and renamed into place, so a reader (or a crashed run) never sees half a file.
 */

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** The operations a test can make fail, as a full disk or a read-only folder would. */
export type WriteOp = 'mkdir' | 'write' | 'rename';
let fault: ((op: WriteOp, path: string) => NodeJS.ErrnoException | undefined) | undefined;

/**
 * Test hook: makes chosen writes fail with an errno error (ENOSPC, EACCES), since tests run as root,
 * where chmod cannot cause EACCES. Every write of the tool passes through this module.
 */
export function setWriteFault(f: typeof fault): void {
  fault = f;
}

function check(op: WriteOp, path: string): void {
  const err = fault?.(op, path);
  if (err) throw err;
}

/** An errno error with a hint that fits it: a full disk, permissions, a missing folder. */
export function ioError(stagedPath: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  const path = stagedPath.replace(new RegExp(`[/\\\\]\\${STAGING_DIR}[/\\\\][^/\\\\]+`), ''); // name the file the user will look for
  const hints: Record<string, string> = {
    ENOSPC: 'the disk is full: free space, or write to another folder',
    EDQUOT: 'the disk quota is used up: free space, or write to another folder',
    EACCES: `no permission to write there: check the folder's owner and permissions (ls -ld "${dirname(path)}"), or write elsewhere`,
    EPERM: "the system does not allow writing there: check the folder's owner and permissions, or write elsewhere",
    EROFS: 'the file system is read-only: write to another folder',
    ENOENT: 'the folder does not exist: create it, or check the path',
    ENOTDIR: 'a part of the path is a file, not a folder: check the path',
    EISDIR: 'a folder is in the way of the file: remove or rename it',
  };
  return new UserError(`cannot write ${path}: ${code}`, { hint: hints[code] ?? 'check that the folder exists and is writable' });
}

/** Creates a folder (and parents); mode applies to folders it creates. */
export function ensureDir(dir: string, mode = 0o755): void {
  try {
    check('mkdir', dir);
    mkdirSync(dir, { recursive: true, mode });
  } catch (err) {
    throw ioError(dir, err);
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Characters of a text written at a time: a 60 MB screening.json is never copied into one buffer. */
const WRITE_CHARS = 1 << 20;

/**
 * The bytes a text is encoded into before each write: room for WRITE_CHARS characters (at most 3
 * UTF-8 bytes each), made once and used for every file. Pieces are encoded into it one by one; joining
 * them into one string first made a flat megabyte string per write, which lives in V8's old
 * generation until a full collection (some 100 MB of garbage at the end of a 1M run).
 */
let writeBuffer: Buffer | undefined;

/** A file's content: text, bytes, or text in pieces of whole characters (a large JSON document, see jsonPieces). */
export type FileContent = string | Uint8Array | Iterable<string>;

/** Writes text or bytes to a new file, a text piece by piece, and flushes it to disk (unless `sync` is false). */
function writeAndSync(path: string, content: FileContent, mode: number, sync = true): void {
  if (content instanceof Uint8Array || (typeof content === 'string' && content.length <= WRITE_CHARS)) {
    writeFileSync(path, content, { mode });
    if (sync) fsyncPath(path);
    return;
  }
  const fd = openSync(path, 'w', mode);
  try {
    const buf = (writeBuffer ??= Buffer.allocUnsafe(3 * WRITE_CHARS));
    let used = 0;
    const flush = () => {
      for (let done = 0; done < used; ) done += writeSync(fd, buf, done, used - done);
      used = 0;
    };
    for (const piece of typeof content === 'string' ? textPieces(content) : content) {
      if (piece.length > WRITE_CHARS) {
        for (const part of textPieces(piece)) {
          flush();
          used = buf.write(part, 0, 'utf8');
        }
        continue;
      }
      if (3 * piece.length > buf.length - used) flush();
      used += buf.write(piece, used, 'utf8');
    }
    flush();
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A long text in pieces of at most WRITE_CHARS, never splitting a character. */
function* textPieces(content: string): Generator<string> {
  for (let k = 0; k < content.length; ) {
    let end = Math.min(content.length, k + WRITE_CHARS);
    if (end < content.length && isHighSurrogate(content.charCodeAt(end - 1))) end--;
    yield content.slice(k, end);
    k = end;
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Writes a whole file atomically (temp file + fsync + rename). Inside a staging folder (see
 * stageOutput) the flush to disk runs in the background while the next file is made, and the
 * folder's publish() waits for it: nothing is moved into place before it is on disk.
 */
export function writeFileAtomic(path: string, content: FileContent, mode = 0o644): void {
  const tmp = tempPathFor(path);
  const staged = syncsIn.get(dirname(path));
  try {
    check('write', path);
    writeAndSync(tmp, content, mode, !staged);
    check('rename', path);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw ioError(path, err);
  }
  staged?.push(syncInBackground(path));
}

/** The flushes to disk still running per staging folder of this process (see writeFileAtomic). */
const syncsIn = new Map<string, Array<{ path: string; done: Promise<unknown> }>>();

/**
 * Flushes a file to disk on libuv's threads, starting now (the file is opened here: a callback
 * would wait for this thread to finish the next file); `done` settles with undefined, or the error.
 */
function syncInBackground(path: string): { path: string; done: Promise<unknown> } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return { path, done: Promise.resolve(err) };
  }
  const done = new Promise<unknown>((settle) => fsync(fd, (syncErr) => close(fd, (closeErr) => settle(syncErr ?? closeErr ?? undefined))));
  return { path, done };
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
    transform(chunk: Buffer, _enc, done) {
      done(null, encode(decoder.write(chunk)));
    },
    flush(done) {
      done(null, encode(decoder.end()));
    },
  });
}

/** A CSV file being written row by row; appears under its name only on commit(). */
export interface AtomicCsvWriter {
  write(row: readonly unknown[]): Promise<void>;
  /** Writes rows in order, as write() one by one would. */
  writeAll(rows: Iterable<readonly unknown[]>): Promise<void>;
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
  /** Numbers with a decimal comma (12,5), as Dutch Excel reads them; they stay numbers, never neutralised. */
  decimalComma?: boolean;
}

/** Bytes a CSV file's stream holds before its writer waits for the disk (16 chunks of 64 KB). */
const CSV_WRITE_BUFFER_BYTES = 1 << 20;

/** The options that make a CSV open cleanly in Dutch Excel: a byte order mark, `;`, decimal commas. */
export const EXCEL_CSV: CsvWriteOptions = { delimiter: ';', bom: true, decimalComma: true };

/**
 * Streams rows into a CSV file, every text cell neutralised against formula injection.
 * Memory stays bounded however many rows are written (backpressure is honoured).
 */
export function openCsvWriter(path: string, header: readonly string[], opts: CsvWriteOptions = {}): AtomicCsvWriter {
  const tmp = tempPathFor(path);
  // Room for 16 chunks before the stream asks to wait: at the default 16 KB every 64 KB chunk waited
  // for its write (1M reports: some 0.07 s of the writing thread idle in hotspot-reports.csv).
  const file = createWriteStream(tmp, { mode: opts.mode ?? 0o644, highWaterMark: CSV_WRITE_BUFFER_BYTES });
  const delimiter = opts.delimiter ?? ',';
  const out = opts.encoding === 'windows-1252' ? toWindows1252() : file;
  if (out !== file) out.pipe(file);
  // Quoted as RFC 4180 asks (and csv-stringify did): a cell holding the delimiter, a quote or a line break.
  const needsQuotes = (c: string) => c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r');
  const cellOf = opts.decimalComma
    ? (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v).replace('.', ',') : csvCell(v))
    : csvCell;
  const field = (v: unknown) => {
    const c = cellOf(v);
    return needsQuotes(c) ? `"${c.replace(/"/g, '""')}"` : c;
  };
  let buffer = opts.bom ? '\uFEFF' : '';
  let failed: unknown;
  // A write error (missing folder, full disk) must end a wait for 'drain', not hang it.
  const failure = new Promise<never>((_, reject) =>
    file.on('error', (err) => {
      failed = err;
      reject(ioError(path, err));
    }),
  );
  failure.catch(() => undefined);
  let rows = 0;
  /** Lines are gathered into chunks of about 64 KB: one stream write per chunk, backpressure honoured. */
  const flush = async () => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failure]);
  };
  /** Adds a line; a promise only when a chunk is being written (rows are many: no promise per row). */
  const lastValues: unknown[] = [],
    lastTexts: string[] = [];
  const append = (cells: readonly unknown[]): Promise<void> | undefined => {
    if (!failed) {
      try {
        check('write', path);
      } catch (err) {
        failed = err;
      }
    }
    if (failed) throw ioError(path, failed);
    let line = '';
    for (let k = 0; k < cells.length; k++) {
      // A text equal to the one above it (a hotspot's id on each of its report rows) is not formatted again.
      const c = cells[k];
      if (typeof c !== 'string' || c !== lastValues[k]) {
        lastValues[k] = c;
        lastTexts[k] = field(c);
      }
      line += (k > 0 ? delimiter : '') + lastTexts[k];
    }
    buffer += `${line}\n`;
    return buffer.length >= 1 << 16 ? flush() : undefined;
  };
  const push = async (cells: readonly unknown[]) => {
    await append(cells);
  };
  const ready = push(header);
  ready.catch(() => undefined); // the failure reaches the caller through write() or commit()
  return {
    get rows() {
      return rows;
    },
    async write(row) {
      await ready;
      rows++;
      await push(row);
    },
    async writeAll(all) {
      await ready;
      for (const row of all) {
        rows++;
        const pending = append(row);
        if (pending) await pending;
      }
    },
    async commit() {
      await ready;
      if (!failed)
        await flush().catch((err: unknown) => {
          failed ??= err;
        });
      out.end();
      if (!file.closed) await Promise.race([once(file, 'close'), failure.catch(() => undefined)]);
      if (failed) {
        rmSync(tmp, { force: true });
        throw ioError(path, failed);
      }
      const staged = syncsIn.get(dirname(path));
      try {
        if (!staged) fsyncPath(tmp);
        check('rename', path);
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw ioError(path, err);
      }
      staged?.push(syncInBackground(path));
    },
    abort() {
      out.destroy();
      file.destroy();
      rmSync(tmp, { force: true });
    },
  };
}

/** Where a run stages its files inside the output folder until every one is complete. */
export const STAGING_DIR = '.hotspots-tmp';
/** The list of files the tool wrote into a folder, so it removes or replaces only its own files. */
export const MANIFEST = '.hotspots-manifest.json';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A run's files, staged in `<out>/.hotspots-tmp/<pid>-<random>/` and published into `<out>` only
 * when every one is complete. Staging folders left by a killed run (its process is gone) are
 * removed when the next run prepares.
 */
export interface StagedOutput {
  /** The folder to write the run's files into. */
  dir: string;
  /**
   * Moves the staged files into the output folder (each rename atomic), removes the files this
   * tool wrote there earlier under another name (per the folder's manifest; nothing else is
   * touched), and writes the new manifest. Returns the published paths.
   */
  publish(kind: string): Promise<string[]>;
  /** Removes the staging folder (after publish, or on any failure). */
  discard(): void;
}

export function stageOutput(outDir: string): StagedOutput {
  ensureDir(outDir);
  const root = join(outDir, STAGING_DIR);
  if (existsSync(root)) {
    for (const entry of readdirSync(root)) {
      const pid = Number(entry.split('-')[0]);
      if (!Number.isInteger(pid) || !alive(pid)) rmSync(join(root, entry), { recursive: true, force: true });
    }
  }
  const dir = join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
  ensureDir(dir);
  const syncs: Array<{ path: string; done: Promise<unknown> }> = [];
  syncsIn.set(dir, syncs);
  const discard = () => {
    syncsIn.delete(dir);
    rmSync(dir, { recursive: true, force: true });
    try {
      if (readdirSync(root).length === 0) rmSync(root, { recursive: true, force: true });
    } catch {
      /* already gone */
    }
  };
  return {
    dir,
    discard,
    async publish(kind) {
      for (const { path, done } of syncs.splice(0)) {
        const err = await done;
        if (err) throw ioError(path, err);
      }
      const names = readdirSync(dir)
        .filter((n) => !n.startsWith('.'))
        .sort();
      const backup = join(dir, '.replaced');
      ensureDir(backup);
      const moved: Array<{ name: string; hadOld: boolean }> = [];
      try {
        for (const name of names) {
          const target = join(outDir, name);
          check('rename', target);
          const hadOld = existsSync(target);
          if (hadOld) renameSync(target, join(backup, name));
          moved.push({ name, hadOld });
          renameSync(join(dir, name), target);
        }
      } catch (err) {
        // Put the folder back as it was: the earlier files return, the new ones go.
        for (const { name, hadOld } of moved.reverse()) {
          rmSync(join(outDir, name), { force: true });
          if (hadOld) renameSync(join(backup, name), join(outDir, name));
        }
        throw ioError(join(outDir, names[moved.length] ?? ''), err);
      }
      const earlier = readManifest(outDir, kind);
      for (const name of earlier) if (!names.includes(name)) rmSync(join(outDir, name), { force: true });
      writeManifest(outDir, kind, names);
      return names.map((n) => join(outDir, n));
    },
  };
}

/** The files a kind of run (screen, export) wrote into a folder last time, by its manifest. */
function readManifest(dir: string, kind: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Record<string, unknown>;
    const list = m[kind];
    return Array.isArray(list)
      ? list.filter((n): n is string => typeof n === 'string' && !n.includes('/') && !n.includes('\\') && !n.startsWith('.'))
      : [];
  } catch {
    return [];
  }
}

function writeManifest(dir: string, kind: string, names: readonly string[]): void {
  let m: Record<string, unknown> = {};
  try {
    m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Record<string, unknown>;
  } catch {
    /* new folder */
  }
  m[kind] = names;
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(m, null, 2)}\n`);
}
