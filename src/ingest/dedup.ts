import { reportAddressKey, type Report } from '../model/incoming.js';
import { doubled, PackedRefs, resized, type PackedStrings, type ReportBatch } from '../model/batch.js';

/** Remembers what was seen across all files of a run: same source + id, or time + place + category. */
export class Deduplicator {
  /** Per source: the keys seen, by id and by time + place + category. */
  private readonly seenById = new Map<string, SeenKeys>();
  private readonly seenByPlace = new Map<string, SeenKeys>();
  private readonly files: string[] = [];

  /**
   * Reads the table slots the batch's reports will be looked up in, before they are checked one by
   * one. The slots lie anywhere in tables of up to tens of MB, each a wait for memory; read in one
   * tight loop the processor waits for many at once, and the checks then find them in its cache
   * (1M reports: the checks took 0.7 s of the reading thread). Returns the sum of what it read, so
   * that the reads are never left out as unused.
   */
  warm(b: ReportBatch): number {
    this.begin(b);
    const byId = this.byId?.table ?? NO_TABLE,
      byPlace = this.byPlace?.table ?? NO_TABLE;
    let touched = 0;
    for (let j = 0; j < b.size; j++) {
      const hash = b.dedupHash[j]!;
      if (Number.isNaN(hash)) continue;
      const t = b.bySourceId[j] === 1 ? byId : byPlace;
      touched += t[2 * ((hash | 0) & ((t.length >> 1) - 1)) + 1]!;
    }
    return touched;
  }

  /** Report `j` of a batch, read at `line`: where its first copy was (`file:line`), or undefined (and it is remembered). */
  check(b: ReportBatch, j: number, line: number): string | undefined {
    const hash = b.dedupHash[j]!;
    if (Number.isNaN(hash)) return undefined;
    if (b !== this.batch) this.begin(b);
    const byId = b.bySourceId[j] === 1;
    const seen = byId ? (this.byId ??= seenOf(this.seenById, b.source)) : (this.byPlace ??= seenOf(this.seenByPlace, b.source));
    const first = seen.firstOrAdd(hash, byId ? b.id : b.dedupKey, j, this.fileIndex * 2 ** 32 + line);
    return first === undefined ? undefined : `${this.files[Math.floor(first / 2 ** 32)]}:${first % 2 ** 32}`;
  }

  /** The batch checked now, its source's tables and its file's number: looked up once a batch, not once a report. */
  private batch: ReportBatch | undefined;
  private byId: SeenKeys | undefined;
  private byPlace: SeenKeys | undefined;
  private fileIndex = 0;

  private begin(b: ReportBatch): void {
    this.batch = b;
    this.byId = this.seenById.get(b.source); // (made when a report of the batch needs it)
    this.byPlace = this.seenByPlace.get(b.source);
    if (this.files.at(-1) !== b.file) this.files.push(b.file);
    this.fileIndex = this.files.length - 1;
  }

  /**
   * About `rows` reports of `source` with ids are coming: the table of its ids is made that large
   * at once, instead of doubling on the way and moving every key each time (at 1M reports 0.24 s
   * of the reading thread, and the outgrown tables lay about until a full collection). Only for a
   * source's first file: a later one may repeat much of it (overlapping exports, or the same file
   * twice), and a table too large for its keys still has them written all over it; it grows as
   * needed instead. (Reports without ids are remembered only at minute precision: not sized for.)
   */
  expect(source: string, rows: number): void {
    const seen = seenOf(this.seenById, source);
    if (seen.size === 0) seen.reserve(rows);
  }

  /** Keys the table of `source` holds before it grows (0: it has none yet). */
  capacity(source: string, byId: boolean): number {
    return (byId ? this.seenById : this.seenByPlace).get(source)?.capacity ?? 0;
  }
}

/** A table of two empty slots: what warm() reads where a source has no table yet. */
const NO_TABLE = new Int32Array(4);

