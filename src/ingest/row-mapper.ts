import { basename } from 'node:path';
import type { Mapping, ColumnRef, TimeField } from './mapping.js';
import { placeTheme, themeClassifier } from './themes.js';
import {
  cleanStreet,
  normaliseBuurt,
  normalisePostcode,
  normaliseWijk,
  parseHouseNumber,
  parseNumber,
  pseudonymiser,
  splitAddress,
  wijkOfBuurt,
} from './fields.js';
import type { Address, Point, Report } from '../model/incoming.js';
import { autoDateParser, compileDatePattern, excelSerialTime, type ParsedTime, type TimeParser } from '../util/dates.js';
import { inBBox, NL_BBOX, NL_RD_BOUNDS, rdInnerRect, rdToWgs84, wgs84ToRd, type BBox } from '../geo/rd.js';
import { clip } from '../util/text.js';
import type { BatchBuilder } from '../model/batch.js';
import type { CsvRow } from './read-csv.js';
import { dedupKey } from './dedup.js';

/** Why a row was not accepted; `column` is the source header name. */
export interface RowReject {
  code: string;
  reason: string;
  column?: string;
  value?: string;
}

/** A non-fatal finding on an accepted row (field left empty or ignored). */
export type RowWarning = RowReject;

export interface MapperOptions {
  file: string;
  nowMs: number;
  pseudonymKey: Uint8Array;
  /** Overrides the mapping's bbox (WGS84). */
  bbox?: BBox;
  /** Excel input: a number in a date column is an Excel serial date (days since 1899-12-30). */
  excelSerials?: boolean;
  /** The lat/lon order was decided from the file's rows (swapped: auto), not set in the mapping. */
  pointOrderDecided?: boolean;
  /** Fields not to read at all (validate needs neither free text nor reporters). */
  omit?: ReadonlyArray<'text' | 'reporter'>;
}

export type RowResult = { ok: true; report: Report; warnings: RowWarning[] } | { ok: false; reject: RowReject };

/** Reject code of rows a mapping's `exclude` rule removes on purpose (not a data problem). */
export const EXCLUDED = 'excluded';

/** C0 and C1 control characters (terminal escapes, bells, NUL) kept out of short fields. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Whether a short field needs cleaning at all: a control character or a run of white space. */
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f]|\s\s/;

/** Earliest plausible report time: older dates are Excel defaults (1900) or typing errors. */
const EARLIEST_MS = Date.UTC(1990, 0, 1);
/** Clock skew allowed before a report counts as "in the future". */
const FUTURE_SLACK_MS = 5 * 60_000;

/** Resolves a column reference to an index in the header; -1 when absent. */
export function columnIndex(header: readonly string[], ref: ColumnRef): number {
  if (typeof ref === 'number') return ref - 1;
  const exact = header.indexOf(ref);
  if (exact >= 0) return exact;
  const lower = ref.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === lower);
}

type Getter = (cells: readonly string[]) => string;

/**
 * Compiles a mapping against a file's header into a fast row function. Column lookups,
 * date patterns and theme rules are resolved once, not per row.
 */
