import { THEMES, type Report, type Theme } from './incoming.js';
import {
  BatchBuilder,
  PackedRefs,
  packedAt,
  packStrings,
  PRECISIONS,
  textAt,
  type PackedStrings,
  type ReportBatch,
  type TextColumn,
} from './batch.js';
import type { ReportIds } from './screening.js';
import { JSON_PIECES, stringListPieces } from '../util/json-pieces.js';

/** Interns strings to small integers so a million reports hold numbers, not copies. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/**
 * Columns live in shared memory: a worker thread that works out the grid and density reads them
 * where they are, without a copy of a million reports' coordinates (see pipeline/numbers.ts).
 */
const sharedF64 = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
const sharedI32 = (n: number) => new Int32Array(new SharedArrayBuffer(n * 4));

/**
 * Interned ids of one batch's text column, each distinct value looked up the first time a report
 * that is kept uses it (so ids are given in the order reports are kept, as row by row would);
 * -1 for none or an empty value.
 */
class BatchLookup {
  private column: TextColumn | undefined;
  private ids = new Int32Array(0);
  constructor(private readonly interner: Interner) {}
  id(c: TextColumn, j: number): number {
    const k = c.at[j]!;
    if (k < 0) return -1;
    if (c !== this.column) {
      this.column = c;
      this.ids = new Int32Array(c.values.length).fill(-2);
    }
    let id = this.ids[k]!;
    if (id === -2) {
      const v = c.values[k]!;
      id = this.ids[k] = v ? this.interner.id(v) : -1;
    }
    return id;
  }
}

/** A column that grows by doubling, in shared memory. */
class Growable<T extends Float64Array | Int32Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  /** Makes room for `n` values. */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < n) size *= 2;
    this.resize(size);
  }
  /** Makes room for exactly `n` values, when it has less. */
  reserveExactly(n: number): void {
    if (n > this.data.length) this.resize(n);
  }
  private resize(n: number): void {
    const d = this.make(n);
    d.set(this.data);
    this.data = d;
  }
}
const growableF64 = () => new Growable(sharedF64(1024), sharedF64);
const growableI32 = () => new Growable(sharedI32(1024), sharedI32);

/** dst[at + k] = src[js[k]] for k < n (a source column shorter than js reads as 0: an empty classifier column). */
function pick(dst: Float64Array | Int32Array, at: number, src: ArrayLike<number>, js: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) dst[at + k] = src[js[k]!] ?? 0;
}

/**
 * The screened reports in columns (typed arrays plus interned strings): what clustering and
 * scoring need, and nothing else. Free text and reporter identifiers are not kept; reporters
 * are held as their pseudonyms, keyed-hash numbers, for distinct counts only.
 */
export class ReportStore {
  size = 0;
  /** Report ids, as references into their batches' packed ids (see PackedRefs). */
  private readonly ids = new PackedRefs();
  private readonly cols = {
    x: growableF64(),
    y: growableF64(),
    reportedAt: growableF64(),
    incidentStart: growableF64(),
    incidentEnd: growableF64(),
    theme: growableI32(),
    signals: growableI32(),
    scope: growableI32(),
    reporter: growableI32(),
    source: growableI32(),
    address: growableI32(),
    street: growableI32(),
    buurt: growableI32(),
    wijk: growableI32(),
    area: growableI32(),
    exactTime: growableI32(),
  };
  readonly sources = new Interner();
  readonly addresses = new Interner();
  readonly streets = new Interner();
  readonly areas = new Interner();
  /** Area names: the municipality's own map (--areas), or as the source names them. */
  readonly areaNames = new Interner();
  // Per address (by its interned id, dense: arrays, not maps, as every report looks them up).
  /** A readable address ("Scharnerweg 88B, 6224JA Maastricht"); the fullest seen. */
  private readonly labels: Array<string | undefined> = [];
  /** 1 when the label was made from a report with postcode and city. */
  private readonly fullLabels: number[] = [];
  /** Its postcode-form key, where a report gave one (for identity in the history). */
  private readonly postcodeOf: Array<string | undefined> = [];
  /** Postcode-form key -> the street-form key a report with both gave it (null: reports disagree). */
  private readonly postcodeStreet = new Map<string, string | null>();
  /** The batch last added from, and its source's id. */
  private batch: ReportBatch | undefined;
  private batchSource = -1;
  /** A batch's text values to interned ids, each looked up once per batch (see BatchLookup). */
  private readonly lookups = {
    dwellingStreet: new BatchLookup(this.addresses),
    dwellingPostcode: new BatchLookup(this.addresses),
    street: new BatchLookup(this.streets),
    buurt: new BatchLookup(this.areas),
    wijk: new BatchLookup(this.areas),
  };
  /** The address column resolved to one key per dwelling, and the size it was resolved at. */
  private resolved: { size: number; address: Int32Array } | undefined;

