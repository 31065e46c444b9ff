import { dwellingKeysOf, THEMES, type Report, type Theme } from './incoming.js';
import type { TimePrecision } from '../util/dates.js';
import { own } from '../util/text.js';

/** Time precisions by code (ReportBatch.precision). */
export const PRECISIONS: readonly TimePrecision[] = ['month', 'day', 'minute', 'second'];

/** A row that did not become a report: what was wrong, and where. */
export interface BatchReject {
  code: string;
  reason: string;
  column?: string;
  value?: string;
}

/** What a classifier (the rules) makes of a report: the kinds of location it counts towards, its signals. */
export type Classify = (r: Report) => { scope: number; signals: number };

/**
 * The rows of one stretch of a file after mapping, in columns that cross threads cheaply (typed
 * arrays move, strings are copied once). Per row read: its line, and the report it became or why
 * it was rejected. Per report: what deduplication, the counts and the store need. Free text and
 * reporter pseudonyms are not in it: the classifier ran where the text was, and a reporter is a
 * number (for distinct counts).
 */
export interface ReportBatch {
  file: string;
  source: string;
  /** Rows read. */
  rows: number;
  /** Per row read: its 1-based line. */
  line: Int32Array;
  /** Per row read: its report index (>= 0), or -1 - its index in `rejects`. */
  slot: Int32Array;
  rejects: BatchReject[];
  /** Warnings on rows, in row order: [row index, code, reason]. */
  warnings: Array<[number, string, string]>;
  /** Reports. */
  size: number;
  /** Per report: its id (the source's, or file:line). */
  id: PackedStrings;
  /**
   * Per report without a source id: the key for finding its duplicates, time + place + category
   * (precise times only; empty when none). A report with a source id is found by its id
   * (`bySourceId`).
   */
  dedupKey: PackedStrings;
  /** 1 when the report's duplicates are found by its source id. */
  bySourceId: Uint8Array;
  /**
   * keyHash() of the report's duplicate key (its id, or dedupKey), NaN when it has none: made where
   * the report was mapped, so the thread that deduplicates hashes no strings.
   */
  dedupHash: Float64Array;
  reportedAt: Float64Array;
  /** NaN when unknown (also x and y). */
  incidentStart: Float64Array;
  incidentEnd: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** Index in PRECISIONS. */
  precision: Uint8Array;
  /** Index in THEMES. */
  theme: Uint8Array;
  category: TextColumn;
  /** The reporter as a keyed-hash number (see pseudonymiser in ingest/fields.ts), -1 when none is named. */
  reporter: Int32Array;
  /** 1 when the report has free text. */
  hasText: Uint8Array;
  /** Dwelling keys (see dwellingKeys) and a readable address, when the report can be a dwelling. */
  dwellingStreet: TextColumn;
  dwellingPostcode: TextColumn;
  addressLabel: TextColumn;
  /** 1 when the label names postcode and city. */
  fullLabel: Uint8Array;
  street: TextColumn;
  buurt: TextColumn;
  wijk: TextColumn;
  area: TextColumn;
  /** From the classifier, 0 without one. */
  scope: Int32Array;
  signals: Int32Array;
}

/**
 * A text column of a batch: its values, and per report the index of its value (-1: none). A
 * category, street or buurt repeats over thousands of rows: its column holds each distinct value
 * once, so it crosses threads once per batch and the receiving thread meets the same string object
 * again (its hash computed once) instead of a fresh copy per row. A dwelling's keys and label seldom
 * repeat within a batch: their columns hold a value per report (a value may then occur twice).
 */
export interface TextColumn {
  values: string[];
  at: Int32Array;
}

/**
 * One string per report, packed into one text: report `j`'s is text[end[j - 1], end[j]) (from 0
 * for j = 0). A batch's ids cross threads as one string, and whoever keeps them keeps references
 * into it (see PackedRefs), not a string object per report.
 */
export interface PackedStrings {
  text: string;
  end: Int32Array;
}