function seenOf(bySource: Map<string, SeenKeys>, source: string): SeenKeys {
  let seen = bySource.get(source);
  if (!seen) bySource.set(source, (seen = new SeenKeys()));
  return seen;
}

/**
 * A set of string keys found by their keyHash() (open addressing on typed arrays), each with where
 * it was first seen (file index * 2^32 + line). The keys are kept as references into their batches'
 * packed texts (see PackedRefs): a million keys take no string hashing on this thread and no
 * string objects; strings are compared only when two hashes meet. A slot is two 32-bit numbers
 * side by side, the hash's low 32 bits and the key's entry + 1 (0: empty), so a probe reads one
 * cache line (the table was a 64-bit hash and an entry in two arrays: half as much again, read from
 * two places).
 */
export class SeenKeys {
  private slots = new Int32Array(2 << 12);
  private readonly keys = new PackedRefs();
  private where = new Float64Array(1 << 11);

  /** Keys held. */
  get size(): number {
    return this.keys.size;
  }

  /** Keys it can hold before it grows (it stays under half full). */
  get capacity(): number {
    return this.slots.length / 4;
  }

  /** The slots, for Deduplicator.warm to read ahead (a slot is 2 numbers; k is slot hash & (slots - 1)). */
  get table(): Int32Array {
    return this.slots;
  }

  /** Where key `j` of `p` was first seen; undefined when it is new (it is then remembered at `at`). */
  firstOrAdd(hash: number, p: PackedStrings, j: number, at: number): number | undefined {
    const slots = this.slots,
      mask = (slots.length >> 1) - 1;
    const low = hash | 0; // (the low 32 bits of a whole number below 2^53)
    let k = low & mask;
    for (let entry1 = slots[2 * k + 1]!; entry1 !== 0; entry1 = slots[2 * k + 1]!) {
      if (slots[2 * k] === low && this.keys.equals(entry1 - 1, p, j)) return this.where[entry1 - 1];
      k = (k + 1) & mask;
    }
    const e = this.keys.add(p, j);
    slots[2 * k] = low;
    slots[2 * k + 1] = e + 1;
    if (e === this.where.length) this.where = doubled(this.where);
    this.where[e] = at;
    if (this.keys.size * 4 > slots.length) this.grow();
    return undefined;
  }

  /** Makes room for `n` more keys: the table stays under half full, and keeping them copies nothing. */
  reserve(n: number): void {
    const keys = this.keys.size + n;
    this.keys.reserve(keys);
    if (keys > this.where.length) this.where = resized(this.where, keys);
    let tableSlots = this.slots.length / 2;
    while (keys * 2 > tableSlots) tableSlots *= 2;
    if (tableSlots > this.slots.length / 2) this.rehash(tableSlots);
  }

  /** Doubles the table (load stays under one half). */
  private grow(): void {
    this.rehash(this.slots.length);
  }

  /** Moves the keys into a table of `tableSlots` slots (a power of two). */
  private rehash(tableSlots: number): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(2 * tableSlots));
    const mask = tableSlots - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let k = old[i]! & mask;
      while (slots[2 * k + 1] !== 0) k = (k + 1) & mask;
      slots[2 * k] = old[i]!;
      slots[2 * k + 1] = old[i + 1]!;
    }
  }
}

/**
 * The key that finds a report's duplicates when its source gives no id (police.uk ASB): time +
 * place + category, but only at minute precision or better (many distinct reports share a month
 * and a snap point): undefined then. Reports with a source id are found by it.
 */
export function dedupKey(r: Report): string | undefined {
  if (r.hasSourceId) return undefined;
  if (r.precision !== 'minute' && r.precision !== 'second') return undefined;
  const where = r.point ? `${Math.round(r.point.x)},${Math.round(r.point.y)}` : (reportAddressKey(r) ?? r.address?.street ?? '');
  return `${r.reportedAt}\u0000${where}\u0000${r.category}`;
}
