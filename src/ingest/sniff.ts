/** What we found out about a CSV file before parsing it. */
export interface Dialect {
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
  bom: boolean;
  delimiter: string;
  /** Lines to skip before the header (an Excel `sep=;` line). */
  skipLines: number;
  /** Whether the first row holds column names. */
  header: boolean;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** Bytes read from the start of a file to sniff its dialect. */
export const SAMPLE_BYTES = 64 * 1024;

/** Detects encoding from a byte sample: BOMs, strict UTF-8, else Windows-1252 (Dutch Excel). */
export function sniffEncoding(sample: Uint8Array): { encoding: Dialect['encoding']; bom: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  try {
    // A full sample may end inside a multi-byte character: stream mode forgives only that.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: sample.length >= SAMPLE_BYTES });
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

/**
 * Splits text into lines, honouring quotes so a newline inside a quoted field does not split.
 * Lines end in LF, CRLF or CR alone (old Mac exports), as the tokenizer reads them.
 */
function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || (c === '\r' && i + 1 < text.length && text[i + 1] !== '\n'))) {
      lines.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  return lines;
}

function countOutsideQuotes(line: string, delim: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delim && !quoted) n++;
  }
  return n;
}

/**
 * Picks the delimiter that splits the header into the most columns and splits the next lines
 * into the same number (a `;` file with decimal commas has commas only in data rows).
 */
export function sniffDelimiter(lines: readonly string[]): string {
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const head = countOutsideQuotes(lines[0] ?? '', d);
    if (head === 0) continue;
    const rest = lines.slice(1, 20).filter((l) => l.length > 0);
    const consistent = rest.filter((l) => countOutsideQuotes(l, d) === head).length;
    const score = head * (rest.length === 0 ? 1 : (consistent + 1) / (rest.length + 1));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const LOOKS_LIKE_DATA = /^\s*-?\d+([.,]\d+)?\s*$|^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** A first row whose cells include numbers or dates is data, not a header. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const nonEmpty = cells.filter((c) => c.trim() !== '');
  if (nonEmpty.length === 0) return false;
  return !nonEmpty.some((c) => LOOKS_LIKE_DATA.test(c.replace(/^"|"$/g, '')));
}

/** The header cells of a sample under a dialect (first record after any `sep=` line). */
export function headerCells(sample: Uint8Array, dialect: Dialect): string[] {
  const text = new TextDecoder(dialect.encoding).decode(sample, { stream: true }).replace(/^\uFEFF/, '');
  const line = firstLines(`${text}\n`, dialect.skipLines + 1)[dialect.skipLines] ?? '';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === dialect.delimiter && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return dialect.header ? cells : cells.map((_, i) => `column${i + 1}`);
}

/** Sniffs the dialect from the first bytes of a file; overrides win over what is sniffed. */
export function sniffDialect(sample: Uint8Array, overrides: Partial<Pick<Dialect, 'encoding' | 'delimiter' | 'header'>> = {}): Dialect {
  const sniffed = sniffEncoding(sample);
  const encoding = overrides.encoding ?? sniffed.encoding;
  const text = new TextDecoder(encoding).decode(sample, { stream: true }).replace(/^\uFEFF/, '');
  const lines = firstLines(text, 21);
  let skipLines = 0;
  let sepLineDelimiter: string | undefined;
  const sepMatch = /^"?sep=(.)"?$/i.exec(lines[0] ?? '');
  if (sepMatch) {
    sepLineDelimiter = sepMatch[1];
    skipLines = 1;
    lines.shift();
  }
  const delimiter = overrides.delimiter ?? sepLineDelimiter ?? sniffDelimiter(lines);
  const headerCells = (lines[0] ?? '').split(delimiter);
  return {
    encoding,
    bom: sniffed.bom && encoding === sniffed.encoding,
    delimiter,
    skipLines,
    header: overrides.header ?? looksLikeHeader(headerCells),
  };
}

/**
 * About how many rows a CSV file of `size` bytes has, from the line ends in samples of it (its
 * first bytes, then others, see readLaterSamples), without the header: exact when the first sample
 * is the whole file and no field spans lines. Only used to size tables before reading.
 */
export function estimateRows(samples: readonly Uint8Array[], size: number, d: Pick<Dialect, 'header' | 'skipLines'>): number {
  const first = samples[0] ?? new Uint8Array(0);
  let lines: number;
  if (first.length >= size) {
    // a file's last line often has no line end
    const last = first[size - 1];
    lines = lineEnds(first) + (size > 0 && last !== 10 && last !== 13 ? 1 : 0);
  } else {
    let ends = 0,
      bytes = 0;
    for (const sample of samples) {
      ends += lineEnds(sample);
      bytes += sample.length;
    }
    lines = Math.ceil((ends * size) / Math.max(1, bytes));
  }
  return Math.max(0, lines - (d.header ? 1 : 0) - (d.skipLines ?? 0));
}

/** Line ends in some bytes: LFs (with or without a CR before), else CRs (old Mac files). */
function lineEnds(bytes: Uint8Array): number {
  let lf = 0,
    cr = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) lf++;
    else if (bytes[i] === 13) cr++;
  }
  return lf > 0 ? lf : cr;
}
