import { resolve } from 'node:path';
import { openCsv, readSample } from './read-csv.js';
import { headerCells, sniffDialect, type Dialect } from './sniff.js';
import { columnRefs, type LoadedMapping, type Mapping } from './mapping.js';
import { builtInMapping, detectProfile, PROFILE_NAMES, type ProfileName } from './profiles.js';
import { columnIndex, compileRowMapper, EXCLUDED, type RowReject } from './row-mapper.js';
import { addressKey, type Report, type Theme } from '../model/report.js';
import type { TimePrecision } from '../util/dates.js';
import type { BBox } from '../geo/rd.js';
import { UserError, type Problem } from '../util/errors.js';
import { closest } from '../util/text.js';

export interface IngestOptions {
  /** Folder relative input paths are read from (default: the process's). Paths are reported as given. */
  cwd?: string;
  /** User mappings (`--map`, repeatable): each file uses the first whose columns it has. */
  mappings?: LoadedMapping[];
  /** A built-in profile, or 'auto' to detect it from the header. */
  profile?: ProfileName | 'auto';
  nowMs: number;
  pseudonymKey: Uint8Array;
  bbox?: BBox;
  encoding?: Mapping['encoding'];
  delimiter?: Mapping['delimiter'];
}

/** A row that did not become a report: rejected with a reason, or a duplicate of an earlier one. */
export interface RejectRow extends RowReject {
  kind: 'rejected' | 'duplicate';
  file: string;
  line: number;
}

export interface ReasonCount {
  code: string;
  reason: string;
  count: number;
  /** Up to five line numbers where it happened first. */
  firstLines: number[];
}

export interface FileSummary {
  path: string;
  sha256: string;
  profile: string;
  dialect: { encoding: string; bom: boolean; delimiter: string; header: boolean; columns: number };
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  rejectReasons: ReasonCount[];
  warnings: ReasonCount[];
  notes: string[];
  firstReportedAt: number | null;
  lastReportedAt: number | null;
  themes: Partial<Record<Theme, number>>;
  precision: Partial<Record<TimePrecision, number>>;
}

export interface IngestSink {
  accept(report: Report): void | Promise<void>;
  reject(row: RejectRow): void | Promise<void>;
  /** Called once per batch of rows read (for progress bars); rows read so far in this file. */
  progress?(file: string, rowsRead: number): void;
}

/** Remembers what was seen across all files of a run: same source + id, or time + place + category. */
export class Deduplicator {
  /** key -> file index * 2^32 + line of the first copy (a number keeps a million entries small). */
  private readonly seen = new Map<string, number>();
  private readonly files: string[] = [];

  /** Returns where the first copy was (`file:line`), or undefined and remembers this one. */
  check(r: Report): string | undefined {
    const key = dedupKey(r);
    if (key === undefined) return undefined;
    const first = this.seen.get(key);
    if (first !== undefined) return `${this.files[Math.floor(first / 2 ** 32)]}:${first % 2 ** 32}`;
    if (this.files.at(-1) !== r.file) this.files.push(r.file);
    this.seen.set(key, (this.files.length - 1) * 2 ** 32 + r.line);
    return undefined;
  }
}

/**
 * Sources without ids (police.uk ASB) are deduplicated on time + place + category, but only
 * at minute precision or better: many distinct reports share a month and a snap point.
 */
function dedupKey(r: Report): string | undefined {
  if (r.hasSourceId) return `${r.source}\u0000${r.id}`;
  if (r.precision !== 'minute' && r.precision !== 'second') return undefined;
  const where = r.point ? `${Math.round(r.point.x)},${Math.round(r.point.y)}` : addressKey(r.address) ?? r.address?.street ?? '';
  return `${r.source}\u0000${r.reportedAt}\u0000${where}\u0000${r.category}`;
}

interface Resolved {
  mapping: Mapping;
  profile: string;
  dialect: Dialect;
  notes: string[];
}

type DialectOverrides = Partial<Pick<Dialect, 'encoding' | 'delimiter' | 'header'>>;