/** Packs strings in order (see PackedStrings). */
export function packStrings(list: readonly string[]): PackedStrings {
  const end = new Int32Array(list.length);
  let at = 0;
  for (let j = 0; j < list.length; j++) end[j] = at += list[j]!.length;
  return { text: list.join(''), end };
}

const startOf = (p: PackedStrings, j: number) => (j === 0 ? 0 : p.end[j - 1]!);

/** Report `j`'s string of a packed column. */
export const packedAt = (p: PackedStrings, j: number): string => p.text.slice(startOf(p, j), p.end[j]);

/**
 * Strings kept as references into the packed texts they came in: per entry the text, start and
 * end (12 bytes), no string object. A million report ids held as strings cost about 40 MB of heap
 * and made every full garbage collection walk a million objects; as references they cost 12 MB
 * outside the heap plus the batches' texts.
 */
export class PackedRefs {
  private readonly texts: string[] = [];
  private last: PackedStrings | undefined;
  private ref = new Int32Array(1024);
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);
  size = 0;

  /** Keeps report `j`'s string of `p`; returns its entry number. */
  add(p: PackedStrings, j: number): number {
    if (p !== this.last) {
      this.last = p;
      this.texts.push(p.text);
    }
    const k = this.size++;
    if (k === this.ref.length) this.grow();
    this.ref[k] = this.texts.length - 1;
    this.start[k] = startOf(p, j);
    this.end[k] = p.end[j]!;
    return k;
  }

  /** Entry `k` as a string (made each time it is asked for). */
  get(k: number): string {
    return this.texts[this.ref[k]!]!.slice(this.start[k], this.end[k]);
  }

  /** Whether entry `k` equals report `j`'s string of `p` (compared in place). */
  equals(k: number, p: PackedStrings, j: number): boolean {
    const a = this.texts[this.ref[k]!]!,
      from = this.start[k]!,
      length = this.end[k]! - from,
      pFrom = startOf(p, j);
    if (p.end[j]! - pFrom !== length) return false;
    for (let c = 0; c < length; c++) if (a.charCodeAt(from + c) !== p.text.charCodeAt(pFrom + c)) return false;
    return true;
  }

  /** Makes room for `n` entries in all, so that adding them copies nothing (see ReportStore.expect). */
  reserve(n: number): void {
    if (n <= this.ref.length) return;
    this.ref = resized(this.ref, n);
    this.start = resized(this.start, n);
    this.end = resized(this.end, n);
  }

  private grow(): void {
    this.ref = doubled(this.ref);
    this.start = doubled(this.start);
    this.end = doubled(this.end);
  }
}

/** A copy of `a` in an array of the same type twice as long (the rest 0). */
export function doubled<T extends Int32Array | Float64Array>(a: T): T {
  return resized(a, a.length * 2);
}

/** A copy of `a` in an array of the same type `n` long (n >= a.length; the rest 0). */
export function resized<T extends Int32Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Row `j`'s value of a text column, or undefined. */
export const textAt = (c: TextColumn, j: number): string | undefined => {
  const k = c.at[j]!;
  return k < 0 ? undefined : c.values[k];
};

/**
 * Builds a TextColumn of `n` rows. `distinct`: each value once (a category, a street); without it,
 * each row's value in row order, for columns whose values seldom repeat within a batch (a dwelling's
 * keys and label), where looking every one up cost more than the few repeats save. The store reads
 * both the same way (see BatchLookup), so the ids it gives do not change.
 */
class TextColumnBuilder {
  private readonly index: Map<string, number> | undefined;
  readonly column: TextColumn;
  constructor(n: number, distinct: boolean) {
    this.column = { values: [], at: new Int32Array(n) };
    if (distinct) this.index = new Map();
  }
  set(j: number, value: string | undefined): void {
    if (value === undefined) {
      this.column.at[j] = -1;
      return;
    }
    if (!this.index) {
      this.column.at[j] = this.column.values.push(value) - 1;
      return;
    }
    let k = this.index.get(value);
    if (k === undefined) {
      k = this.column.values.length;
      this.column.values.push(value);
      this.index.set(value, k);
    }
    this.column.at[j] = k;
  }
}