export function compileRowMapper(mapping: Mapping, header: readonly string[], opts: MapperOptions) {
  const nulls = new Set(mapping.nullValues);
  const longestNull = Math.max(0, ...mapping.nullValues.map((v) => v.length));
  const get = (ref: ColumnRef | undefined): Getter | undefined => {
    if (ref === undefined) return undefined;
    const i = columnIndex(header, ref);
    if (i < 0) return undefined;
    return (cells) => {
      const v = (cells[i] ?? '').trim();
      return v.length <= longestNull && nulls.has(v) ? '' : v;
    };
  };
  /** For short fields that end up in reports (category, street, city): control characters become spaces. */
  const getClean = (ref: ColumnRef | undefined): Getter | undefined => {
    const g = get(ref);
    return (
      g &&
      ((cells) => {
        const v = g(cells);
        return NEEDS_CLEANING.test(v) ? v.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim() : v;
      })
    );
  };
  const getMany = (refs: ColumnRef | ColumnRef[] | undefined, sep: string, clean = false): Getter | undefined => {
    const list = (Array.isArray(refs) ? refs : refs === undefined ? [] : [refs])
      .map(clean ? getClean : get)
      .filter((g): g is Getter => !!g);
    if (list.length === 0) return undefined;
    if (list.length === 1) return list[0]; // the common case
    // The non-empty values joined by `sep`, without arrays per row.
    return (cells) => {
      let out = '';
      for (let k = 0; k < list.length; k++) {
        const v = list[k]!(cells);
        if (v) out = out ? out + sep + v : v;
      }
      return out;
    };
  };
  const nameOf = (ref: ColumnRef | undefined) =>
    ref === undefined ? undefined : typeof ref === 'number' ? (header[ref - 1] ?? `column${ref}`) : ref;

  const time = (field: TimeField | undefined) => compileTime(field, mapping.timezone, get, nameOf, !!opts.excelSerials);
  const reportedAt = time(mapping.fields.reportedAt)!;
  const incidentStart = time(mapping.fields.incidentStart);
  const incidentEnd = time(mapping.fields.incidentEnd);
  const id = get(mapping.fields.id);
  const category = getMany(mapping.fields.category, ' / ', true);
  const text = opts.omit?.includes('text') ? undefined : getMany(mapping.fields.text, '\n');
  const reporter = opts.omit?.includes('reporter') ? undefined : getMany(mapping.fields.reporter, '\u0000');
  const point = compilePoint(mapping, get, nameOf, opts.bbox ?? (mapping.bbox as BBox | undefined), !!opts.pointOrderDecided);
  const address = compileAddress(mapping, getClean, getMany, nameOf);
  const buurt = get(mapping.fields.buurt);
  const wijk = get(mapping.fields.wijk);
  const area = getClean(mapping.fields.area);
  const exclusions = mapping.exclude.map((e) => ({ get: get(e.column), values: new Set(e.values), e, column: nameOf(e.column) }));
  const theme = themeClassifier(mapping.themes);
  const source = mapping.source ?? mapping.name;
  const fileTag = basename(opts.file);
  const pseudonym = pseudonymiser(opts.pseudonymKey);

  /** `replaced`: whether a cell holds U+FFFD, when the reader knows (undefined: the cells are searched). */
  return (cells: readonly string[], line: number, replaced?: boolean): RowResult => {
    for (let k = 0; k < exclusions.length; k++) {
      const x = exclusions[k]!;
      const v = x.get?.(cells);
      if (v !== undefined && x.values.has(v)) return reject(EXCLUDED, x.e.reason, x.column, v);
    }
    const rawTime = reportedAt.read(cells);
    if (rawTime === '') return reject('missing-date', 'report date is empty', reportedAt.column);
    const when = reportedAt.parse(rawTime);
    if (!when) return reject('bad-date', `cannot read date${reportedAt.formatHint}`, reportedAt.column, rawTime);
    if (when.utcMs > opts.nowMs + FUTURE_SLACK_MS)
      return reject('future-date', 'report date lies in the future', reportedAt.column, rawTime);
    if (when.utcMs < EARLIEST_MS)
      return reject('implausible-date', 'report date before 1990 (an Excel default?)', reportedAt.column, rawTime);

    const warnings: RowWarning[] = [];
    const located = point ? point(cells) : { point: undefined };
    if ('code' in located) return { ok: false, reject: located };
    const addr = address(cells, warnings);
    if (!located.point && !addr?.postcode && !addr?.street) {
      return reject('no-location', 'neither coordinates nor an address', point?.columns);
    }
    const sourceId = id?.(cells);
    const report: Report = {
      id: sourceId || `${fileTag}:${line}`,
      hasSourceId: !!sourceId,
      source,
      reportedAt: when.utcMs,
      precision: when.precision,
      category: category?.(cells) ?? '',
      theme: 'overig',
      line,
      file: opts.file,
    };
    if (located.point) report.point = located.point;
    if (addr) report.address = addr;
    report.theme = placeTheme(theme(report.category), addr?.houseNumber !== undefined);
    readIncidentWindow(report, cells, incidentStart, incidentEnd, warnings);
    readAreas(report, cells, buurt, wijk, nameOf, mapping, warnings);
    const areaName = area?.(cells);
    if (areaName) report.area = areaName;
    const t = text?.(cells);
    if (t) report.text = t;
    const named = reporter?.(cells);
    const who = named?.includes('\u0000') ? named.split('\u0000').find(Boolean) : named;
    const reporterId = who ? pseudonym(who) : null;
    if (reporterId !== null) report.reporter = reporterId;
    if (replaced ?? hasReplacementChar(cells)) {
      warnings.push({ code: 'encoding', reason: 'undecodable bytes replaced by \uFFFD; set encoding in a mapping' });
    }
    return { ok: true, report, warnings };
  };
}