  /**
   * About `n` more reports are coming (an estimate): the columns are made that long at once,
   * rather than doubling on the way, each doubling a copy, with the outgrown columns lying about
   * until a full collection (at 1M reports some 40 MB at the end of reading).
   */
  expect(n: number): void {
    for (const col of Object.values(this.cols)) col.reserveExactly(this.size + n);
    this.ids.reserve(this.size + n);
  }

  /** Adds a report with its signal mask and scope mask (IN_DWELLING_SCOPE | IN_PUBLIC_SCOPE). */
  add(r: Report, signals: number, scope: number): void {
    const b = new BatchBuilder(r.file, r.source, () => ({ scope, signals }));
    b.accept(r.line, r, [], undefined);
    const batch = b.finish();
    this.addFrom(batch, 0, textAt(batch.area, 0));
  }

  /** Adds report `j` of a batch, in `area` (the source's, b.area[j], or from --areas). */
  addFrom(b: ReportBatch, j: number, area: string | undefined): void {
    this.addMany(b, Int32Array.of(j), 1, [area]);
  }

  /**
   * Adds reports js[0..n) of a batch, in file order, report js[k] in area areas[k]: column by
   * column, as tight loops over the batch's arrays (a call per value per report cost 1 µs a report).
   */
  addMany(b: ReportBatch, js: Int32Array, n: number, areas: ReadonlyArray<string | undefined>): void {
    const i0 = this.size;
    this.size += n;
    const c = this.cols;
    for (const col of Object.values(c)) col.reserve(this.size);
    for (let k = 0; k < n; k++) this.ids.add(b.id, js[k]!);
    pick(c.x.data, i0, b.x, js, n);
    pick(c.y.data, i0, b.y, js, n);
    pick(c.reportedAt.data, i0, b.reportedAt, js, n);
    pick(c.incidentStart.data, i0, b.incidentStart, js, n);
    pick(c.incidentEnd.data, i0, b.incidentEnd, js, n);
    pick(c.theme.data, i0, b.theme, js, n);
    pick(c.signals.data, i0, b.signals, js, n); // an empty column (no classifier) reads as 0
    pick(c.scope.data, i0, b.scope, js, n);
    pick(c.reporter.data, i0, b.reporter, js, n);
    if (b !== this.batch) {
      this.batch = b;
      this.batchSource = this.sources.id(b.source);
    }
    c.source.data.fill(this.batchSource, i0, i0 + n);
    const l = this.lookups;
    for (let k = 0; k < n; k++) {
      const j = js[k]!,
        i = i0 + k;
      c.address.data[i] = this.dwelling(b, j);
      c.street.data[i] = l.street.id(b.street, j);
      c.buurt.data[i] = l.buurt.id(b.buurt, j);
      c.wijk.data[i] = l.wijk.id(b.wijk, j);
      const area = areas[k];
      c.area.data[i] = area ? this.areaNames.id(area) : -1;
      const p = PRECISIONS[b.precision[j]!];
      c.exactTime.data[i] = p === 'minute' || p === 'second' || !Number.isNaN(b.incidentStart[j]!) ? 1 : 0;
    }
  }

  /** Report `j`'s dwelling key (interned), noting its postcode form and its label; -1 when none. */
  private dwelling(b: ReportBatch, j: number): number {
    const ks = b.dwellingStreet.at[j]!,
      kp = b.dwellingPostcode.at[j]!;
    const a =
      ks >= 0
        ? this.lookups.dwellingStreet.id(b.dwellingStreet, j)
        : kp >= 0
          ? this.lookups.dwellingPostcode.id(b.dwellingPostcode, j)
          : -1;
    const street = ks >= 0 ? b.dwellingStreet.values[ks] : undefined,
      postcode = kp >= 0 ? b.dwellingPostcode.values[kp] : undefined;
    if (street && postcode) {
      const known = this.postcodeStreet.get(postcode);
      if (known === undefined) this.postcodeStreet.set(postcode, street);
      else if (known !== null && known !== street) this.postcodeStreet.set(postcode, null);
    }
    if (a >= 0 && postcode && this.postcodeOf[a] === undefined) this.postcodeOf[a] = postcode;
    // A label once per address, and again only from a report that names more (postcode and city).
    const full = b.fullLabel[j] === 1;
    if (a >= 0 && (this.labels[a] === undefined || (full && this.fullLabels[a] !== 1))) {
      const label = textAt(b.addressLabel, j)!;
      if ((this.labels[a]?.length ?? -1) < label.length) this.labels[a] = label;
      if (full) this.fullLabels[a] = 1;
    }
    return a;
  }

  /** Column views trimmed to the stored size. */
  columns() {
    const n = this.size,
      c = this.cols;
    return {
      x: c.x.data.subarray(0, n),
      y: c.y.data.subarray(0, n),
      reportedAt: c.reportedAt.data.subarray(0, n),
      incidentStart: c.incidentStart.data.subarray(0, n),
      incidentEnd: c.incidentEnd.data.subarray(0, n),
      theme: c.theme.data.subarray(0, n),
      signals: c.signals.data.subarray(0, n),
      scope: c.scope.data.subarray(0, n),
      reporter: c.reporter.data.subarray(0, n),
      source: c.source.data.subarray(0, n),
      /** Dwelling per report, one key per address however the sources wrote it (see resolveAddresses). */
      address: this.resolveAddresses(),
      street: c.street.data.subarray(0, n),
      buurt: c.buurt.data.subarray(0, n),
      wijk: c.wijk.data.subarray(0, n),
      area: c.area.data.subarray(0, n),
      /** 1 when the time of day is known (not month- or day-only). */
      exactTime: c.exactTime.data.subarray(0, n),
    };
  }

