import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import {
  inLineOrder,
  MAX_RECORD_BYTES,
  openCsv,
  openCsvSlices,
  readLaterSamples,
  readSample,
  startingWith,
  type CsvRow,
  type CsvSlice,
} from './read-csv.js';
import { openXlsx } from './read-xlsx.js';
import { openGeoJson } from './read-geojson.js';
import { READABLE_KINDS, sniffFileKind, unreadableKindMessage } from './filetype.js';
import { estimateRows, headerCells, sniffDialect, type Dialect } from './sniff.js';
import { columnRefs, type LoadedMapping, type Mapping } from './mapping.js';
import { builtInMapping, detectProfile, PROFILE_NAMES, type ProfileName, type SourceShape } from './profiles.js';
import { columnIndex, compileRowMapper, EXCLUDED, mapRowsInto, type MapperOptions, type RowReject } from './row-mapper.js';
import { defaultJobs, WorkerPool, type WorkerInit } from './parallel.js';
import { Deduplicator } from './dedup.js';
import { BatchBuilder, PRECISIONS, textAt, themeAt, type Classify, type ReportBatch } from '../model/batch.js';
import { CsvTokenizer } from './tokenize.js';
import { parseNumber } from './fields.js';
import { inBBox, NL_BBOX } from '../geo/rd.js';
import { THEMES, type Theme } from '../model/incoming.js';
import type { TimePrecision } from '../util/dates.js';
import type { BBox } from '../geo/rd.js';
import { UserError, type Problem } from '../util/errors.js';
import { byCharacters, closest, visible } from '../util/text.js';

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
  /** Worker threads that read and map large CSV files (--jobs); 0 reads on this thread. Default: see defaultJobs. */
  jobs?: number;
  /** CSV files from this size (bytes) are read by workers; smaller ones are not worth starting them. */
  parallelMinBytes?: number;
  /** Screened reports from which a screening works out its grid, density and cell counts on a worker thread (see pipeline/numbers.ts). */
  parallelMinReports?: number;
  /**
   * The rules' report tests, run where the free text is (it never leaves the thread that read it):
   * `classify` here, and in worker threads the script `workerScript` (see serveSlices), which makes
   * the same classifier from `workerData`.
   */
  classifier?: { classify: Classify; workerScript: URL; workerData: unknown };
}

export { Deduplicator };

/** Default size from which a CSV file is read by worker threads. */
export const PARALLEL_MIN_BYTES = 16 << 20;

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
  dialect: {
    format: 'csv' | 'xlsx' | 'geojson';
    sheet?: string;
    encoding: string;
    bom: boolean;
    delimiter: string;
    header: boolean;
    columns: number;
  };
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
  /** Report `j` of a batch was accepted (not rejected, not a duplicate). */
  accept(batch: ReportBatch, j: number): void | Promise<void>;
  reject(row: RejectRow): void | Promise<void>;
  /** Called once per batch of rows read (for progress bars); rows read so far in this file. */
  progress?(file: string, rowsRead: number): void;
  /** Called before a CSV file's rows come: about how many it has (an estimate from samples of it). */
  expect?(rows: number): void;
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
      file: loaded.located?.file ?? '(mapping)',
      ...pos,
      field: path.join('.'),
      message: `column ${JSON.stringify(ref)} is not in ${file}`,
      hint: guess
        ? `did you mean "${visible(guess, 60)}"?`
        : `columns are: ${header
            .slice(0, 15)
            .map((h) => visible(h, 40))
            .join(', ')}`,
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
    throw new UserError(
      misfits.length > 0
        ? `no mapping fits ${file}`
        : `${file}: no date column recognised in the header (${header
            .slice(0, 12)
            .map((h) => visible(h, 40))
            .join(', ')})`,
      {
        problems: misfits,
        hint: 'write a mapping file naming the columns and pass it with --map (see README, "Mapping files"; `hotspots profiles generic` prints a template)',
      },
    );
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
  /** A large CSV file: after `rows` (its first rows), the rest as slices for worker threads. */
  slices?: AsyncGenerator<CsvSlice>;
  sha256(): string;
  dialect: FileSummary['dialect'];
  mapping: Mapping;
  profile: string;
  notes: string[];
  /** CSV: about how many rows the file has (see estimateRows). */
  expectedRows?: number;
}