/** Whether a cell holds U+FFFD (bytes the decoder could not read). A loop: hot, once per row. */
function hasReplacementChar(cells: readonly string[]): boolean {
  for (let k = 0; k < cells.length; k++) if (cells[k]!.includes('\uFFFD')) return true;
  return false;
}

function reject(code: string, reason: string, column?: string, value?: string): RowResult {
  return { ok: false, reject: { code, reason, ...(column ? { column } : {}), ...(value !== undefined ? { value: clip(value) } : {}) } };
}

interface CompiledTime {
  read: Getter;
  parse: TimeParser;
  column: string;
  formatHint: string;
}

function compileTime(
  field: TimeField | undefined,
  zone: string,
  get: (r: ColumnRef | undefined) => Getter | undefined,
  nameOf: (r: ColumnRef | undefined) => string | undefined,
  excelSerials: boolean,
): CompiledTime | undefined {
  if (field === undefined) return undefined;
  const spec = typeof field === 'object' ? field : { column: field, time: undefined, format: undefined };
  const date = get(spec.column);
  if (!date) return undefined;
  const timeOfDay = get(spec.time);
  const read: Getter = timeOfDay ? (cells) => `${date(cells)} ${timeOfDay(cells)}`.trim() : date;
  const text = spec.format ? compileDatePattern(spec.format, zone) : autoDateParser(zone);
  const parse: TimeParser = excelSerials ? (raw) => text(raw) ?? excelSerialTime(raw, zone) : text;
  const formatHint = spec.format ? ` with format "${spec.format}"` : ' (set fields.*.format in a mapping, e.g. dd-MM-yyyy HH:mm)';
  return { read, parse, column: nameOf(spec.column)!, formatHint };
}

/** An incident time (undefined when its column is unmapped or empty, null, with a warning, when unreadable). */
function readTime(t: CompiledTime | undefined, cells: readonly string[], warnings: RowWarning[]): ParsedTime | null | undefined {
  if (!t) return undefined;
  const raw = t.read(cells);
  if (raw === '') return undefined;
  const parsed = t.parse(raw);
  if (!parsed)
    warnings.push({
      code: 'bad-incident-date',
      reason: `incident time ignored: cannot read it${t.formatHint}`,
      column: t.column,
      value: clip(raw),
    });
  return parsed;
}

function readIncidentWindow(
  report: Report,
  cells: readonly string[],
  start: CompiledTime | undefined,
  end: CompiledTime | undefined,
  warnings: RowWarning[],
): void {
  const s = readTime(start, cells, warnings);
  const e = readTime(end, cells, warnings);
  if (s && e && e.utcMs < s.utcMs) {
    warnings.push({ code: 'incident-window', reason: 'incident end before start; end ignored', column: end!.column });
    report.incidentStart = s.utcMs;
    return;
  }
  if (s) report.incidentStart = s.utcMs;
  if (e) report.incidentEnd = e.utcMs;
}

function readAreas(
  report: Report,
  cells: readonly string[],
  buurt: Getter | undefined,
  wijk: Getter | undefined,
  nameOf: (r: ColumnRef | undefined) => string | undefined,
  mapping: Mapping,
  warnings: RowWarning[],
): void {
  const b = buurt?.(cells);
  if (b) {
    const code = normaliseBuurt(b);
    if (code) report.buurt = code;
    else
      warnings.push({
        code: 'bad-buurt-code',
        reason: 'buurt is not a CBS code like BU09350000; left empty',
        column: nameOf(mapping.fields.buurt),
        value: clip(b),
      });
  }
  const w = wijk?.(cells);
  if (w) {
    const code = normaliseWijk(w);
    if (code) report.wijk = code;
    else
      warnings.push({
        code: 'bad-wijk-code',
        reason: 'wijk is not a CBS code like WK093500; left empty',
        column: nameOf(mapping.fields.wijk),
        value: clip(w),
      });
  }
  if (!report.wijk && report.buurt) report.wijk = wijkOfBuurt(report.buurt);
}

