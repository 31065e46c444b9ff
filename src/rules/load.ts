import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { durationDays, rulesSchema, type ClassesRule, type Condition, type Rules } from './schema.js';
import { parseWithSchema, readLocatedFile, type LocatedFile } from '../util/config-file.js';
import { UserError, type Problem } from '../util/errors.js';
import { closest } from '../util/text.js';

/** A checked rules file with its provenance, as recorded with every screening. */
export interface LoadedRules {
  rules: Rules;
  file: string;
  sha256: string;
}

/** Reads a rules file: schema, then semantic checks; every problem with file:line:column at once. */
export function loadRules(path: string, file = path): LoadedRules {
  const located = readLocatedFile(path, file);
  const rules = parseWithSchema(rulesSchema, located, 'the rules');
  const problems = checkRules(rules, located);
  if (problems.length > 0) throw new UserError(`${file}: ${problems.length} problem(s) in the rules`, { problems });
  return { rules, file, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/** Cross-field checks: unique ids, references to signals and indicators, measure parameters. */
export function checkRules(r: Rules, located?: LocatedFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: PropertyKey[], message: string, hint?: string) => {
    const pos = located?.locate(path) ?? {};
    problems.push({ file: located?.file ?? '(rules)', ...pos, field: path.join('.'), message, ...(hint ? { hint } : {}) });
  };
  const signalIds = r.signals.map((s) => s.id);
  const indicatorIds = r.indicators.map((i) => i.id);
  duplicates(signalIds).forEach((i) => at(['signals', i, 'id'], `signal id "${signalIds[i]}" is used twice`));
  duplicates(indicatorIds).forEach((i) => at(['indicators', i, 'id'], `indicator id "${indicatorIds[i]}" is used twice`));
  if (r.signals.length > 32) at(['signals'], `at most 32 signals, got ${r.signals.length}`);
  r.indicators.forEach((ind, i) => {
    const needsSignal = ind.measure === 'signalShare' || ind.measure === 'signalCount';
    if (needsSignal && !ind.signal)
      at(['indicators', i, 'measure'], `${ind.measure} needs a signal`, `add signal: one of ${signalIds.join(', ')}`);
    if (ind.signal && !signalIds.includes(ind.signal)) {
      const guess = closest(ind.signal, signalIds);
      at(
        ['indicators', i, 'signal'],
        `unknown signal "${ind.signal}"`,
        guess ? `did you mean "${guess}"?` : `signals are: ${signalIds.join(', ') || '(none)'}`,
      );
    }
    if (ind.signal && !needsSignal)
      at(['indicators', i, 'signal'], `signal is only used with signalShare or signalCount, not ${ind.measure}`);
    if ((ind.measure === 'peakWeeksShare' || ind.measure === 'busiestWeeksShare') && !ind.weeks)
      at(['indicators', i, 'measure'], `${ind.measure} needs weeks`, 'e.g. weeks: 2');
    if (ind.min === undefined && ind.max === undefined) at(['indicators', i], 'an indicator needs min or max to know when it fires');
    if (ind.min !== undefined && ind.max !== undefined && ind.min > ind.max)
      at(['indicators', i, 'min'], `min ${ind.min} is above max ${ind.max}`);
    if (/Share$/.test(ind.measure) && ((ind.min ?? 0) > 1 || (ind.max ?? 0) > 1))
      at(['indicators', i], `${ind.measure} is a share between 0 and 1`, 'write 30 % as 0.3');
  });
  const classBlocks: Array<[PropertyKey[], ClassesRule | undefined]> = [
    [['classes'], r.classes],
    [['dwellings', 'classes'], r.dwellings.classes],
    [['publicSpace', 'classes'], r.publicSpace.classes],
  ];
  for (const [path, classes] of classBlocks) {
    if (!classes) continue;
    for (const cls of ['hotspot', 'watch'] as const) {
      for (const list of ['require', 'unless'] as const) {
        classes[cls][list].forEach((id, k) => {
          if (indicatorIds.includes(id)) return;
          const guess = closest(id, indicatorIds);
          at([...path, cls, list, k], `unknown indicator "${id}"`, guess ? `did you mean "${guess}"?` : undefined);
        });
      }
    }
    if (classes.watch.minScore > classes.hotspot.minScore) {
      at([...path, 'watch', 'minScore'], `watch minScore ${classes.watch.minScore} is above hotspot minScore ${classes.hotspot.minScore}`);
    }
  }
  for (const [block, name] of [
    ['dwellings', 'dwellings'],
    ['publicSpace', 'public-space locations'],
  ] as const) {
    if (!r.classes && !r[block].classes)
      at([block], `no classes for ${name}`, `add ${block}.classes (hotspot and watch), or classes for both kinds`);
  }
  const scopes: Array<[PropertyKey[], readonly Condition[] | undefined]> = [
    [['scope'], r.scope],
    [['dwellings', 'scope'], r.dwellings.scope],
    [['publicSpace', 'scope'], r.publicSpace.scope],
  ];
  for (const [path, scope] of scopes) {
    scope?.forEach((c, i) => {
      if (c.hours && c.hours.from === c.hours.to) at([...path, i, 'hours'], 'an empty hour window (from equals to)');
    });
  }
  if (durationDays(r.recent) > durationDays(r.window)) at(['recent'], `recent (${r.recent}) is longer than the window (${r.window})`);
  r.signals.forEach((s, i) =>
    s.when.forEach((c, k) => {
      if (c.hours && c.hours.from === c.hours.to) at(['signals', i, 'when', k, 'hours'], 'an empty hour window (from equals to)');
    }),
  );
  return problems;
}

function duplicates(ids: readonly string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [i] : []));
}
