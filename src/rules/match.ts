import type { Condition, Rules } from './schema.js';
import { weekdayNumber } from '../util/period.js';
import { reportAddressKey, type Report } from '../model/incoming.js';
import { IN_DWELLING_SCOPE, IN_PUBLIC_SCOPE, type LocationKind } from '../model/scoring.js';
import { scopeFor } from './resolve.js';
import { escapeRegExp, foldText, rememberedByText } from '../util/text.js';
import { localHourOfWeek } from '../util/time.js';

/**
 * A report with its folded texts and local time worked out once, however many conditions ask.
 * Categories repeat: their folded form is remembered (`foldCategory`).
 */
class Prepared {
  private text_?: string;
  private category_?: string;
  private hourOfWeek_ = UNASKED;
  constructor(
    readonly r: Report,
    private readonly foldCategory: (category: string) => string,
  ) {}
  get text(): string {
    return (this.text_ ??= this.r.text ? foldText(this.r.text) : '');
  }
  get category(): string {
    return (this.category_ ??= this.foldCategory(this.r.category));
  }
  /** Local hour of the week (0 = Monday 00h), -1 when the time of day is unknown. */
  get hourOfWeek(): number {
    return this.hourOfWeek_ === UNASKED ? (this.hourOfWeek_ = localHourOfWeekOf(this.r)) : this.hourOfWeek_;
  }
}

const UNASKED = -2;

type PreparedTest = (p: Prepared) => boolean;

/** Word-start match of any of the words (user text is escaped: never a raw regex). */
function wordsRegExp(words: readonly string[]): RegExp {
  const alternatives = words.map((w) => escapeRegExp(foldText(w.trim()))).join('|');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives})`, 'u');
}

/** Local hour of the week of the incident start, else of the report time (minute precision or better); -1 for none. */
function localHourOfWeekOf(r: Report): number {
  if (r.precision === 'month' || r.precision === 'day') {
    if (r.incidentStart === undefined) return -1;
  }
  return localHourOfWeek(r.incidentStart ?? r.reportedAt);
}

function compileCondition(c: Condition): PreparedTest {
  const tests: PreparedTest[] = [];
  if (c.themes) {
    const set = new Set<string>(c.themes);
    tests.push((p) => set.has(p.r.theme));
  }
  if (c.categories) {
    const re = wordsRegExp(c.categories);
    tests.push((p) => re.test(p.category));
  }
  if (c.keywords) {
    const re = wordsRegExp(c.keywords);
    tests.push((p) => re.test(p.text));
  }
  if (c.sources) {
    const set = new Set(c.sources);
    tests.push((p) => set.has(p.r.source));
  }
  if (c.hours) {
    const { from, to } = c.hours;
    const inWindow = from < to ? (h: number) => h >= from && h < to : (h: number) => h >= from || h < to;
    tests.push((p) => {
      const bin = p.hourOfWeek;
      return bin >= 0 && inWindow(bin % 24);
    });
  }
  if (c.weekdays) {
    const days = new Set(c.weekdays.map((d) => weekdayNumber(d)!));
    tests.push((p) => {
      const bin = p.hourOfWeek;
      return bin >= 0 && days.has(Math.floor(bin / 24));
    });
  }
  return (p) => {
    // (a loop, not tests.every: a closure per test per report was most of what classifying allocated)
    for (let k = 0; k < tests.length; k++) if (!tests[k]!(p)) return false;
    return true;
  };
}

function compileAny(conditions: readonly Condition[]): PreparedTest {
  const tests = conditions.map(compileCondition);
  return (p) => {
    for (let k = 0; k < tests.length; k++) if (tests[k]!(p)) return true;
    return false;
  };
}

/**
 * Compiles the rules' report-level tests: which kinds of location a report counts towards (a
 * mask of IN_DWELLING_SCOPE and IN_PUBLIC_SCOPE, 0 when out of scope; only a report with an
 * address, postcode and house number, can count towards a dwelling), and its signals as a bit
 * mask (bit i = rules.signals[i]). Texts are folded once per report.
 */
export function compileReportTests(rules: Rules): (r: Report) => { scope: number; signals: number } {
  const compileScope = (kind: LocationKind) => {
    const s = scopeFor(rules, kind);
    return s ? compileAny(s) : () => true;
  };
  const dwelling = compileScope('dwelling');
  const publicSpace = compileScope('public-space');
  const signals = rules.signals.map((s) => compileAny(s.when));
  const foldCategory = rememberedByText(foldText);
  return (r) => {
    const p = new Prepared(r, foldCategory);
    const atAddress = reportAddressKey(r) !== undefined;
    const scope = (atAddress && dwelling(p) ? IN_DWELLING_SCOPE : 0) | (publicSpace(p) ? IN_PUBLIC_SCOPE : 0);
    if (scope === 0) return { scope, signals: 0 };
    let mask = 0;
    for (let i = 0; i < signals.length; i++) if (signals[i]!(p)) mask |= 1 << i;
    return { scope, signals: mask >>> 0 };
  };
}
