import type { CsvParseProblem, CsvRow } from './read-csv.js';

const QUOTE = 34,
  LF = 10,
  CR = 13;

/** A record boundary inside a file: the 1-based line it is on, and whether lines end in CR alone. */
export interface Resume {
  line: number;
  crOnly: boolean;
}

/**
 * A CSV tokenizer that keeps exact record line numbers: fed decoded text chunk by chunk, it returns
 * the records that are complete, each with the line it starts on. It reads what csv-parse read with
 * the options the first reader used (relax quotes and column counts, skip empty lines, a record size
 * limit): quoted fields with doubled quotes and newlines inside, a quote inside an unquoted field
 * taken literally, and a quoted field followed by other text taken literally as a whole. Lines end
 * in LF or CRLF (or CR alone, when the file's first line does). Unlike csv-parse, a record over the
 * size limit skips only itself, not the rest of the file.
 */
export class CsvTokenizer {
  private unfinished = '';
  /** Line (1-based) of the first character of `unfinished`. */
  private line = 1;
  private skipLines: number;
  private crOnly: boolean | undefined;
  private readonly delim: number;
  private readonly delimiter: string;
  private readonly maxRecordChars: number;
  private started = false;
  /** Skipping an oversized record: whether inside its quotes. */
  private skipping: { quoted: boolean } | undefined;
  /** Where the record last read by record() ends (the next begins), and the line ends inside it. */
  private recordEnd = 0;
  private recordNewlines = 0;

  /**
   * `resume` starts at a record boundary in the middle of a file (a slice cut by a reader): at that
   * line, with the file's line ends known, and no byte-order mark to drop. Long cells are views into
   * the text they were cut from (see own() in util/text.ts): whoever keeps one copies it (a batch
   * its texts, see BatchBuilder's ownTexts; a worker's batch crosses to the reader as a copy), so
   * the cells read once (free text, dates, e-mail addresses) are never copied.
   */
  constructor(delimiter: string, opts: { skipLines?: number; maxRecordChars?: number; resume?: Resume } = {}) {
    this.delim = delimiter.charCodeAt(0);
    this.delimiter = delimiter.charAt(0);
    this.skipLines = opts.skipLines ?? 0;
    this.maxRecordChars = opts.maxRecordChars ?? 1 << 20;
    if (opts.resume) {
      this.line = opts.resume.line;
      this.crOnly = opts.resume.crOnly;
      this.started = true;
    }
  }

  /**
   * Where the text not yet made into records starts, when that is a record boundary: the line of
   * `pending()`, and the file's line ends. Undefined while the line ends are unknown or a skipped
   * record is still being read.
   */
  resumePoint(): Resume | undefined {
    if (this.crOnly === undefined || this.skipping || this.skipLines > 0) return undefined;
    return { line: this.line, crOnly: this.crOnly };
  }

  /** The text of the unfinished record (empty at a record boundary). */
  pending(): string {
    return this.unfinished;
  }

  /** Adds text; returns the records completed so far. With `final`, the text is the end of the file. */
  push(
    text: string,
    final = false,
    rows: CsvRow[] = [],
    problems: CsvParseProblem[] = [],
  ): { rows: CsvRow[]; problems: CsvParseProblem[] } {
    let s = this.unfinished + text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    if (this.crOnly === undefined) this.crOnly = lineEndsInCrOnly(s, final);
    let i = 0;
    if (this.crOnly !== undefined) i = this.scan(s, final, rows, problems);
    else if (final) i = s.length;
    this.unfinished = s.slice(i);
    return { rows, problems };
  }

  /** The end of the line at `from`, or -1 when it is not in `s` yet. */
  private eol(s: string, from: number): number {
    return this.crOnly ? s.indexOf('\r', from) : s.indexOf('\n', from);
  }

  /** Scans whole records from the start of `s`; returns where the unfinished rest begins. */
  private scan(s: string, final: boolean, rows: CsvRow[], problems: CsvParseProblem[]): number {
    const n = s.length;
    const nl = this.crOnly ? CR : LF;
    let i = 0;
    while (this.skipLines > 0) {
      const e = this.eol(s, i);
      if (e < 0) return final ? n : i;
      i = e + 1;
      this.line++;
      this.skipLines--;
    }
    if (this.skipping) {
      const done = this.skipRest(s, i, final);
      if (done < 0) {
        this.line += countNewlines(s, i, n, nl);
        return n;
      }
      this.line += countNewlines(s, i, done, nl);
      i = done;
    }
    // Where the next U+FFFD (bytes the decoder could not read) is, so each record says whether it
    // holds one without every cell being searched (-1: none in the rest of s).
    let replacedAt = s.indexOf(REPLACEMENT, i);
    while (i < n) {
      const start = i;
      const c0 = s.charCodeAt(i);
      if (c0 === nl || (c0 === CR && !this.crOnly && s.charCodeAt(i + 1) === LF)) {
        // an empty line
        i += c0 === CR && !this.crOnly ? 2 : 1;
        this.line++;
        continue;
      }
      const r = this.record(s, i, final);
      if (r === null) {
        if (n - start > this.maxRecordChars) {
          // Too long to be a record (an unclosed quote swallowing the file): report it, skip to its end.
          problems.push({ line: this.line, message: 'Max Record Size' });
          this.skipping = { quoted: false };
          const done = this.skipRest(s, start, final);
          if (done < 0) {
            this.line += countNewlines(s, start, n, nl);
            return n;
          }
          this.line += countNewlines(s, start, done, nl);
          i = done;
          continue;
        }
        if (!final) return start;
        problems.push({ line: this.line, message: 'Quote Not Closed' });
        this.line += countNewlines(s, start, n, nl);
        return n;
      }
      const end = this.recordEnd;
      if (end - start > this.maxRecordChars) {
        problems.push({ line: this.line, message: 'Max Record Size' });
      } else {
        if (replacedAt >= 0 && replacedAt < start) replacedAt = s.indexOf(REPLACEMENT, start);
        rows.push({ line: this.line, cells: r, replaced: replacedAt >= 0 && replacedAt < end });
      }
      this.line += this.recordNewlines;
      i = end;
    }
    return n;
  }

