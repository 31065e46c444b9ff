import { resolve } from 'node:path';
import { openCsv, readSample, startingWith, type CsvRow } from './read-csv.js';
import { openXlsx } from './read-xlsx.js';
import { openGeoJson } from './read-geojson.js';
import { READABLE_KINDS, sniffFileKind, unreadableKindMessage } from './filetype.js';
import { headerCells, sniffDialect, type Dialect } from './sniff.js';
import { columnRefs, type LoadedMapping, type Mapping } from './mapping.js';
import { builtInMapping, detectProfile, PROFILE_NAMES, type ProfileName, type SourceShape } from './profiles.js';
import { columnIndex, compileRowMapper, EXCLUDED, type RowReject } from './row-mapper.js';
import { parseNumber } from './fields.js';
import { inBBox, NL_BBOX } from '../geo/rd.js';
import { reportAddressKey, type Report, type Theme } from '../model/report.js';
import type { TimePrecision } from '../util/dates.js';
import type { BBox } from '../geo/rd.js';
import { UserError, type Problem } from '../util/errors.js';
import { closest, visible } from '../util/text.js';

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
  /** Excel: the sheet to read (default the first). */
  sheet?: string;
  /** Fields not to read at all: `validate` neither matches free text nor counts reporters. */
  omit?: ReadonlyArray<'text' | 'reporter'>;
  /** Zone of local times without an offset for every file (--tz); default the mapping's or profile's. */
  timeZone?: string;
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
  /** How the file was read: CSV with its dialect, an Excel sheet, or GeoJSON features (line = feature number). */
  dialect: { format: 'csv' | 'xlsx' | 'geojson'; sheet?: string; encoding: string; bom: boolean; delimiter: string; header: boolean; columns: number };
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
  /** Zone its local times were read in (Europe/Amsterdam unless the profile, mapping or --tz says otherwise). */
  timeZone: string;
  /** The mapping the file was read with (its lat/lon order decided); not part of the JSON summary. */
  mapping: Mapping;
  /** Each category and the theme it became, most reports first (at most MAX_CATEGORIES kept). */
  categories: Array<{ category: string; theme: Theme; reports: number }>;
  precision: Partial<Record<TimePrecision, number>>;
}

/** Distinct categories counted per file (a free-text category column could have millions). */
const MAX_CATEGORIES = 1000;

export interface IngestSink {
  accept(report: Report): void | Promise<void>;
  reject(row: RejectRow): void | Promise<void>;
  /** Called once per batch of rows read (for progress bars); rows read so far in this file. */
  progress?(file: string, rowsRead: number): void;
}

/** Remembers what was seen across all files of a run: same source + id, or time + place + category. */
export class Deduplicator {
  /**
   * Per source: key -> file index * 2^32 + line of the first copy (a number keeps a million entries
   * small). Ids are keyed per source, so the common case needs no string building.
   */
  private readonly seenById = new Map<string, Map<string, number>>();
  private readonly seenByPlace = new Map<string, Map<string, number>>();
  private readonly files: string[] = [];

  /** Returns where the first copy was (`file:line`), or undefined and remembers this one. */
  check(r: Report): string | undefined {
    const key = r.hasSourceId ? r.id : dedupKey(r);
    if (key === undefined) return undefined;
    const bySource = r.hasSourceId ? this.seenById : this.seenByPlace;
    let seen = bySource.get(r.source);
    if (!seen) bySource.set(r.source, (seen = new Map()));
    const first = seen.get(key);
    if (first !== undefined) return `${this.files[Math.floor(first / 2 ** 32)]}:${first % 2 ** 32}`;
    if (this.files.at(-1) !== r.file) this.files.push(r.file);
    seen.set(key, (this.files.length - 1) * 2 ** 32 + r.line);
    return undefined;
  }
}

/**
 * Sources without ids (police.uk ASB) are deduplicated on time + place + category, but only
 * at minute precision or better: many distinct reports share a month and a snap point.
 */
function dedupKey(r: Report): string | undefined {
  if (r.precision !== 'minute' && r.precision !== 'second') return undefined;
  const where = r.point ? `${Math.round(r.point.x)},${Math.round(r.point.y)}` : reportAddressKey(r) ?? r.address?.street ?? '';
  return `${r.reportedAt}\u0000${where}\u0000${r.category}`;
}

interface Resolved {
  mapping: Mapping;
  profile: string;
  /** CSV only: the dialect the chosen mapping implies. */
  dialect?: Dialect;
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

/** A file's header as a mapping would read it (for CSV the dialect depends on the mapping). */
type HeaderOf = (m?: Mapping) => { header: string[]; dialect?: Dialect };

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
      hint: guess ? `did you mean "${visible(guess, 60)}"?` : `columns are: ${header.slice(0, 15).map((h) => visible(h, 40)).join(', ')}`,
    });
  }
  return problems;
}

