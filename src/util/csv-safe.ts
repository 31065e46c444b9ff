const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * Neutralises a CSV text cell against formula injection (OWASP "CSV injection"):
 * a cell starting with = + - @ tab or CR gets a leading apostrophe, so spreadsheet
 * programs show it as text. Plain numbers such as "-1.25" stay untouched.
 */
export function neutraliseCell(value: string): string {
  if (!FORMULA_START.test(value)) return value;
  if (PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** Turns any cell value into the text written to a CSV file, neutralised. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return neutraliseCell(String(value));
}
