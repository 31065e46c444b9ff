import { Option } from 'commander';
import { parseBBox, type BBox } from '../geo/rd.js';
import { PROFILE_NAMES } from '../ingest/profiles.js';
import { UserError } from '../util/errors.js';
import { isCalendarDate } from '../util/period.js';

/** Options every command that reads exports shares, declared once. */
export function inputOptions(): Option[] {
  return [
    new Option(
      '--map <file>',
      'mapping file (YAML/JSON) naming the source columns; repeatable: each input uses the first that fits',
    ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    new Option('--profile <name>', 'built-in column profile').choices(['auto', ...PROFILE_NAMES]).default('auto'),
    new Option('--encoding <enc>', 'override the sniffed encoding').choices(['utf-8', 'windows-1252', 'utf-16le']),
    new Option('--delimiter <char>', 'override the sniffed delimiter (use "\\t" for tab)'),
    new Option('--bbox <minLon,minLat,maxLon,maxLat>', 'accepted area in WGS84 (default: the Netherlands)'),
    new Option('--max-reject-rate <rate>', 'share of rejected rows that makes the run exit 1, as 0.05 or 5%').default('5%'),
    new Option('--now <time>', 'the current time (ISO 8601), for reproducible runs and tests'),
    new Option('--sheet <name>', 'Excel (.xlsx) inputs: the sheet to read (default the first)'),
    new Option(
      '--tz <zone>',
      "zone of local times without an offset, for every input (default: the profile's; Europe/Amsterdam, police.uk Europe/London)",
    ),
    new Option(
      '--jobs <n>',
      'worker threads that read CSV inputs of 16 MB and more (default: one per core, at most 4; 0: everything on the main thread)',
    ),
    new Option(
      '--key-file <file>',
      'pseudonym key file (default ~/.config/overlast-hotspots/pseudonym.key; env HOTSPOTS_PSEUDONYM_KEY wins)',
    ),
  ];
}

export interface InputFlags {
  map?: string[];
  profile: string;
  encoding?: 'utf-8' | 'windows-1252' | 'utf-16le';
  delimiter?: string;
  bbox?: string;
  maxRejectRate: string;
  now?: string;
  keyFile?: string;
  sheet?: string;
  tz?: string;
  jobs?: string;
}

/** Parses --jobs: a whole number of worker threads, 0 to 16. */
export function parseJobs(text: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 0 || n > 16)
    throw new UserError(`--jobs: "${text}" is not a number of threads from 0 to 16`, {
      hint: 'e.g. --jobs 0 to read on the main thread, --jobs 3 on a 4-core machine',
    });
  return n;
}

/** Parses `5%` or `0.05` into a share between 0 and 1. */
export function parseRate(text: string): number {
  const t = text.trim();
  const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new UserError(`--max-reject-rate: "${text}" is not a share between 0 and 1`, { hint: 'write it as 0.05 or 5%' });
  }
  return n;
}

export function parseBBoxFlag(text: string): BBox {
  const b = parseBBox(text);
  if (!b)
    throw new UserError(`--bbox: "${text}" is not minLon,minLat,maxLon,maxLat`, {
      hint: 'e.g. --bbox 5.63,50.80,5.77,50.92 for Maastricht',
    });
  return b;
}

export function parseDelimiter(text: string): ',' | ';' | '\t' | '|' {
  const d = text === '\\t' || text.toLowerCase() === 'tab' ? '\t' : text;
  if (d === ',' || d === ';' || d === '\t' || d === '|') return d;
  throw new UserError(`--delimiter: "${text}" is not one of , ; | tab`);
}

/** Parses `--now`, or takes the injected clock. */
export function parseNow(text: string | undefined, clock: () => Date): Date {
  if (text === undefined) return clock();
  const d = new Date(text);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (Number.isNaN(d.getTime()) || !ymd || !isCalendarDate(+ymd[1]!, +ymd[2]!, +ymd[3]!)) {
    throw new UserError(`--now: "${text}" is not an ISO 8601 time`, { hint: 'e.g. --now 2026-11-23T06:00:00+01:00' });
  }
  return d;
}

/** Checks `--tz` against the zones the runtime knows (IANA names). */
export function parseTimeZone(text: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return text;
  } catch {
    throw new UserError(`--tz: "${text}" is not a time zone`, { hint: 'use an IANA name such as Europe/Amsterdam or Europe/London' });
  }
}