  /**
   * One key per dwelling: a postcode-only address joins the street address that reports with both
   * gave it, and an address without a city joins the one city that has the same street, number and
   * suffix. Labels move to the key they join (the fullest label wins).
   */
  private resolveAddresses(): Int32Array {
    const n = this.size;
    if (this.resolved?.size === n) return this.resolved.address;
    const values = this.addresses.values;
    const withCity = new Map<string, number[]>();
    values.forEach((k, i) => {
      if (k.startsWith('pc:') || k.endsWith('|')) return;
      const stem = k.slice(0, k.lastIndexOf('|') + 1);
      const list = withCity.get(stem);
      if (list) list.push(i);
      else withCity.set(stem, [i]);
    });
    const target = values.map((k, i) => {
      let key = k;
      if (key.startsWith('pc:')) key = this.postcodeStreet.get(key) ?? key;
      let t = key === k ? i : this.addresses.id(key);
      if (!key.startsWith('pc:') && key.endsWith('|')) {
        const c = withCity.get(key);
        if (c?.length === 1) t = c[0]!;
      }
      return t;
    });
    target.forEach((t, i) => {
      if (t === i) return;
      const label = this.labels[i];
      if (label && (this.labels[t]?.length ?? -1) < label.length) this.labels[t] = label;
      const pc = this.postcodeOf[i];
      if (pc && this.postcodeOf[t] === undefined) this.postcodeOf[t] = pc;
    });
    const raw = this.cols.address.data.subarray(0, n);
    const address = new Int32Array(n);
    for (let i = 0; i < n; i++) address[i] = raw[i]! < 0 ? raw[i]! : target[raw[i]!]!;
    this.resolved = { size: n, address };
    return address;
  }

  /** The postcode-form key of a (resolved) dwelling, when any report of it gave a postcode. */
  postcodeKeyOf(address: number): string | undefined {
    return this.postcodeOf[address];
  }

  /** A (resolved) dwelling's readable address, the fullest a report gave. */
  addressLabel(address: number): string | undefined {
    return this.labels[address];
  }

  /** Report `i`'s id. */
  idAt(i: number): string {
    return this.ids.get(i);
  }

  /**
   * The ids of reports `m` in id order (code unit order, as Array.prototype.sort puts strings),
   * packed into one string: sorting the strings themselves is twice as fast as sorting indices
   * by them, and the packed list holds no string per report.
   */
  sortedIds(m: Int32Array): ReportIds {
    const ids = new Array<string>(m.length); // (not Array.from: over a typed array it lists the values first)
    for (let k = 0; k < m.length; k++) ids[k] = this.ids.get(m[k]!);
    return new PackedIds(packStrings(ids.sort()));
  }

  themeOf(i: number): Theme {
    return THEMES[this.cols.theme.data[i]!]!;
  }
}

export type StoreColumns = ReturnType<ReportStore['columns']>;

/**
 * Feeds a store report by report, adding them a batch at a time (see ReportStore.addMany). Call
 * flush() after the last report.
 */
export class StoreFeed {
  private batch: ReportBatch | undefined;
  private js = new Int32Array(0);
  private readonly areas: Array<string | undefined> = [];
  private n = 0;

  constructor(private readonly store: ReportStore) {}

  /** Report `j` of a batch, in `area`; reports of a batch come in file order. */
  add(b: ReportBatch, j: number, area: string | undefined): void {
    if (b !== this.batch) {
      this.flush();
      this.batch = b;
      if (this.js.length < b.size) this.js = new Int32Array(b.size);
    }
    this.js[this.n] = j;
    this.areas[this.n++] = area;
  }

  flush(): void {
    if (this.batch && this.n > 0) this.store.addMany(this.batch, this.js, this.n, this.areas);
    this.batch = undefined;
    this.n = 0;
    this.areas.length = 0;
  }
}

/** Report ids kept packed (see PackedStrings), made into strings each time they are read. */
class PackedIds implements ReportIds {
  constructor(private readonly ids: PackedStrings) {}
  get length(): number {
    return this.ids.end.length;
  }
  *[Symbol.iterator](): Iterator<string> {
    for (let j = 0; j < this.ids.end.length; j++) yield packedAt(this.ids, j);
  }
  toJSON(): string[] {
    return Array.from(this.ids.end, (_, j) => packedAt(this.ids, j));
  }
  [JSON_PIECES](level: number): Iterable<string> {
    return stringListPieces(this.ids.end.length, (j) => packedAt(this.ids, j), level);
  }
}
