import { createHmac } from 'node:crypto';

/**
 * Parses a number as exported by Dutch and English tools: "176248.5", "176.248,50", "52,3676",
 * "176,248.50". With both separators the last one is the decimal mark. A lone separator is
 * a decimal mark, except that with `decimalComma` a dot before three digits is a thousands dot.
 */
export function parseNumber(text: string, decimalComma: boolean): number | null {
  let s = text.trim().replace(/\s+/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(','), lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = /^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  } else if (decimalComma && /^[+-]?\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Normalises a Dutch postcode to `1234AB`; null when it is not one. */
export function normalisePostcode(text: string): string | null {
  const m = /^\s*([1-9]\d{3})\s*([a-zA-Z]{2})\s*$/.exec(text);
  return m ? `${m[1]}${m[2]!.toUpperCase()}` : null;
}

/**
 * Splits a house number with its addition: "12" -> 12, "12a" -> 12 A, "12-2" -> 12 2,
 * "12 bis" -> 12 BIS. Extra suffix text (a separate huisletter/toevoeging column) is appended.
 */
export function parseHouseNumber(text: string, extraSuffix = ''): { houseNumber: number; suffix?: string } | null {
  const m = /^\s*(\d{1,5})\s*[-/\s]?\s*([\p{L}\d][\p{L}\d\s-]*)?\s*$/u.exec(text);
  if (!m) return null;
  const parts = [m[2], extraSuffix].map((p) => (p ?? '').trim().replace(/\s+/g, '').toUpperCase()).filter(Boolean);
  const suffix = parts.join('-');
  return suffix ? { houseNumber: Number(m[1]), suffix } : { houseNumber: Number(m[1]) };
}

/**
 * Splits one address cell into its parts: "Adelaarsweg 4", "Hoogbrugstraat 39 A",
 * "Kerkstraat 12-bis", "Plein 1944 3" (the house number is the last number), "Sint Pieterstraat 2a",
 * "Amstel 1 1011PN Amsterdam", "Markt 12, 6211 CK Maastricht", "Markt 12, Maastricht".
 * Without a number the whole text (up to a postcode or comma) is the street.
 */
export function splitAddress(text: string): { street?: string; houseNumber?: number; suffix?: string; postcode?: string; city?: string } {
  let rest = text.replace(/\s+/g, ' ').trim();
  const out: { street?: string; houseNumber?: number; suffix?: string; postcode?: string; city?: string } = {};
  const pc = /^(.*?)[ ,]*\b([1-9]\d{3}) ?([A-Za-z]{2})\b[ ,]*(.*)$/.exec(rest);
  if (pc && pc[1]) {
    out.postcode = `${pc[2]}${pc[3]!.toUpperCase()}`;
    if (pc[4]) out.city = pc[4].trim();
    rest = pc[1].trim();
  } else {
    const comma = rest.lastIndexOf(',');
    if (comma > 0) {
      const city = rest.slice(comma + 1).trim();
      if (city && !/\d/.test(city)) out.city = city;
      rest = rest.slice(0, comma).trim();
    }
  }
  const m = /^(.*\S)\s+(\d{1,5})(?:\s*[-/]?\s*([\p{L}\d]{1,6}(?:[ -][\p{L}\d]{1,4})?))?$/u.exec(rest);
  if (m && /\p{L}/u.test(m[1]!)) {
    out.street = m[1]!;
    const n = parseHouseNumber(`${m[2]}${m[3] ? ` ${m[3]}` : ''}`);
    if (n) Object.assign(out, n);
  } else if (rest) out.street = rest;
  return out;
}

const BUURT = /^BU\d{4}[0-9A-Z]{4}$/;
const WIJK = /^WK\d{4}[0-9A-Z]{2}$/;

/** CBS buurt code `BU09350000` (letters allowed, as in Amsterdam); bare 8 digits get the prefix. */
export function normaliseBuurt(text: string): string | null {
  const s = text.trim().toUpperCase();
  const code = /^\d{8}$/.test(s) ? `BU${s}` : s;
  return BUURT.test(code) ? code : null;
}

/** CBS wijk code `WK093500`; bare 6 digits get the prefix. */
export function normaliseWijk(text: string): string | null {
  const s = text.trim().toUpperCase();
  const code = /^\d{6}$/.test(s) ? `WK${s}` : s;
  return WIJK.test(code) ? code : null;
}

/** The wijk a buurt lies in: BU09350001 -> WK093500. */
export function wijkOfBuurt(buurt: string): string {
  return `WK${buurt.slice(2, 8)}`;
}

/** Cleans a street name: police.uk's "On or near Moor Lane" -> "Moor Lane", "No Location" -> "". */
export function cleanStreet(text: string): string {
  const s = text.trim().replace(/^on or near\s+/i, '').replace(/\s+/g, ' ');
  return /^no location$/i.test(s) ? '' : s;
}

/**
 * Pseudonymises a reporter identifier with HMAC-SHA256 under the run's secret key, after
 * normalising (e-mail lower-cased; phone to digits with +31/0031 as 0), so the same person gets
 * the same pseudonym across files and runs while the identifier itself never leaves ingest.
 */
export function pseudonymise(identifier: string, key: Uint8Array): string | null {
  let s = identifier.trim().toLowerCase();
  if (s === '') return null;
  if (/^[+\d][\d\s().-]{5,}$/.test(s)) s = s.replace(/\D/g, '').replace(/^(0031|31)(?=\d{9}$)/, '0');
  return `P${createHmac('sha256', key).update(s).digest('hex').slice(0, 16)}`;
}

/**
 * A pseudonymiser bound to one key that remembers recent results: the same reporter appears
 * many times in an export, and HMAC is the costliest step of reading a row. The memory is
 * dropped whole when it reaches `maxEntries`, so it stays bounded.
 */
export function pseudonymiser(key: Uint8Array, maxEntries = 100_000): (identifier: string) => string | null {
  let memo = new Map<string, string | null>();
  return (identifier) => {
    const hit = memo.get(identifier);
    if (hit !== undefined) return hit;
    const p = pseudonymise(identifier, key);
    if (memo.size >= maxEntries) memo = new Map();
    memo.set(identifier, p);
    return p;
  };
}