type PointResult = { point: Point | undefined } | RowReject;

function compilePoint(
  mapping: Mapping,
  get: (r: ColumnRef | undefined) => Getter | undefined,
  nameOf: (r: ColumnRef | undefined) => string | undefined,
  bbox: BBox | undefined,
  orderDecided: boolean,
): (((cells: readonly string[]) => PointResult) & { columns?: string }) | undefined {
  const spec = mapping.fields.point;
  if (!spec) return undefined;
  const dc = mapping.decimalComma;
  const area = bbox ?? NL_BBOX;
  const areaText = bbox ? `the configured bbox [${bbox.join(', ')}]` : 'the Netherlands';
  const fail = (code: string, reason: string, column: string | undefined, value: string): RowReject => ({
    code,
    reason,
    ...(column ? { column } : {}),
    value: clip(value),
  });
  if (spec.crs === 'EPSG:28992') {
    const gx = get(spec.x)!,
      gy = get(spec.y)!;
    const cx = nameOf(spec.x),
      cy = nameOf(spec.y);
    const inner = rdInnerRect(area);
    const inArea = (x: number, y: number) =>
      (inner !== null && x > inner.minX && x < inner.maxX && y > inner.minY && y < inner.maxY) || inBBox(...rdToWgs84(x, y), area);
    const fn = (cells: readonly string[]): PointResult => {
      const tx = gx(cells),
        ty = gy(cells);
      if (tx === '' && ty === '') return { point: undefined };
      const x = parseNumber(tx, dc),
        y = parseNumber(ty, dc);
      if (x === null) return fail('bad-coordinate', 'x is not a number', cx, tx);
      if (y === null) return fail('bad-coordinate', 'y is not a number', cy, ty);
      if (x === 0 && y === 0) return fail('zero-coordinates', 'point is (0, 0): a missing location written as zero', cx, `${tx} ${ty}`);
      const b = NL_RD_BOUNDS;
      if (!bbox && y >= b.minX && y <= b.maxX && x >= b.minY && x <= b.maxY) {
        return fail('swapped-coordinates', 'x and y look swapped (x holds a northing); swap the columns in the mapping', cx, `${tx} ${ty}`);
      }
      if (!inArea(x, y)) return fail('outside-area', `RD point lies outside ${areaText}`, cx, `${tx} ${ty}`);
      return { point: { x, y } };
    };
    return Object.assign(fn, { columns: cx });
  }
  const swapped = spec.swapped === true;
  const gLat = get(swapped ? spec.lon : spec.lat)!,
    gLon = get(swapped ? spec.lat : spec.lon)!;
  const cLat = nameOf(swapped ? spec.lon : spec.lat),
    cLon = nameOf(swapped ? spec.lat : spec.lon);
  const swapHint = orderDecided
    ? 'latitude and longitude are in the other order than in the rest of this file; check this row in the source'
    : `latitude and longitude look swapped; set point.swapped: ${!swapped} in the mapping (or leave it out: the order is then decided per file)`;
  const fn = (cells: readonly string[]): PointResult => {
    const tLat = gLat(cells),
      tLon = gLon(cells);
    if (tLat === '' && tLon === '') return { point: undefined };
    const lat = parseNumber(tLat, dc),
      lon = parseNumber(tLon, dc);
    if (lat === null) return fail('bad-coordinate', 'latitude is not a number', cLat, tLat);
    if (lon === null) return fail('bad-coordinate', 'longitude is not a number', cLon, tLon);
    if (lat === 0 && lon === 0)
      return fail('zero-coordinates', 'point is (0, 0): a missing location written as zero', cLat, `${tLat} ${tLon}`);
    if (Math.abs(lat) > 1000 || Math.abs(lon) > 1000) {
      return fail('bad-coordinate', 'values look like RD metres, not degrees; use crs EPSG:28992 with x/y', cLat, `${tLat} ${tLon}`);
    }
    if (!inBBox(lon, lat, area) && inBBox(lat, lon, area)) {
      return fail('swapped-coordinates', swapHint, cLat, `${tLat} ${tLon}`);
    }
    if (!inBBox(lon, lat, area)) return fail('outside-area', `point lies outside ${areaText}`, cLat, `${tLat} ${tLon}`);
    const [x, y] = wgs84ToRd(lon, lat);
    return { point: { x, y } };
  };
  return Object.assign(fn, { columns: cLat });
}

