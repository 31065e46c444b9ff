import { hmacSha256Hex } from '../util/hmac.js';
import { sipHash24, sipKey, type SipKey } from '../util/siphash.js';
import { rememberedByText } from '../util/text.js';

export { parseHouseNumber, splitAddress } from '../model/address.js';

/**
 * The common cases, read at once: 1-15 digits, optionally signed with "-", with at most one
 * decimal point ("176248.5", "-3") or, in Dutch exports, one decimal comma ("175948,7", "-0,0977")
 * followed by 1-15 digits. With `decimalComma` a point is left to the general path (it may be a
 * thousands dot). Undefined when the text is not of these shapes. Scanned by character code (two
 * regular expressions and a copy with the comma replaced cost 0.12-0.22 µs a coordinate); with at
 * most 15 digits in all the value is the digits as a whole number divided by a power of ten, one
 * correctly rounded division of two exact doubles and so the very double Number() reads.
 */
function plainNumber(text: string, decimalComma: boolean): number | undefined {
  const n = text.length;
  const negative = text.charCodeAt(0) === MINUS;
  let i = negative ? 1 : 0;
  let whole = 0;
  const intFrom = i;
  for (let c = text.charCodeAt(i); i < n && isDigit(c); c = text.charCodeAt(++i)) whole = whole * 10 + (c - 48);
  if (i === intFrom || i - intFrom > 15) return undefined;
  if (i === n) return negative ? -whole : whole;
  const mark = text.charCodeAt(i);
  if (mark !== POINT && mark !== COMMA) return undefined;
  if (mark === POINT && decimalComma) return undefined;
  const fracFrom = ++i;
  for (let c = text.charCodeAt(i); i < n && isDigit(c); c = text.charCodeAt(++i)) whole = whole * 10 + (c - 48);
  const fracDigits = i - fracFrom;
  if (i !== n || fracDigits === 0 || fracDigits > 15) return undefined;
  if (fracFrom - 1 - intFrom + fracDigits <= 15) {
    const v = whole / POWERS_OF_TEN[fracDigits]!;
    return negative ? -v : v;
  }
  return Number(mark === COMMA ? text.replace(',', '.') : text);
}

/** 10^0 .. 10^15, each exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);
const MINUS = 45,
  POINT = 46,
  COMMA = 44;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Parses a number as exported by Dutch and English tools: "176248.5", "176.248,50", "52,3676",
 * "176,248.50". With both separators the last one is the decimal mark. A lone separator is
 * a decimal mark, except that with `decimalComma` a dot before three digits is a thousands dot.
 */
export function parseNumber(text: string, decimalComma: boolean): number | null {
  const plain = plainNumber(text, decimalComma);
  if (plain !== undefined) return plain;
  let s = text.trim().replace(/\s+/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(','),
    lastDot = s.lastIndexOf('.');
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

const BUURT = /^BU\d{4}[0-9A-Z]{4}$/;
const WIJK = /^WK\d{4}[0-9A-Z]{2}$/;

/**
 * CBS buurt code `BU09350000` (letters allowed, as in Amsterdam); bare 8 digits get the prefix.
 * Remembered for the last texts: a city has a few hundred buurten, read on every report.
 */
export function normaliseBuurt(text: string): string | null {
  return rememberedBuurt(text);
}

const rememberedBuurt = rememberedByText((text: string): string | null => {
  const s = text.trim().toUpperCase();
  const code = /^\d{8}$/.test(s) ? `BU${s}` : s;
  return BUURT.test(code) ? code : null;
});

/** CBS wijk code `WK093500`; bare 6 digits get the prefix. */
export function normaliseWijk(text: string): string | null {
  const s = text.trim().toUpperCase();
  const code = /^\d{6}$/.test(s) ? `WK${s}` : s;
  return WIJK.test(code) ? code : null;
}

/** The wijk a buurt lies in: BU09350001 -> WK093500 (remembered for the last buurten, as read on every report). */
export function wijkOfBuurt(buurt: string): string {
  return rememberedWijk(buurt);
}

const rememberedWijk = rememberedByText((buurt: string) => `WK${buurt.slice(2, 8)}`);

/**
 * Whether cleanStreet would change a text: white space at either end, white space other than a
 * single space, police.uk's "On or near", or its "No Location".
 */
const STREET_NEEDS_CLEANING = /^\s|\s$|[^\S ]| {2}|^on or near\s|^no location$/i;

/** Cleans a street name: police.uk's "On or near Moor Lane" -> "Moor Lane", "No Location" -> "". */
export function cleanStreet(text: string): string {
  if (!STREET_NEEDS_CLEANING.test(text)) return text; // (most streets: one test instead of three)
  const s = text
    .trim()
    .replace(/^on or near\s+/i, '')
    .replace(/\s+/g, ' ');
  return /^no location$/i.test(s) ? '' : s;
}

/** A phone number as people write it: + or a digit, then digits, spaces, brackets, dots and dashes. */
const PHONE = /^[+\d][\d\s().-]{5,}$/;

/** What the reporters' key is derived for (see reporterKey): a new purpose gives new numbers. */
const REPORTER_KEY_PURPOSE = 'overlast-hotspots reporter number v1';

/**
 * The SipHash key for reporter numbers: the first 16 bytes of HMAC-SHA256(the run's secret key,
 * REPORTER_KEY_PURPOSE), so the secret itself is never a hash key.
 */
function reporterKey(key: Uint8Array): SipKey {
  return sipKey(Buffer.from(hmacSha256Hex(key)(REPORTER_KEY_PURPOSE).slice(0, 32), 'hex'));
}

/**
 * Pseudonymises a reporter identifier into a number for distinct counts (see pseudonymiser);
 * null when it is empty.
 */
export function pseudonymise(identifier: string, key: Uint8Array): number | null {
  return pseudonymiser(key)(identifier);
}

/**
 * A pseudonymiser bound to one key: a reporter identifier (e-mail or phone) becomes a 31-bit
 * number, SipHash-2-4 of the normalised identifier (e-mail lower-cased; phone to digits with
 * +31/0031 as 0) under a key derived from the run's secret key, so the same person gets the same
 * number across files and runs while the identifier itself never leaves ingest. The number is all
 * that is kept of a reporter, for distinct counts: two reporters of one place share one with a
 * chance of about 1 in 10^5 even at 100 reporters. SipHash is a keyed hash made for short inputs:
 * 0.24 µs an identifier, where HMAC-SHA256 took 0.8-0.9 µs (and was a tenth of reading a row), so
 * no memory of recent identifiers is kept.
 */
export function pseudonymiser(key: Uint8Array): (identifier: string) => number | null {
  const sip = reporterKey(key);
  const out = new Int32Array(2);
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(256);
  return (identifier) => {
    let s = identifier.trim().toLowerCase();
    if (s === '') return null;
    const c0 = s.charCodeAt(0); // (an e-mail address skips the phone test: it starts with neither + nor a digit)
    if ((c0 === 43 || (c0 >= 48 && c0 <= 57)) && PHONE.test(s)) s = s.replace(/\D/g, '').replace(/^(0031|31)(?=\d{9}$)/, '0');
    if (s.length * 3 > bytes.length) bytes = new Uint8Array(s.length * 6);
    let n = 0;
    for (; n < s.length; n++) {
      const c = s.charCodeAt(n);
      if (c >= 0x80) break;
      bytes[n] = c;
    }
    if (n < s.length) n = encoder.encodeInto(s, bytes).written; // not all ASCII: UTF-8 of the whole
    return sipHash24(sip, bytes, n, out)[0]! & 0x7fffffff;
  };
}
