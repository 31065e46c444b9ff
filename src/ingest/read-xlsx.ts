import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { CsvRow } from './read-csv.js';
import { UserError } from '../util/errors.js';

/** An Excel sheet read as rows of text cells, like a CSV file. */
export interface XlsxSource {
  sheet: string;
  header: string[];
  /** Rows in batches; `line` is the Excel row number. */
  rows: AsyncGenerator<CsvRow[]>;
  sha256(): string;
}

const BATCH_ROWS = 2048;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell as local wall-clock text: Excel dates have no zone, and exceljs hands them over as
 * UTC instants of the wall time. Seconds and a midnight time are left out when zero, so a date
 * cell reads like the text an export would hold ("2026-11-22 23:15", "2026-11-22").
 */
function dateText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000); // Excel's float days drift by a millisecond
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const h = t.getUTCHours(),
    m = t.getUTCMinutes(),
    s = t.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** Any cell value exceljs gives (text, number, date, rich text, formula, hyperlink, error) as text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return String(v);
}

/** Cells of an exceljs row (its `values` are 1-based, with holes for empty cells). */
function rowCells(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const cells: string[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Opens the first sheet of an .xlsx workbook (or the one named `sheet`) with exceljs' streaming
 * reader, so memory stays flat whatever the number of rows. The first non-empty row is the
 * header (or `column1..N` when `header` is false); line numbers are Excel row numbers.
 */
export async function openXlsx(path: string, file: string, opts: { sheet?: string; header?: boolean } = {}): Promise<XlsxSource> {
  const sha = await fileSha256(path);
  // Loaded only for Excel inputs: exceljs and its dependencies take a third of a second to load.
  // Required (it is CommonJS), not import()ed: the CLI bundle runs as a script (see cli/start.ts),
  // where a dynamic import() would need Node's experimental vm loader.
  const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const seen: string[] = [];
  let worksheet: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const ws = next.value as ExcelJS.stream.xlsx.WorksheetReader & { name: string };
      seen.push(ws.name);
      if (!opts.sheet || ws.name.toLowerCase() === opts.sheet.toLowerCase()) {
        worksheet = ws;
        break;
      }
      for await (const _row of ws) {
        /* another sheet: read past it */
      }
    }
  } catch (err) {
    throw new UserError(`${file}: cannot read the workbook: ${(err as Error).message}`, {
      hint: 'open it in Excel and save it again as .xlsx, or as CSV',
    });
  }
  if (!worksheet) {
    throw new UserError(opts.sheet ? `${file} has no sheet "${opts.sheet}"` : `${file} has no sheets`, {
      hint: seen.length > 0 ? `sheets are: ${seen.join(', ')}` : 'save the workbook again with the reports on the first sheet',
    });
  }
  const name = (worksheet as unknown as { name: string }).name;
  const rows = worksheet[Symbol.asyncIterator]();
  let first: CsvRow | undefined;
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const cells = rowCells(next.value.values);
    if (cells.some((c) => c.trim() !== '')) {
      first = { line: next.value.number, cells };
      break;
    }
  }
  const useHeader = opts.header !== false;
  const header = !first ? [] : useHeader ? first.cells.map((c) => c.trim()) : first.cells.map((_, i) => `column${i + 1}`);
  const batches = (async function* () {
    let batch: CsvRow[] = first && !useHeader ? [first] : [];
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const cells = rowCells(next.value.values);
      if (!cells.some((c) => c.trim() !== '')) continue; // Excel keeps formatted but empty rows
      while (cells.length < header.length) cells.push('');
      batch.push({ line: next.value.number, cells });
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  })();
  return { sheet: name, header, rows: batches, sha256: () => sha };
}
