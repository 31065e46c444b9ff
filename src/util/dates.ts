import { wallTimeToUtc } from './time.js';

/** How precise a parsed time is; police.uk gives months only, which matters for hottimes. */
export type TimePrecision = 'month' | 'day' | 'minute' | 'second';

export interface ParsedTime {
  utcMs: number;
  precision: TimePrecision;
}

/** Parses one cell to an instant, or returns null when it does not match. */
export type TimeParser = (value: string) => ParsedTime | null;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
  offsetMin?: number; // explicit UTC offset in the text (Z, +01:00, +00)
}

const TOKENS: Record<string, { re: string; set: (f: Fields, v: string) => void }> = {
  yyyy: {
    re: '(\\d{4})',
    set: (f, v) => {
      f.year = +v;
    },
  },
  yy: {
    re: '(\\d{2})',
    set: (f, v) => {
      f.year = 2000 + +v;
    },
  },
  MM: {
    re: '(\\d{2})',
    set: (f, v) => {
      f.month = +v;
    },
  },
  M: {
    re: '(\\d{1,2})',
    set: (f, v) => {
      f.month = +v;
    },
  },
  dd: {
    re: '(\\d{2})',
    set: (f, v) => {
      f.day = +v;
    },
  },
  d: {
    re: '(\\d{1,2})',
    set: (f, v) => {
      f.day = +v;
    },
  },
  HH: {
    re: '(\\d{2})',
    set: (f, v) => {
      f.hour = +v;
    },
  },
  H: {
    re: '(\\d{1,2})',
    set: (f, v) => {
      f.hour = +v;
    },
  },
  mm: {
    re: '(\\d{2})',
    set: (f, v) => {
      f.minute = +v;
    },
  },
  ss: {
    re: '(\\d{2})',
    set: (f, v) => {
      f.second = +v;
    },
  },
  SSS: {
    re: '(\\d{1,9})',
    set: (f, v) => {
      f.ms = fractionToMs(v);
    },
  },
  XXX: {
    re: '(Z|[+-]\\d{2}(?::?\\d{2})?)',
    set: (f, v) => {
      f.offsetMin = parseOffset(v);
    },
  },
};
const TOKEN_ORDER = ['yyyy', 'yy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'ss', 'SSS', 'XXX'];

function fractionToMs(v: string): number {
  return Math.round(Number(`0.${v}`) * 1000);
}

function parseOffset(v: string): number {
  if (v === 'Z') return 0;
  const sign = v[0] === '-' ? -1 : 1;
  const digits = v.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

/**
 * Compiles a date pattern in date-fns/Unicode style (`dd-MM-yyyy HH:mm`, `yyyy-MM-dd'T'HH:mm:ssXXX`)
 * into a fast parser. Quoted text ('T') is literal. Throws an Error naming the first unknown letter.
 */
export function compileDatePattern(pattern: string, zone: string): TimeParser {
  const setters: Array<(f: Fields, v: string) => void> = [];
  let re = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in date format "${pattern}"`);
      re += escapeLiteral(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const token = TOKEN_ORDER.find((t) => pattern.startsWith(t, i));
    if (token) {
      re += TOKENS[token]!.re;
      setters.push(TOKENS[token]!.set);
      i += token.length;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      throw new Error(`unknown letter "${ch}" in date format "${pattern}" (known: ${TOKEN_ORDER.join(' ')}; quote literal text as 'T')`);
    }
    re += escapeLiteral(ch);
    i++;
  }
  const matcher = new RegExp(`^\\s*${re}\\s*$`);
  const precision = pattern.includes('ss') ? 'second' : pattern.includes('mm') ? 'minute' : pattern.includes('d') ? 'day' : 'month';
  const fast = fixedShape(pattern);
  return (value) => {
    const quick = fast?.(value);
    if (quick) return toInstant(quick, zone, precision);
    const m = matcher.exec(value);
    if (!m) return null;
    const f: Fields = { year: 0, month: 1, day: 1 };
    for (let k = 0; k < setters.length; k++) setters[k]!(f, m[k + 1]!);
    return toInstant(f, zone, precision);
  };
}

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;
const MONTH = /^\s*(\d{4})-(\d{2})\s*$/;
const DUTCH = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?\s*$/;

/**
 * Auto-detecting parser for the formats seen in real exports: ISO 8601 and Postgres
 * timestamps (with or without offset), month-only `yyyy-MM` (police.uk), and Dutch
 * day-first `d-M-yyyy [H:mm[:ss]]` with `-`, `/` or `.`. Times without an offset are local to `zone`.
 */
export function autoDateParser(zone: string): TimeParser {
  return (value) => {
    for (let k = 0; k < AUTO_SHAPES.length; k++) {
      const shape = AUTO_SHAPES[k]!;
      const f = shape.read(value);
      if (f) return toInstant(f, zone, shape.precision);
    }
    let m = ISO.exec(value);
    if (m) {
      const f: Fields = { year: +m[1]!, month: +m[2]!, day: +m[3]! };
      if (m[4] !== undefined) {
        f.hour = +m[4];
        f.minute = +m[5]!;
      }
      if (m[6] !== undefined) f.second = +m[6];
      if (m[7] !== undefined) f.ms = fractionToMs(m[7]);
      if (m[8] !== undefined) f.offsetMin = parseOffset(m[8]);
      return toInstant(f, zone, m[6] !== undefined ? 'second' : m[4] !== undefined ? 'minute' : 'day');
    }
    m = MONTH.exec(value);
    if (m) return toInstant({ year: +m[1]!, month: +m[2]!, day: 1 }, zone, 'month');
    m = DUTCH.exec(value);
    if (m) {
      const f: Fields = { year: +m[3]!, month: +m[2]!, day: +m[1]! };
      if (m[4] !== undefined) {
        f.hour = +m[4];
        f.minute = +m[5]!;
      }
      if (m[6] !== undefined) f.second = +m[6];
      return toInstant(f, zone, m[6] !== undefined ? 'second' : m[4] !== undefined ? 'minute' : 'day');
    }
    return null;
  };
}

/**
 * A reader for a date pattern made of two- and four-digit fields (yyyy MM dd HH mm ss) and single
 * literal characters, such as `dd-MM-yyyy HH:mm`: it takes a value of exactly that shape digit by
 * digit, without a regular expression (the common exports' dates, a million rows: about 0.5 s
 * less). Any other value gives undefined, for the general parser to read; a value it takes, the
 * general parser would read to the same fields. Undefined for other patterns. The fields come in
 * one object the reader fills again on its next call.
 */
function fixedShape(pattern: string): ((value: string) => Fields | undefined) | undefined {
  const fields: Array<{ at: number; width: number; field: (typeof FIELD_OF)[keyof typeof FIELD_OF] }> = [];
  const literals: Array<{ at: number; code: number }> = [];
  let length = 0;
  for (let i = 0; i < pattern.length; ) {
    const token = (['yyyy', 'MM', 'dd', 'HH', 'mm', 'ss'] as const).find((t) => pattern.startsWith(t, i));
    if (token) {
      fields.push({ at: length, width: token.length, field: FIELD_OF[token] });
      length += token.length;
      i += token.length;
      continue;
    }
    let ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 2] !== "'") return undefined; // only single quoted characters ('T')
      ch = pattern[i + 1]!;
      i += 2;
    } else if (/[A-Za-z]/.test(ch)) return undefined;
    if (/\s/.test(ch) && ch !== ' ') return undefined;
    literals.push({ at: length, code: ch.charCodeAt(0) });
    length++;
    i++;
  }
  // One Fields object per reader, filled again on every call (its caller turns it into an instant at
  // once): a reader always sets the same fields, so no value of an earlier date is left in it.
  // (every field present from the start, and each set by name: a store keyed by the field's name
  // went through V8's slowest path, the megamorphic keyed store, on every row)
  const f: Fields = {
    year: 0,
    month: 1,
    day: 1,
    hour: undefined,
    minute: undefined,
    second: undefined,
    ms: undefined,
    offsetMin: undefined,
  };
  return (value) => {
    if (value.length !== length) return undefined;
    for (let k = 0; k < literals.length; k++) if (value.charCodeAt(literals[k]!.at) !== literals[k]!.code) return undefined;
    for (let n = 0; n < fields.length; n++) {
      const d = fields[n]!;
      let v = 0;
      for (let k = d.at; k < d.at + d.width; k++) {
        const c = value.charCodeAt(k) - 48;
        if (c < 0 || c > 9) return undefined;
        v = v * 10 + c;
      }
      switch (d.field) {
        case 'year':
          f.year = v;
          break;
        case 'month':
          f.month = v;
          break;
        case 'day':
          f.day = v;
          break;
        case 'hour':
          f.hour = v;
          break;
        case 'minute':
          f.minute = v;
          break;
        case 'second':
          f.second = v;
      }
    }
    return f;
  };
}

/** The field each fixed-width token sets. */
const FIELD_OF = { yyyy: 'year', MM: 'month', dd: 'day', HH: 'hour', mm: 'minute', ss: 'second' } as const;

/** The shapes autoDateParser reads digit by digit before its regular expressions (which read them alike). */
const AUTO_SHAPES = (
  [
    ['yyyy-MM-dd HH:mm', 'minute'],
    ["yyyy-MM-dd'T'HH:mm", 'minute'],
    ['yyyy-MM-dd HH:mm:ss', 'second'],
    ["yyyy-MM-dd'T'HH:mm:ss", 'second'],
    ['dd-MM-yyyy HH:mm', 'minute'],
    ['dd-MM-yyyy HH:mm:ss', 'second'],
    ['yyyy-MM-dd', 'day'],
  ] as const
).map(([pattern, precision]) => ({ read: fixedShape(pattern)!, precision }));

function toInstant(f: Fields, zone: string, precision: TimePrecision): ParsedTime | null {
  const { year, month, day } = f;
  const hour = f.hour ?? 0,
    minute = f.minute ?? 0,
    second = f.second ?? 0,
    ms = f.ms ?? 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null; // 31-02, 29-02 outside leap years
  const utcMs =
    f.offsetMin !== undefined
      ? Date.UTC(year, month - 1, day, hour, minute, second, ms) - f.offsetMin * 60_000
      : wallTimeToUtc(year, month, day, hour, minute, second, ms, zone);
  return { utcMs, precision };
}

/**
 * Days in a month of the Gregorian calendar, reading years 0-99 as 1900-1999 as Date.UTC does (the
 * instant is made with it).
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Excel's day 0 (its 1900 date system, with the 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * An Excel serial date ("45617.6875": days since 1899-12-30, the fraction the time of day) as
 * local wall time in `zone`; null when the text is not a serial between 1990 and 2100.
 */
export function excelSerialTime(value: string, zone: string): ParsedTime | null {
  const t = value.trim();
  if (!/^\d{5}(\.\d+)?$/.test(t)) return null;
  const days = Number(t);
  if (days < 32874 || days > 73051) return null; // 1990-01-01 .. 2100-01-01
  const wall = new Date(EXCEL_EPOCH_MS + Math.round(days * 86_400) * 1000);
  const f: Fields = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
  const precision = Number.isInteger(days) ? 'day' : f.second ? 'second' : 'minute';
  return toInstant(f, zone, precision);
}