function compileAddress(
  mapping: Mapping,
  get: (r: ColumnRef | undefined) => Getter | undefined,
  getMany: (r: ColumnRef | ColumnRef[] | undefined, sep: string) => Getter | undefined,
  nameOf: (r: ColumnRef | undefined) => string | undefined,
) {
  const f = mapping.fields;
  const street = get(f.street),
    number = get(f.houseNumber),
    suffix = getMany(f.houseNumberSuffix, '-');
  const postcode = get(f.postcode),
    city = get(f.city),
    whole = get(f.address);
  if (!street && !number && !postcode && !city && !whole) return () => undefined;
  return (cells: readonly string[], warnings: RowWarning[]): Address | undefined => {
    const a: Address = {};
    const parts = whole ? splitAddress(cleanStreet(whole(cells))) : {};
    const s = cleanStreet(street?.(cells) ?? '') || parts.street;
    if (s) a.street = s;
    if (parts.houseNumber !== undefined && !number)
      Object.assign(a, { houseNumber: parts.houseNumber, ...(parts.suffix ? { suffix: parts.suffix } : {}) });
    const n = number?.(cells);
    if (n) {
      const parsed = parseHouseNumber(n, suffix?.(cells) ?? '');
      if (parsed) Object.assign(a, parsed);
      else
        warnings.push({
          code: 'bad-house-number',
          reason: 'house number not understood; left empty',
          column: nameOf(f.houseNumber),
          value: clip(n),
        });
    }
    const p = postcode?.(cells) || parts.postcode;
    if (p) {
      const pc = normalisePostcode(p);
      if (pc) a.postcode = pc;
      else
        warnings.push({
          code: 'bad-postcode',
          reason: 'postcode is not like 1234AB; left empty',
          column: nameOf(f.postcode),
          value: clip(p),
        });
    }
    const c = city?.(cells) || parts.city || mapping.city;
    if (c) a.city = c;
    return a.street || a.postcode || a.houseNumber !== undefined ? a : undefined;
  };
}

/** A read row after mapping: rejected with a reason, or a report with its warnings. */
export type MappedRow = { line: number; reject: RowReject; report?: undefined } | { line: number; report: Report; warnings: RowWarning[] };

export type RowMapper = ReturnType<typeof compileRowMapper>;

/**
 * One row of a table (a CSV record, a sheet row, a feature) through its mapping: unreadable
 * records and rows without the header's number of columns are rejected before mapping.
 */
export function mapTableRow(row: CsvRow, columns: number, mapRow: RowMapper): MappedRow {
  const line = row.line;
  const unreadable = tableRowProblem(row, columns);
  if (unreadable) return { line, reject: unreadable };
  const r = mapRow(row.cells, line, row.replaced);
  return r.ok ? { line, report: r.report, warnings: r.warnings } : { line, reject: r.reject };
}

/** Why a row cannot be mapped at all (an unreadable record, not the header's columns); undefined when it can. */
function tableRowProblem(row: CsvRow, columns: number): RowReject | undefined {
  if (row.problem) return { code: 'csv-syntax', reason: 'unreadable CSV record (quotes or record size)', value: row.problem };
  if (columns > 0 && row.cells.length !== columns)
    return { code: 'column-count', reason: `row does not have the header's ${columns} columns`, value: `${row.cells.length} columns` };
  return undefined;
}

/** Maps rows of a table into a batch builder, with each report's duplicate key (as mapTableRow, without an object per row). */
export function mapRowsInto(builder: BatchBuilder, rows: readonly CsvRow[], columns: number, mapRow: RowMapper): BatchBuilder {
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const unreadable = tableRowProblem(row, columns);
    if (unreadable) {
      builder.reject(row.line, unreadable);
      continue;
    }
    const r = mapRow(row.cells, row.line, row.replaced);
    if (r.ok) builder.accept(row.line, r.report, r.warnings, dedupKey(r.report));
    else builder.reject(row.line, r.reject);
  }
  return builder;
}
