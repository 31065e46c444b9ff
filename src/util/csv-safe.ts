const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * Neutralises a CSV text cell against formula injection (OWASP "CSV injection"):
 * a cell starting with = + - @ tab or CR gets a leading apostrophe, so spreadsheet
 * programs show it as text. Plain numbers such as "-1.25" stay untouched.
 */
export function neutraliseCell(value: string): string {
  // = + - @ tab CR, compared by code (a regular expression call per cell of every CSV written cost more)
  const c = value.charCodeAt(0);
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return value;
  if (PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** Turns any cell value into the text written to a CSV file, neutralised. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return neutraliseCell(String(value));
}