const TEXT_COLUMNS = ['category', 'dwellingStreet', 'dwellingPostcode', 'addressLabel', 'street', 'buurt', 'wijk', 'area'] as const;
type TextColumnName = (typeof TEXT_COLUMNS)[number];
/** Text columns sent row by row, not each value once (see TextColumnBuilder). */
const ROW_BY_ROW = new Set<TextColumnName>(['dwellingStreet', 'dwellingPostcode', 'addressLabel']);

/** Gives a batch's kept texts (text columns, rejected values) strings of their own (see BatchBuilder's ownTexts). */
function ownedTexts(b: ReportBatch): void {
  for (const c of TEXT_COLUMNS) {
    const values = b[c].values;
    for (let k = 0; k < values.length; k++) values[k] = own(values[k]!);
  }
  for (const r of b.rejects) if (r.value !== undefined) r.value = own(r.value);
}

/** Collects mapped rows into a ReportBatch. */
export class BatchBuilder {
  private readonly line: number[] = [];
  private readonly slot: number[] = [];
  private readonly rejects: BatchReject[] = [];
  private readonly warnings: Array<[number, string, string]> = [];
  private readonly reports: Report[] = [];
  private readonly keys: string[] = [];

  /**
   * `ownTexts`: the rows' cells are views into the chunks they were cut from (see CsvTokenizer) on
   * the thread that keeps the batch, so the texts the batch keeps (its text columns and rejected
   * values) are copied into strings of their own (see own()). A batch made on a worker thread
   * needs no copies: it crosses to the reader as one.
   */
  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly classify?: Classify,
    private readonly ownTexts = false,
  ) {}

  get rows(): number {
    return this.line.length;
  }

  reject(line: number, reject: BatchReject): void {
    this.slot.push(-1 - this.rejects.length);
    this.line.push(line);
    this.rejects.push(reject);
  }

  /** A report, with its warnings and, without a source id, the key that finds its duplicates (see ReportBatch.dedupKey). */
  accept(line: number, report: Report, warnings: ReadonlyArray<{ code: string; reason: string }>, dedupKey: string | undefined): void {
    for (let k = 0; k < warnings.length; k++) this.warnings.push([this.line.length, warnings[k]!.code, warnings[k]!.reason]);
    this.slot.push(this.reports.length);
    this.line.push(line);
    this.reports.push(report);
    this.keys.push(dedupKey ?? '');
  }

  finish(): ReportBatch {
    const rs = this.reports,
      n = rs.length;
    const b: ReportBatch = {
      file: this.file,
      source: this.source,
      rows: this.line.length,
      line: Int32Array.from(this.line),
      slot: Int32Array.from(this.slot),
      rejects: this.rejects,
      warnings: this.warnings,
      size: n,
      id: packStrings(rs.map((r) => r.id)),
      dedupKey: packStrings(this.keys),
      bySourceId: new Uint8Array(n),
      dedupHash: new Float64Array(n),
      reportedAt: new Float64Array(n),
      incidentStart: new Float64Array(n),
      incidentEnd: new Float64Array(n),
      x: new Float64Array(n),
      y: new Float64Array(n),
      precision: new Uint8Array(n),
      theme: new Uint8Array(n),
      category: EMPTY,
      reporter: new Int32Array(n),
      hasText: new Uint8Array(n),
      dwellingStreet: EMPTY,
      dwellingPostcode: EMPTY,
      addressLabel: EMPTY,
      fullLabel: new Uint8Array(n),
      street: EMPTY,
      buurt: EMPTY,
      wijk: EMPTY,
      area: EMPTY,
      scope: new Int32Array(this.classify ? n : 0),
      signals: new Int32Array(this.classify ? n : 0),
    };
    const text = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new TextColumnBuilder(n, !ROW_BY_ROW.has(c))])) as Record<
      TextColumnName,
      TextColumnBuilder
    >;
    for (let j = 0; j < n; j++) this.fill(b, text, j, rs[j]!);
    for (const c of TEXT_COLUMNS) b[c] = text[c].column;
    if (this.ownTexts) ownedTexts(b);
    return b;
  }

  private fill(b: ReportBatch, text: Record<TextColumnName, TextColumnBuilder>, j: number, r: Report): void {
    b.bySourceId[j] = r.hasSourceId ? 1 : 0;
    const key = r.hasSourceId ? r.id : this.keys[j]!;
    b.dedupHash[j] = key === '' ? Number.NaN : keyHash(key);
    b.reportedAt[j] = r.reportedAt;
    b.incidentStart[j] = r.incidentStart ?? Number.NaN;
    b.incidentEnd[j] = r.incidentEnd ?? Number.NaN;
    b.x[j] = r.point ? r.point.x : Number.NaN;
    b.y[j] = r.point ? r.point.y : Number.NaN;
    b.precision[j] = PRECISIONS.indexOf(r.precision);
    b.theme[j] = THEMES.indexOf(r.theme);
    text.category.set(j, r.category);
    b.reporter[j] = r.reporter ?? -1;
    b.hasText[j] = r.text ? 1 : 0;
    const keys = dwellingKeysOf(r);
    text.dwellingStreet.set(j, keys.street);
    text.dwellingPostcode.set(j, keys.postcode);
    text.addressLabel.set(j, (keys.street ?? keys.postcode) ? addressLabel(r) : undefined);
    b.fullLabel[j] = r.address?.postcode && r.address.city ? 1 : 0;
    text.street.set(j, r.address?.street);
    text.buurt.set(j, r.buurt);
    text.wijk.set(j, r.wijk);
    text.area.set(j, r.area);
    if (this.classify) {
      const t = this.classify(r);
      b.scope[j] = t.scope;
      b.signals[j] = t.signals;
    }
  }
}