/**
 * Chooses how to read a file: the first user mapping whose columns all exist, else the built-in
 * profile (named, or detected from the header). Missing optional profile columns become notes.
 */
function resolveMapping(headerOf: HeaderOf, file: string, opts: IngestOptions, shape: SourceShape): Resolved {
  const misfits: Problem[] = [];
  for (const loaded of opts.mappings ?? []) {
    const { header, dialect } = headerOf(loaded.mapping);
    const problems = mappingMisfits(loaded, header, file);
    if (problems.length === 0) return { mapping: loaded.mapping, profile: loaded.mapping.name, ...(dialect ? { dialect } : {}), notes: [] };
    // Some columns found: the mapping is meant for this file and has mistakes.
    if (problems.length < columnRefs(loaded.mapping).length) {
      throw new UserError(`the mapping does not fit ${file}`, { problems });
    }
    misfits.push(...problems);
  }
  const { header, dialect } = headerOf();
  const wanted = opts.profile && opts.profile !== 'auto' ? opts.profile : detectProfile(header);
  const mapping = builtInMapping(wanted, header, shape);
  if (!mapping || (misfits.length > 0 && wanted === 'generic' && !mapping.fields.point)) {
    throw new UserError(misfits.length > 0 ? `no mapping fits ${file}` : `${file}: no date column recognised in the header (${header.slice(0, 12).map((h) => visible(h, 40)).join(', ')})`, {
      problems: misfits,
      hint: 'write a mapping file naming the columns and pass it with --map (see README, "Mapping files"; `hotspots profiles generic` prints a template)',
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
    notes.push(`column "${visible(String(ref), 60)}" not in file; ${field} left empty`);
  }
  return { mapping, profile: wanted, ...(dialect ? { dialect } : {}), notes };
}

/** An opened input, whatever its format: a header and rows of text cells with their line numbers. */
interface OpenedTable {
  header: string[];
  rows: AsyncGenerator<CsvRow[]>;
  sha256(): string;
  dialect: FileSummary['dialect'];
  mapping: Mapping;
  profile: string;
  notes: string[];
}

/** Opens a CSV, .xlsx or GeoJSON input and chooses its mapping; other file kinds are user errors. */
async function openTable(fullPath: string, path: string, opts: IngestOptions): Promise<OpenedTable> {
  const sample = await readSample(fullPath, path);
  const kind = sniffFileKind(sample);
  if (!READABLE_KINDS.has(kind)) {
    const { message, hint } = unreadableKindMessage(kind, path);
    throw new UserError(message, { hint });
  }
  if (kind === 'xlsx') {
    const header = opts.mappings?.[0]?.mapping.header ?? true;
    const src = await openXlsx(fullPath, path, { ...(opts.sheet ? { sheet: opts.sheet } : {}), header });
    const r = resolveMapping(() => ({ header: src.header }), path, opts, { kind });
    const dialect = { format: 'xlsx' as const, sheet: src.sheet, encoding: 'utf-8', bom: false, delimiter: '', header, columns: src.header.length };
    return { ...src, ...r, dialect };
  }
  if (kind === 'geojson') {
    const src = await openGeoJson(fullPath, path);
    const r = resolveMapping(() => ({ header: src.header }), path, opts, { kind, crs: src.crs });
    const dialect = { format: 'geojson' as const, encoding: 'utf-8', bom: false, delimiter: '', header: true, columns: src.header.length };
    return { ...src, ...r, dialect };
  }
  const r = resolveMapping((m) => { const d = dialectFor(sample, opts, m); return { header: headerCells(sample, d), dialect: d }; }, path, opts, { kind: 'csv' });
  const src = await openCsv(fullPath, r.dialect!);
  const d = src.dialect;
  return {
    header: src.header, rows: src.rows, sha256: src.sha256, mapping: r.mapping, profile: r.profile, notes: r.notes,
    dialect: { format: 'csv', encoding: d.encoding, bom: d.bom, delimiter: d.delimiter, header: d.header, columns: src.header.length },
  };
}

/** Rows that decide a file's latitude/longitude order. */
const POINT_ORDER_ROWS = 2048;

/**
 * Decides a file's latitude/longitude order when the mapping leaves it open (`swapped: auto`):
 * the order that puts more of the first rows inside the area wins. Signalen's datawarehouse writes
 * longitude under `lat`; other exports of the same columns do not; so the order is never assumed.
 */
export function decidePointOrder(mapping: Mapping, header: readonly string[], rows: readonly CsvRow[], bbox?: BBox): { mapping: Mapping; decided: boolean; note?: string } {
  const p = mapping.fields.point;
  if (!p || p.crs !== 'EPSG:4326' || p.swapped !== 'auto') return { mapping, decided: false };
  const iLat = columnIndex(header, p.lat), iLon = columnIndex(header, p.lon);
  const area = bbox ?? (mapping.bbox as BBox | undefined) ?? NL_BBOX;
  let asLabelled = 0, asSwapped = 0;
  for (const row of rows) {
    const a = parseNumber(row.cells[iLat] ?? '', mapping.decimalComma), b = parseNumber(row.cells[iLon] ?? '', mapping.decimalComma);
    if (a === null || b === null) continue;
    if (inBBox(b, a, area)) asLabelled++;
    else if (inBBox(a, b, area)) asSwapped++;
  }
  const swapped = asSwapped > asLabelled;
  const decided: Mapping = { ...mapping, fields: { ...mapping.fields, point: { ...p, swapped } } };
  const note = swapped
    ? `column "${String(p.lat)}" holds longitudes and "${String(p.lon)}" latitudes (${asSwapped.toLocaleString('en-US')} of the first ${rows.length.toLocaleString('en-US')} rows fall inside the area that way); read swapped`
    : undefined;
  return { mapping: decided, decided: true, ...(note ? { note } : {}) };
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

function countAccepted(s: FileSummary, report: Report, categories: Map<string, Partial<Record<Theme, number>>>): void {
  s.accepted++;
  s.themes[report.theme] = (s.themes[report.theme] ?? 0) + 1;
  const c = categories.get(report.category);
  if (c) c[report.theme] = (c[report.theme] ?? 0) + 1;
  else if (categories.size < MAX_CATEGORIES) categories.set(report.category, { [report.theme]: 1 });
  s.precision[report.precision] = (s.precision[report.precision] ?? 0) + 1;
  if (s.firstReportedAt === null || report.reportedAt < s.firstReportedAt) s.firstReportedAt = report.reportedAt;
  if (s.lastReportedAt === null || report.reportedAt > s.lastReportedAt) s.lastReportedAt = report.reportedAt;
}

/** Streams one file into the sink, counting every row: read = accepted + rejected + duplicates. */
export async function ingestFile(path: string, opts: IngestOptions, dedup: Deduplicator, sink: IngestSink): Promise<FileSummary> {
  const rejects = new ReasonTally();
  const warnings = new ReasonTally();
  const fullPath = resolve(opts.cwd ?? '.', path);
  const src = await openTable(fullPath, path, opts);
  const { profile } = src;
  const rows = src.rows;
  // The first rows (up to POINT_ORDER_ROWS, across batches) decide the lat/lon order.
  const firstBatch: CsvRow[] = [];
  for (let next = await rows.next(); ; next = await rows.next()) {
    if (next.done) break;
    firstBatch.push(...next.value);
    if (firstBatch.length >= POINT_ORDER_ROWS) break;
  }
  const order = decidePointOrder(src.mapping, src.header, firstBatch.slice(0, POINT_ORDER_ROWS), opts.bbox);
  const mapping = opts.timeZone ? { ...order.mapping, timezone: opts.timeZone } : order.mapping;
  const notes = [...src.notes, ...(order.note ? [order.note] : [])];
  const mapRow = compileRowMapper(mapping, src.header, {
    file: path, nowMs: opts.nowMs, pseudonymKey: opts.pseudonymKey, ...(opts.bbox ? { bbox: opts.bbox } : {}),
    excelSerials: src.dialect.format === 'xlsx', pointOrderDecided: order.decided, ...(opts.omit ? { omit: opts.omit } : {}),
  });
  const s: FileSummary = {
    path, sha256: '', profile, dialect: src.dialect, mapping, timeZone: mapping.timezone,
    read: 0, accepted: 0, rejected: 0, duplicates: 0, rejectReasons: [], warnings: [], notes,
    firstReportedAt: null, lastReportedAt: null, themes: {}, categories: [], precision: {},
  };
  const categories = new Map<string, Partial<Record<Theme, number>>>();
  const rejectRow = (line: number, r: RowReject, kind: RejectRow['kind'] = 'rejected') => {
    if (kind === 'duplicate') s.duplicates++;
    else s.rejected++;
    rejects.add(r.code, r.reason, line);
    return sink.reject({ ...r, kind, file: path, line });
  };
  for await (const batch of startingWith(firstBatch, rows)) {
    sink.progress?.(path, s.read);
    for (const row of batch) {
      s.read++;
      if (row.problem) {
        await rejectRow(row.line, { code: 'csv-syntax', reason: 'unreadable CSV record (quotes or record size)', value: row.problem });
        continue;
      }
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
      countAccepted(s, report, categories);
      const pending = sink.accept(report);
      if (pending) await pending;
    }
  }
  if (s.read === 0) notes.push('the file has a header but no rows: was the export cut off, or the period empty?');
  s.sha256 = src.sha256();
  s.categories = [...categories].flatMap(([category, byTheme]) => Object.entries(byTheme).map(([theme, reports]) => ({ category, theme: theme as Theme, reports: reports! })))
    .sort((a, b) => b.reports - a.reports || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
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