/** Tables are sized for this many times the rows a file's samples suggest (see ingestFile). */
const EXPECTED_ROWS_MARGIN = 1.25;

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
    const dialect = {
      format: 'xlsx' as const,
      sheet: src.sheet,
      encoding: 'utf-8',
      bom: false,
      delimiter: '',
      header,
      columns: src.header.length,
    };
    return { ...src, ...r, dialect };
  }
  if (kind === 'geojson') {
    const src = await openGeoJson(fullPath, path);
    const r = resolveMapping(() => ({ header: src.header }), path, opts, { kind, crs: src.crs });
    const dialect = { format: 'geojson' as const, encoding: 'utf-8', bom: false, delimiter: '', header: true, columns: src.header.length };
    return { ...src, ...r, dialect };
  }
  const r = resolveMapping(
    (m) => {
      const d = dialectFor(sample, opts, m);
      return { header: headerCells(sample, d), dialect: d };
    },
    path,
    opts,
    { kind: 'csv' },
  );
  const d = r.dialect!;
  const size = (await stat(fullPath)).size;
  const expectedRows = estimateRows([sample, ...(await readLaterSamples(fullPath, size, path))], size, d);
  const common = { mapping: r.mapping, profile: r.profile, notes: r.notes, expectedRows };
  const dialect = (columns: number) => ({
    format: 'csv' as const,
    encoding: d.encoding,
    bom: d.bom,
    delimiter: d.delimiter,
    header: d.header,
    columns,
  });
  if (jobsFor(opts) > 0 && size >= (opts.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
    const src = await openCsvSlices(fullPath, d, POINT_ORDER_ROWS);
    return {
      ...common,
      header: src.header,
      rows: startingWith(src.head, emptyRows()),
      slices: src.slices,
      sha256: src.sha256,
      dialect: dialect(src.header.length),
    };
  }
  const src = await openCsv(fullPath, d);
  return { ...common, header: src.header, rows: src.rows, sha256: src.sha256, dialect: dialect(src.header.length) };
}

const jobsFor = (opts: IngestOptions) => opts.jobs ?? defaultJobs();

/**
 * The worker threads for reading these files with these options (close the pool when done), started
 * at once when a file is large enough to be read by them.
 */