/** The buffers of a batch's typed arrays, to move (not copy) it to another thread. */
export function transferList(b: ReportBatch): ArrayBuffer[] {
  return [
    ...Object.values(b).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v)),
    ...TEXT_COLUMNS.map((c) => b[c].at),
    b.id.end,
    b.dedupKey.end,
  ].map((v) => v.buffer as ArrayBuffer);
}

/** A placeholder until finish() sets the text columns. */
const EMPTY: TextColumn = { values: [], at: new Int32Array(0) };

export const themeAt = (b: ReportBatch, j: number): Theme => THEMES[b.theme[j]!]!;
export const precisionAt = (b: ReportBatch, j: number): TimePrecision => PRECISIONS[b.precision[j]!]!;
/** A report's dwelling key (street form first), or undefined when it cannot be a dwelling. */
export const dwellingKeyAt = (b: ReportBatch, j: number): string | undefined =>
  textAt(b.dwellingStreet, j) ?? textAt(b.dwellingPostcode, j);

/** "Scharnerweg 88B, 6224JA Maastricht": street and number, postcode and city, as far as known. */
export function addressLabel(r: Report): string {
  const a = r.address!;
  const number = `${a.houseNumber ?? ''}${a.suffix ? (/^\d/.test(a.suffix) ? `-${a.suffix}` : a.suffix) : ''}`;
  // (the non-empty parts joined: street and number by a space, postcode and city by a space, the two by a comma)
  const place = a.street && number ? `${a.street} ${number}` : a.street || number;
  const town = a.postcode && a.city ? `${a.postcode} ${a.city}` : a.postcode || a.city || '';
  return place && town ? `${place}, ${town}` : place || town;
}

/**
 * A 52-bit hash of a string (two 32-bit multiplicative hashes over its UTF-16 units, one cut to 20
 * bits), never 0: equal strings have equal hashes, and unequal ones share one with a chance of about
 * 1 in 10^9 among a million keys. Callers compare the strings when hashes meet.
 */
export function keyHash(s: string): number {
  let a = 0x811c9dc5,
    b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (b >>> 12) * 2 ** 32 + (a >>> 0) || 1;
}
