/**
 * What kind of file an input is, from its first bytes: the one sniffer that both reading and the
 * error messages use. Exports arrive as CSV, Excel (.xlsx) or GeoJSON; anything else gets a
 * clear "this is a ... file" instead of a parse error.
 */
export type FileKind =
  | 'csv'
  | 'xlsx'
  | 'geojson'
  | 'xls'
  | 'ods'
  | 'docx'
  | 'zip'
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'gzip'
  | 'executable'
  | 'binary'
  | 'empty';

/** Kinds the tool reads. */
export const READABLE_KINDS: ReadonlySet<FileKind> = new Set(['csv', 'xlsx', 'geojson']);

/** A person's name for each kind, for messages ("this looks like a PDF document"). */
export const KIND_NAMES: Record<FileKind, string> = {
  csv: 'a CSV file',
  xlsx: 'an Excel workbook (.xlsx)',
  geojson: 'a GeoJSON file',
  xls: 'an old Excel workbook (.xls)',
  ods: 'an OpenDocument spreadsheet (.ods)',
  docx: 'a Word document',
  zip: 'a ZIP archive',
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  gzip: 'a gzip-compressed file',
  executable: 'a program (executable)',
  binary: 'a binary file',
  empty: 'an empty file',
};

const startsWith = (b: Uint8Array, bytes: readonly number[]) => bytes.every((v, i) => b[i] === v);
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Sniffs a file's kind from a sample of its first bytes (64 KB is plenty). */
export function sniffFileKind(sample: Uint8Array): FileKind {
  if (sample.length === 0) return 'empty';
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04]) || startsWith(sample, [0x50, 0x4b, 0x05, 0x06])) return zipKind(latin1(sample));
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls'; // OLE2: .xls (or an old .doc)
  if (startsWith(sample, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(sample, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(sample, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(sample, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(sample, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(sample, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(sample, [0x4d, 0x5a])) return 'executable';
  if (looksLikeGeoJson(sample)) return 'geojson';
  return looksBinary(sample) ? 'binary' : 'csv';
}

/** Office files are ZIPs; their first entries name what they are. */
function zipKind(text: string): FileKind {
  if (text.includes('xl/') || (text.includes('[Content_Types].xml') && text.includes('spreadsheetml'))) return 'xlsx';
  if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (text.includes('word/')) return 'docx';
  return 'zip';
}

function looksLikeGeoJson(sample: Uint8Array): boolean {
  const text = new TextDecoder('utf-8')
    .decode(sample.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('{') && /"type"\s*:\s*"(FeatureCollection|Feature)"|"features"\s*:/.test(text);
}

/** NUL bytes outside UTF-16 text, or many control bytes: not a text export. */
function looksBinary(sample: Uint8Array): boolean {
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  const n = Math.min(sample.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i]!;
    if (b === 0 && !utf16) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return !utf16 && control > n * 0.05;
}

/** The message for a file the tool does not read, with what to do instead. */
export function unreadableKindMessage(kind: FileKind, file: string): { message: string; hint: string } {
  const what = KIND_NAMES[kind];
  if (kind === 'empty') return { message: `${file} is empty`, hint: 'export the data again; the file has no bytes' };
  const hint =
    kind === 'xls' || kind === 'ods'
      ? 'open it in Excel or LibreOffice and save it as CSV (UTF-8) or .xlsx'
      : kind === 'zip' || kind === 'gzip'
        ? 'unpack it and pass the CSV, .xlsx or GeoJSON file inside'
        : 'export the reports as CSV, .xlsx or GeoJSON and pass that file';
  return { message: `${file} is ${what}, not an export the tool reads; save it as CSV or .xlsx`, hint };
}