export async function workerPoolFor(opts: IngestOptions, files: readonly string[] = []): Promise<WorkerPool> {
  const pool = new WorkerPool(jobsFor(opts));
  if (jobsFor(opts) === 0) return pool;
  for (const f of files) {
    const size = await stat(resolve(opts.cwd ?? '.', f)).then(
      (st) => st.size,
      () => 0,
    );
    if (size >= (opts.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
      pool.warm(opts.classifier?.workerScript);
      break;
    }
  }
  return pool;
}

async function* emptyRows(): AsyncGenerator<CsvRow[]> {}

/** Rows that decide a file's latitude/longitude order. */
const POINT_ORDER_ROWS = 2048;

/**
 * Decides a file's latitude/longitude order when the mapping leaves it open (`swapped: auto`):
 * the order that puts more of the first rows inside the area wins. Signalen's datawarehouse writes
 * longitude under `lat`; other exports of the same columns do not; so the order is never assumed.
 */
export function decidePointOrder(
  mapping: Mapping,
  header: readonly string[],
  rows: readonly CsvRow[],
  bbox?: BBox,
): { mapping: Mapping; decided: boolean; note?: string } {
  const p = mapping.fields.point;
  if (p?.crs !== 'EPSG:4326' || p.swapped !== 'auto') return { mapping, decided: false };
  const iLat = columnIndex(header, p.lat),
    iLon = columnIndex(header, p.lon);
  const area = bbox ?? (mapping.bbox as BBox | undefined) ?? NL_BBOX;
  let asLabelled = 0,
    asSwapped = 0;
  for (const row of rows) {
    const a = parseNumber(row.cells[iLat] ?? '', mapping.decimalComma),
      b = parseNumber(row.cells[iLon] ?? '', mapping.decimalComma);
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
    return [...this.byCode.values()].sort((a, b) => b.count - a.count || byCharacters(a.code, b.code));
  }
}

/**
 * A file's accepted reports per theme and per time precision, counted by index (a keyed property
 * per report was most of counting them) and written into its summary at the end, in the order each
 * was first met, as the summary's objects had them when counted there.
 */
class AcceptedTally {
  private readonly themes = new Float64Array(THEMES.length);
  private readonly themeOrder: number[] = [];
  private readonly precisions = new Float64Array(PRECISIONS.length);
  private readonly precisionOrder: number[] = [];

  add(theme: number, precision: number): void {
    if (this.themes[theme]!++ === 0) this.themeOrder.push(theme);
    if (this.precisions[precision]!++ === 0) this.precisionOrder.push(precision);
  }

  writeInto(s: FileSummary): void {
    for (const t of this.themeOrder) s.themes[THEMES[t]!] = this.themes[t]!;
    for (const p of this.precisionOrder) s.precision[PRECISIONS[p]!] = this.precisions[p]!;
  }
}

function countAccepted(
  s: FileSummary,
  tally: AcceptedTally,
  b: ReportBatch,
  j: number,
  categories: Map<string, Partial<Record<Theme, number>>>,
): void {
  const theme = themeAt(b, j),
    category = textAt(b.category, j)!,
    at = b.reportedAt[j]!;
  s.accepted++;
  tally.add(b.theme[j]!, b.precision[j]!);
  const c = categories.get(category);
  if (c) c[theme] = (c[theme] ?? 0) + 1;
  else if (categories.size < MAX_CATEGORIES) categories.set(category, { [theme]: 1 });
  if (s.firstReportedAt === null || at < s.firstReportedAt) s.firstReportedAt = at;
  if (s.lastReportedAt === null || at > s.lastReportedAt) s.lastReportedAt = at;
}

/**
 * Streams one file into the sink, counting every row: read = accepted + rejected + duplicates.
 * A large CSV file is read by the worker threads of `workers` (made here when not given; the
 * caller of several files passes one pool and closes it).
 */
export async function ingestFile(
  path: string,
  opts: IngestOptions,
  dedup: Deduplicator,
  sink: IngestSink,
  workers?: WorkerPool,
): Promise<FileSummary> {
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
  const mapperOptions: MapperOptions = {
    file: path,
    nowMs: opts.nowMs,
    pseudonymKey: opts.pseudonymKey,
    ...(opts.bbox ? { bbox: opts.bbox } : {}),
    excelSerials: src.dialect.format === 'xlsx',
    pointOrderDecided: order.decided,
    ...(opts.omit ? { omit: opts.omit } : {}),
  };
  const mapRow = compileRowMapper(mapping, src.header, mapperOptions);
  const s: FileSummary = {
    path,
    sha256: '',
    profile,
    dialect: src.dialect,
    mapping,
    timeZone: mapping.timezone,
    read: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    rejectReasons: [],
    warnings: [],
    notes,
    firstReportedAt: null,
    lastReportedAt: null,
    themes: {},
    categories: [],
    precision: {},
  };
  const categories = new Map<string, Partial<Record<Theme, number>>>();
  const tally = new AcceptedTally();
  const rejectRow = (line: number, r: RowReject, kind: RejectRow['kind'] = 'rejected') => {
    if (kind === 'duplicate') s.duplicates++;
    else s.rejected++;
    rejects.add(r.code, r.reason, line);
    return sink.reject({ ...r, kind, file: path, line });
  };
  /** Takes a batch's rows in order: rejects, duplicates, accepted reports. */
  const take = async (b: ReportBatch) => {
    dedup.warm(b);
    let w = 0;
    for (let k = 0; k < b.rows; k++) {
      s.read++;
      const line = b.line[k]!,
        j = b.slot[k]!;
      let pending: void | Promise<void>;
      if (j < 0) pending = rejectRow(line, b.rejects[-1 - j]!);
      else {
        for (; w < b.warnings.length && b.warnings[w]![0] === k; w++) warnings.add(b.warnings[w]![1], b.warnings[w]![2], line);
        const firstCopy = dedup.check(b, j, line);
        if (firstCopy) {
          pending = rejectRow(
            line,
            {
              code: 'duplicate',
              reason: 'same source and id (or, without ids, same minute, place and category) as an earlier row',
              value: `first at ${firstCopy}`,
            },
            'duplicate',
          );
        } else {
          countAccepted(s, tally, b, j, categories);
          pending = sink.accept(b, j);
        }
      }
      if (pending) await pending;
    }
  };
  const source = mapping.source ?? mapping.name;
  if (src.expectedRows) {
    // A quarter more than the samples suggest (within 1 % on the generated exports; the first 64 KB
    // alone were a fifth short): too little room still grows, and a column's unused room is never
    // touched, so takes no memory.
    const expected = Math.ceil(src.expectedRows * EXPECTED_ROWS_MARGIN);
    if (mapping.fields.id !== undefined) dedup.expect(source, expected);
    sink.expect?.(expected);
  }
  const mapHere = (rows: readonly CsvRow[]) =>
    mapRowsInto(new BatchBuilder(path, source, opts.classifier?.classify, true), rows, src.header.length, mapRow).finish();
  for await (const batch of startingWith(firstBatch, rows)) {
    sink.progress?.(path, s.read);
    await take(mapHere(batch));
  }
  if (src.slices) {
    const init: WorkerInit = {
      mapping,
      header: src.header,
      mapper: mapperOptions,
      delimiter: src.dialect.delimiter,
      maxRecordChars: MAX_RECORD_BYTES,
      source,
      ...(opts.classifier ? { classifierData: opts.classifier.workerData } : {}),
    };
    const pool = workers ?? (await workerPoolFor(opts));
    let here: CsvTokenizer | undefined;
    try {
      for await (const { slice, batch } of pool.map(src.slices, init, opts.classifier?.workerScript)) {
        sink.progress?.(path, s.read);
        // From a slice the workers could not read cleanly on, read the rest here, from that slice's start.
        await take(
          batch ??
            mapHere(
              inLineOrder(
                (here ??= new CsvTokenizer(init.delimiter, { maxRecordChars: MAX_RECORD_BYTES, resume: slice.at })).push(
                  slice.text,
                  slice.final,
                ),
              ),
            ),
        );
      }
    } finally {
      if (!workers) await pool.close();
    }
  }
  if (s.read === 0) notes.push('the file has a header but no rows: was the export cut off, or the period empty?');
  s.sha256 = src.sha256();
  tally.writeInto(s);
  s.categories = [...categories]
    .flatMap(([category, byTheme]) =>
      Object.entries(byTheme).map(([theme, reports]) => ({ category, theme: theme as Theme, reports: reports! })),
    )
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