function dialectFor(sample: Uint8Array, opts: IngestOptions, m?: Mapping): Dialect {
  const o: DialectOverrides = {};
  const encoding = opts.encoding ?? m?.encoding;
  const delimiter = opts.delimiter ?? m?.delimiter;
  if (encoding) o.encoding = encoding;
  if (delimiter) o.delimiter = delimiter;
  if (m) o.header = m.header;
  return sniffDialect(sample, o);
}

/** Problems of a user mapping against a header; empty when every named column exists. */
function mappingMisfits(loaded: LoadedMapping, header: readonly string[], file: string): Problem[] {
  const problems: Problem[] = [];
  for (const [path, ref] of columnRefs(loaded.mapping)) {
    if (columnIndex(header, ref) >= 0 && (typeof ref === 'string' || ref <= header.length)) continue;
    const pos = loaded.located?.locate(path) ?? {};
    const guess = typeof ref === 'string' ? closest(ref, header) : undefined;
    problems.push({
      file: loaded.located?.file ?? '(mapping)', ...pos, field: path.join('.'),
      message: `column ${JSON.stringify(ref)} is not in ${file}`,
      hint: guess ? `did you mean "${guess}"?` : `columns are: ${header.slice(0, 15).join(', ')}`,
    });
  }
  return problems;
}

/**
 * Chooses how to read a file: the first user mapping whose columns all exist, else the built-in
 * profile (named, or detected from the header). Missing optional profile columns become notes.
 */
function resolveMapping(sample: Uint8Array, file: string, opts: IngestOptions): Resolved {
  const misfits: Problem[] = [];
  for (const loaded of opts.mappings ?? []) {
    const dialect = dialectFor(sample, opts, loaded.mapping);
    const problems = mappingMisfits(loaded, headerCells(sample, dialect), file);
    if (problems.length === 0) return { mapping: loaded.mapping, profile: loaded.mapping.name, dialect, notes: [] };
    // Some columns found: the mapping is meant for this file and has mistakes.
    if (problems.length < columnRefs(loaded.mapping).length) {
      throw new UserError(`the mapping does not fit ${file}`, { problems });
    }
    misfits.push(...problems);
  }
  const dialect = dialectFor(sample, opts);
  const header = headerCells(sample, dialect);
  const wanted = opts.profile && opts.profile !== 'auto' ? opts.profile : detectProfile(header);
  const mapping = builtInMapping(wanted, header);
  if (!mapping || (misfits.length > 0 && wanted === 'generic' && !mapping.fields.point)) {
    throw new UserError(misfits.length > 0 ? `no mapping fits ${file}` : `${file}: no date column recognised in the header (${header.slice(0, 12).join(', ')})`, {
      problems: misfits,
      hint: 'write a mapping file naming the columns and pass it with --map (see README, "Mapping files")',
    });
  }
  const notes = misfits.length > 0 ? [`no --map fits this file; read with the ${wanted} profile`] : [];
  for (const [path, ref] of columnRefs(mapping)) {
    if (columnIndex(header, ref) >= 0) continue;
    const field = path.join('.');
    if (field.startsWith('fields.reportedAt')) {
      throw new UserError(`${file}: column "${String(ref)}" required by profile ${wanted} is missing`, {
        hint: `pass --profile with one of ${PROFILE_NAMES.join(', ')}, or a mapping with --map`,
      });
    }
    notes.push(`column "${String(ref)}" not in file; ${field} left empty`);
  }
  return { mapping, profile: wanted, dialect, notes };
}

