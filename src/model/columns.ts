import { THEMES, type Report, type Theme } from './incoming.js';
import { BatchBuilder, PackedRefs, PRECISIONS, textAt, type ReportBatch, type TextColumn } from './batch.js';
import type { ReportIds } from './screening.js';

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

class GrowableF64 {
  data = sharedF64(1024);
  push(v: number, at: number): void {
    if (at >= this.data.length) {
      const d = sharedF64(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[at] = v;
  }
}
class GrowableI32 {
  data = sharedI32(1024);
  push(v: number, at: number): void {
    if (at >= this.data.length) {
      const d = sharedI32(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[at] = v;
  }
}

/**
 * The screened reports in columns (typed arrays plus interned strings): what clustering and
 * scoring need, and nothing else. Free text and reporter identifiers are not kept; reporters
 * are held as numbers derived from their pseudonyms, for distinct counts only.
 */
export class ReportStore {
  size = 0;
  /** Report ids, as references into their batches' packed ids (see PackedRefs). */
  private readonly ids = new PackedRefs();
  private readonly cols = {
    x: new GrowableF64(),
    y: new GrowableF64(),
    reportedAt: new GrowableF64(),
    incidentStart: new GrowableF64(),
    incidentEnd: new GrowableF64(),
    theme: new GrowableI32(),
    signals: new GrowableI32(),
    scope: new GrowableI32(),
    reporter: new GrowableI32(),
    source: new GrowableI32(),
    address: new GrowableI32(),
    street: new GrowableI32(),
    buurt: new GrowableI32(),
    wijk: new GrowableI32(),
    area: new GrowableI32(),
    exactTime: new GrowableI32(),
  };
  readonly sources = new Interner();
  readonly addresses = new Interner();
  readonly streets = new Interner();
  readonly areas = new Interner();
  /** Area names: the municipality's own map (--areas), or as the source names them. */
  readonly areaNames = new Interner();
  /** Address key -> a readable address ("Scharnerweg 88B, 6224JA Maastricht"); the fullest seen. */
  readonly addressLabels = new Map<number, string>();
  /** Addresses whose label was made from a report with postcode and city. */
  private readonly fullLabels = new Set<number>();
  /** Address key index -> its postcode-form key, where a report gave one (for identity in the history). */
  private readonly postcodeOf = new Map<number, string>();
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

  /** Adds a report with its signal mask and scope mask (IN_DWELLING_SCOPE | IN_PUBLIC_SCOPE). */
  add(r: Report, signals: number, scope: number): void {
    const b = new BatchBuilder(r.file, r.source, () => ({ scope, signals }));
    b.accept(r.line, r, [], undefined);
    const batch = b.finish();
    this.addFrom(batch, 0, textAt(batch.area, 0));
  }

  /** Adds report `j` of a batch, in `area` (the source's, b.area[j], or from --areas). */
  addFrom(b: ReportBatch, j: number, area: string | undefined): void {
    const i = this.size++;
    const c = this.cols;
    this.ids.add(b.id, j);
    c.x.push(b.x[j]!, i);
    c.y.push(b.y[j]!, i);
    c.reportedAt.push(b.reportedAt[j]!, i);
    c.incidentStart.push(b.incidentStart[j]!, i);
    c.incidentEnd.push(b.incidentEnd[j]!, i);
    c.theme.push(b.theme[j]!, i);
    c.signals.push(b.signals[j]! | 0, i);
    c.scope.push(b.scope[j]!, i);
    c.reporter.push(b.reporter[j]!, i);
    if (b !== this.batch) {
      this.batch = b;
      this.batchSource = this.sources.id(b.source);
    }
    c.source.push(this.batchSource, i);
    const ks = b.dwellingStreet.at[j]!,
      kp = b.dwellingPostcode.at[j]!;
    const a =
      ks >= 0
        ? this.lookups.dwellingStreet.id(b.dwellingStreet, j)
        : kp >= 0
          ? this.lookups.dwellingPostcode.id(b.dwellingPostcode, j)
          : -1;
    c.address.push(a, i);
    const street = ks >= 0 ? b.dwellingStreet.values[ks] : undefined,
      postcode = kp >= 0 ? b.dwellingPostcode.values[kp] : undefined;
    if (street && postcode) {
      const known = this.postcodeStreet.get(postcode);
      if (known === undefined) this.postcodeStreet.set(postcode, street);
      else if (known !== null && known !== street) this.postcodeStreet.set(postcode, null);
    }
    if (a >= 0 && postcode && !this.postcodeOf.has(a)) this.postcodeOf.set(a, postcode);
    // A label once per address, and again only from a report that names more (postcode and city).
    const full = b.fullLabel[j] === 1;
    if (a >= 0 && (!this.addressLabels.has(a) || (full && !this.fullLabels.has(a)))) {
      const label = textAt(b.addressLabel, j)!;
      if ((this.addressLabels.get(a)?.length ?? -1) < label.length) this.addressLabels.set(a, label);
      if (full) this.fullLabels.add(a);
    }
    c.street.push(this.lookups.street.id(b.street, j), i);
    c.buurt.push(this.lookups.buurt.id(b.buurt, j), i);
    c.wijk.push(this.lookups.wijk.id(b.wijk, j), i);
    c.area.push(area ? this.areaNames.id(area) : -1, i);
    const p = b.precision[j]!;
    c.exactTime.push(PRECISIONS[p] === 'minute' || PRECISIONS[p] === 'second' || !Number.isNaN(b.incidentStart[j]!) ? 1 : 0, i);
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
      const label = this.addressLabels.get(i);
      if (label && (this.addressLabels.get(t)?.length ?? -1) < label.length) this.addressLabels.set(t, label);
      const pc = this.postcodeOf.get(i);
      if (pc && !this.postcodeOf.has(t)) this.postcodeOf.set(t, pc);
    });
    const raw = this.cols.address.data.subarray(0, n);
    const address = Int32Array.from(raw, (a) => (a < 0 ? a : target[a]!));
    this.resolved = { size: n, address };
    return address;
  }

  /** The postcode-form key of a (resolved) dwelling, when any report of it gave a postcode. */
  postcodeKeyOf(address: number): string | undefined {
    return this.postcodeOf.get(address);
  }

  /** Report `i`'s id. */
  idAt(i: number): string {
    return this.ids.get(i);
  }

  /** The ids of reports `m` in id order (code unit order, as Array.prototype.sort puts strings). */
  sortedIds(m: Int32Array): ReportIds {
    const ids = Array.from(m, (i) => this.ids.get(i));
    const order = Int32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    return new StoredIds(
      this,
      Int32Array.from(order, (k) => m[k]!),
    );
  }

  themeOf(i: number): Theme {
    return THEMES[this.cols.theme.data[i]!]!;
  }
}

export type StoreColumns = ReturnType<ReportStore['columns']>;

/** Report ids read from the store each time they are asked for (no string per report kept). */
class StoredIds implements ReportIds {
  constructor(
    private readonly store: ReportStore,
    private readonly members: Int32Array,
  ) {}
  get length(): number {
    return this.members.length;
  }
  *[Symbol.iterator](): Iterator<string> {
    for (const i of this.members) yield this.store.idAt(i);
  }
  toJSON(): string[] {
    return Array.from(this.members, (i) => this.store.idAt(i));
  }
}
