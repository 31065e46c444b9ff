import { reportAddressKey, type Report } from '../model/incoming.js';
import type { ReportBatch } from '../model/batch.js';

/** Remembers what was seen across all files of a run: same source + id, or time + place + category. */
export class Deduplicator {
  /**
   * Per source: key -> file index * 2^32 + line of the first copy (a number keeps a million entries
   * small). Ids are keyed per source, so the common case needs no string building.
   */
  private readonly seenById = new Map<string, Map<string, number>>();
  private readonly seenByPlace = new Map<string, Map<string, number>>();
  private readonly files: string[] = [];

  /** Report `j` of a batch, read at `line`: where its first copy was (`file:line`), or undefined (and it is remembered). */
  check(b: ReportBatch, j: number, line: number): string | undefined {
    const byId = b.bySourceId[j] === 1;
    const key = byId ? b.id[j]! : b.dedupKey[j];
    if (key === undefined) return undefined;
    const bySource = byId ? this.seenById : this.seenByPlace;
    let seen = bySource.get(b.source);
    if (!seen) bySource.set(b.source, (seen = new Map()));
    const first = seen.get(key);
    if (first !== undefined) return `${this.files[Math.floor(first / 2 ** 32)]}:${first % 2 ** 32}`;
    if (this.files.at(-1) !== b.file) this.files.push(b.file);
    seen.set(key, (this.files.length - 1) * 2 ** 32 + line);
    return undefined;
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