  /** Moves past the rest of a skipped record; -1 when its end is not in `s` yet. */
  private skipRest(s: string, from: number, final: boolean): number {
    const nl = this.crOnly ? CR : LF;
    let quoted = this.skipping!.quoted;
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === nl && !quoted) {
        this.skipping = undefined;
        return i + 1;
      }
    }
    this.skipping!.quoted = quoted;
    if (final) {
      this.skipping = undefined;
      return s.length;
    }
    return -1;
  }

  /** Notes where the record ends and its line ends (see record()); returns its cells. */
  private ended(cells: string[], end: number, newlines: number): string[] {
    this.recordEnd = end;
    this.recordNewlines = newlines;
    return cells;
  }

  /**
   * One record from `i`: its cells, or null when unfinished. Where the next record begins and the
   * line ends inside this one are left in `recordEnd` and `recordNewlines` (no object per record).
   */
  private record(s: string, i: number, final: boolean): string[] | null {
    const n = s.length;
    const d = this.delim;
    const cells: string[] = [];
    const lineEnd = this.crOnly ? '\r' : '\n';
    let newlines = 0,
      eolAt = -2; // the next line end at or after i, -1 when there is none in s (-2: not looked for yet)
    for (;;) {
      if (s.charCodeAt(i) === QUOTE) {
        const q = this.quoted(s, i, final);
        if (q === null) return null;
        if (q !== 'literal') {
          cells.push(q.value);
          newlines += q.newlines;
          i = q.end;
          if (i >= n) return final ? this.ended(cells, n, newlines) : null;
          const c = s.charCodeAt(i);
          if (c === d) {
            i++;
            continue;
          }
          // c is the line end (quoted() only returns at a delimiter or line end)
          return this.ended(cells, i + (c === CR && !this.crOnly ? 2 : 1), newlines + 1);
        }
      }
      // Unquoted (or a quoted field followed by other text, taken literally): up to the delimiter or
      // line end (CR LF, or CR alone in a CR file), both found by indexOf.
      if (eolAt === -2 || (eolAt >= 0 && eolAt < i)) eolAt = s.indexOf(lineEnd, i);
      const delimAt = s.indexOf(this.delimiter, i);
      let j: number;
      if (delimAt >= 0 && (eolAt < 0 || delimAt < eolAt)) j = delimAt;
      else if (eolAt >= 0) j = !this.crOnly && eolAt > i && s.charCodeAt(eolAt - 1) === CR ? eolAt - 1 : eolAt;
      else j = n;
      if (j >= n) {
        if (!final) return null;
        cells.push(s.slice(i, n));
        return this.ended(cells, n, newlines);
      }
      const c = s.charCodeAt(j);
      cells.push(s.slice(i, j));
      if (c === d) {
        i = j + 1;
        if (i >= n && final) {
          cells.push('');
          return this.ended(cells, n, newlines);
        }
        continue;
      }
      return this.ended(cells, j + (c === CR && !this.crOnly ? 2 : 1), newlines + 1);
    }
  }

  /**
   * A quoted field from the quote at `i`: its value ("" as "), where it ends (at the delimiter or
   * line end after the closing quote) and the newlines inside; 'literal' when the closing quote is
   * followed by other text (then the field is read as unquoted); null when unfinished.
   */
  private quoted(s: string, i: number, final: boolean): { value: string; end: number; newlines: number } | 'literal' | null {
    const n = s.length;
    const nl = this.crOnly ? CR : LF;
    let value = '';
    let j = i + 1;
    for (;;) {
      const k = s.indexOf('"', j);
      if (k < 0) return null;
      if (k + 1 >= n && !final) return null;
      if (s.charCodeAt(k + 1) === QUOTE) {
        value += s.slice(j, k + 1);
        j = k + 2;
        continue;
      }
      value += s.slice(j, k);
      const c = s.charCodeAt(k + 1);
      const atEnd = k + 1 >= n;
      if (atEnd || c === this.delim || c === nl || (c === CR && !this.crOnly && (k + 2 >= n ? !final : s.charCodeAt(k + 2) === LF))) {
        if (c === CR && k + 2 >= n && !final) return null;
        return { value, end: k + 1, newlines: countNewlines(s, i, k, nl) };
      }
      return 'literal';
    }
  }
}

/** What a decoder puts for bytes it cannot read. */
const REPLACEMENT = '\uFFFD';

function countNewlines(s: string, from: number, to: number, nl: number): number {
  let k = 0;
  const ch = String.fromCharCode(nl);
  for (let p = s.indexOf(ch, from); p >= 0 && p < to; p = s.indexOf(ch, p + 1)) k++;
  return k;
}

/**
 * Whether a file's lines end in CR alone (old Mac exports): its first line break is a CR not
 * followed by LF. Undefined until a line break has been seen (or the file ends: then LF).
 */
function lineEndsInCrOnly(s: string, final: boolean): boolean | undefined {
  const lf = s.indexOf('\n'),
    cr = s.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) {
    if (cr + 1 >= s.length && !final) return undefined;
    return s.charCodeAt(cr + 1) !== LF;
  }
  if (lf >= 0 || final) return false;
  return undefined;
}