class ReasonTally {
  private readonly byCode = new Map<string, ReasonCount>();
  add(code: string, reason: string, line: number): void {
    let r = this.byCode.get(code);
    if (!r) {
      r = { code, reason, count: 0, firstLines: [] };
      this.byCode.set(code, r);
    }
    r.count++;
    if (r.firstLines.length < 5) r.firstLines.push(line);
  }
  list(): ReasonCount[] {
    return [...this.byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}

function countAccepted(s: FileSummary, report: Report): void {
  s.accepted++;
  s.themes[report.theme] = (s.themes[report.theme] ?? 0) + 1;
  s.precision[report.precision] = (s.precision[report.precision] ?? 0) + 1;
  if (s.firstReportedAt === null || report.reportedAt < s.firstReportedAt) s.firstReportedAt = report.reportedAt;
  if (s.lastReportedAt === null || report.reportedAt > s.lastReportedAt) s.lastReportedAt = report.reportedAt;
}

/** Streams one file into the sink, counting every row: read = accepted + rejected + duplicates. */
export async function ingestFile(path: string, opts: IngestOptions, dedup: Deduplicator, sink: IngestSink): Promise<FileSummary> {
  const rejects = new ReasonTally();
  const warnings = new ReasonTally();
  const parseProblems: Array<{ line: number; message: string }> = [];
  const fullPath = resolve(opts.cwd ?? '.', path);
  const sample = await readSample(fullPath, path);
  if (sample.length === 0) throw new UserError(`${path} is empty`, { hint: 'export the data again; the file has no bytes' });
  const { mapping, profile, dialect, notes } = resolveMapping(sample, path, opts);
  const src = await openCsv(fullPath, dialect, (p) => parseProblems.push(p));
  const mapRow = compileRowMapper(mapping, src.header, { file: path, nowMs: opts.nowMs, pseudonymKey: opts.pseudonymKey, ...(opts.bbox ? { bbox: opts.bbox } : {}) });
  const s: FileSummary = {
    path, sha256: '', profile,
    dialect: { encoding: src.dialect.encoding, bom: src.dialect.bom, delimiter: src.dialect.delimiter, header: src.dialect.header, columns: src.header.length },
    read: 0, accepted: 0, rejected: 0, duplicates: 0, rejectReasons: [], warnings: [], notes,
    firstReportedAt: null, lastReportedAt: null, themes: {}, precision: {},
  };
  const rejectRow = (line: number, r: RowReject, kind: RejectRow['kind'] = 'rejected') => {
    if (kind === 'duplicate') s.duplicates++;
    else s.rejected++;
    rejects.add(r.code, r.reason, line);
    return sink.reject({ ...r, kind, file: path, line });
  };
  const flushParseProblems = async () => {
    for (const p of parseProblems.splice(0)) {
      s.read++;
      await rejectRow(p.line, { code: 'csv-syntax', reason: 'unreadable CSV record (quotes or record size)', value: p.message.split(':')[0]! });
    }
  };
  for await (const batch of src.rows) {
    sink.progress?.(path, s.read);
    for (const row of batch) {
      if (parseProblems.length > 0) await flushParseProblems();
      s.read++;
      if (src.header.length > 0 && row.cells.length !== src.header.length) {
        await rejectRow(row.line, { code: 'column-count', reason: `row does not have the header's ${src.header.length} columns`, value: `${row.cells.length} columns` });
        continue;
      }
      const result = mapRow(row.cells, row.line);
      if (!result.ok) {
        await rejectRow(row.line, result.reject);
        continue;
      }
      for (const w of result.warnings) warnings.add(w.code, w.reason, row.line);
      const report = result.report;
      const firstCopy = dedup.check(report);
      if (firstCopy) {
        await rejectRow(row.line, { code: 'duplicate', reason: 'same source and id (or, without ids, same minute, place and category) as an earlier row', value: `first at ${firstCopy}` }, 'duplicate');
        continue;
      }
      countAccepted(s, report);
      const pending = sink.accept(report);
      if (pending) await pending;
    }
  }
  await flushParseProblems();
  s.sha256 = src.sha256();
  s.rejectReasons = rejects.list();
  s.warnings = warnings.list();
  return s;
}

export interface IngestTotals {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Rejected on purpose by a mapping's `exclude` rule (cancelled, split); part of `rejected`. */
  excluded: number;
  /**
   * (rejected - excluded) / read, 0 when nothing was read. Duplicates and excluded rows are
   * not data problems, so they do not count towards --max-reject-rate.
   */
  rejectRate: number;
}

/** Adds up file summaries. */
export function totalsOf(files: readonly FileSummary[]): IngestTotals {
  const t = { read: 0, accepted: 0, rejected: 0, duplicates: 0, excluded: 0, rejectRate: 0 };
  for (const f of files) {
    t.read += f.read;
    t.accepted += f.accepted;
    t.rejected += f.rejected;
    t.duplicates += f.duplicates;
    t.excluded += f.rejectReasons.find((r) => r.code === EXCLUDED)?.count ?? 0;
  }
  t.rejectRate = t.read === 0 ? 0 : (t.rejected - t.excluded) / t.read;
  return t;
}
