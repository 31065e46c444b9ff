import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { compileReportTests } from '../../src/rules/match.js';
import { IN_DWELLING_SCOPE, IN_PUBLIC_SCOPE } from '../../src/model/scoring.js';
import { explainRules } from '../../src/rules/explain.js';
import { isUserError, formatProblem, type UserError } from '../../src/util/errors.js';
import type { Report } from '../../src/model/incoming.js';
import { tempDir } from '../helpers.js';

const DEFAULT = 'rules/default.yaml';

function problemsOf(yaml: string): string[] {
  const file = join(tempDir(), 'r.yaml');
  writeFileSync(file, yaml);
  try {
    loadRules(file, 'r.yaml');
  } catch (err) {
    if (!isUserError(err)) throw err;
    return (err as UserError).problems.map(formatProblem);
  }
  return [];
}

const MINIMAL = `name: t
signals:
  - id: drugs
    label: drugs
    when: [{ themes: [drugs] }]
indicators:
  - { id: herhaald, label: h, measure: reports, min: 3, weight: 1 }
classes:
  hotspot: { minScore: 1 }
  watch: { minScore: 0 }
`;

describe('rules files', () => {
  it('loads the bundled default rules with provenance', () => {
    const r = loadRules(DEFAULT);
    expect(r.rules.name).toBe('veiligheidsgerelateerde-overlast');
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.rules.clustering).toEqual({ epsM: 60, minPoints: 8 });
  });

  it('accepts a minimal file and fills defaults', () => {
    expect(problemsOf(MINIMAL)).toEqual([]);
  });

  it.each([
    [
      'unknown signal with a suggestion',
      MINIMAL.replace('measure: reports, min: 3', 'measure: signalShare, signal: drug, min: 0.3'),
      /r\.yaml:7:\d+ indicators\.0\.signal: unknown signal "drug" Hint: did you mean "drugs"\?/,
    ],
    [
      'a duplicate indicator id',
      MINIMAL.replace('classes:', '  - { id: herhaald, label: x, measure: reporters, min: 2, weight: 1 }\nclasses:'),
      /r\.yaml:8:\d+ indicators\.1\.id: indicator id "herhaald" is used twice/,
    ],
    [
      'busiestWeeksShare without weeks',
      MINIMAL.replace('measure: reports, min: 3', 'measure: busiestWeeksShare, min: 0.4'),
      /indicators\.0\.measure: busiestWeeksShare needs weeks/,
    ],
    [
      'a bad window',
      MINIMAL.replace('name: t', 'name: t\nwindow: 26 weeks'),
      /r\.yaml:2:\d+ window: write a number of days or weeks, such as 26w/,
    ],
    [
      'recent longer than the window',
      MINIMAL.replace('name: t', 'name: t\nwindow: 4w\nrecent: 60d'),
      /r\.yaml:3:\d+ recent: recent \(60d\) is longer than the window \(4w\)/,
    ],
    [
      'no classes for a kind',
      MINIMAL.replace(/classes:[\s\S]*$/, 'publicSpace:\n  classes: { hotspot: { minScore: 1 }, watch: { minScore: 0 } }\n'),
      /dwellings: no classes for dwellings Hint: add dwellings\.classes/,
    ],
    [
      "an unknown indicator in a kind's class",
      MINIMAL.replace(
        'name: t',
        'name: t\ndwellings:\n  classes: { hotspot: { minScore: 1, require: [herhaalt] }, watch: { minScore: 0 } }',
      ),
      /r\.yaml:3:\d+ dwellings\.classes\.hotspot\.require\.0: unknown indicator "herhaalt" Hint: did you mean "herhaald"\?/,
    ],
    [
      'a share above 1',
      MINIMAL.replace('measure: reports, min: 3', 'measure: signalShare, signal: drugs, min: 30'),
      /signalShare is a share between 0 and 1 Hint: write 30 % as 0\.3/,
    ],
    [
      'an unknown indicator in a class',
      MINIMAL.replace('hotspot: { minScore: 1 }', 'hotspot: { minScore: 1, require: [herhald] }'),
      /r\.yaml:9:\d+ classes\.hotspot\.require\.0: unknown indicator "herhald" Hint: did you mean "herhaald"\?/,
    ],
    [
      'a bad weekday',
      MINIMAL.replace('when: [{ themes: [drugs] }]', 'when: [{ weekdays: [vrijdag] }]'),
      /signals\.0\.when\.0\.weekdays\.0: expected ma di wo do vr za zo/,
    ],
    ['an empty condition', MINIMAL.replace('when: [{ themes: [drugs] }]', 'when: [{}]'), /a condition needs at least one of/],
    ['an unknown key', MINIMAL.replace('name: t', 'name: t\nclustring: {}'), /r\.yaml:2:\d+ clustring: unknown key "clustring"/],
    ['no min or max', MINIMAL.replace(', min: 3', ''), /an indicator needs min or max/],
  ])('reports %s with file:line', (_, yaml, expected) => {
    const problems = problemsOf(yaml);
    expect(problems.join('\n')).toMatch(expected);
  });
});

const report = (over: Partial<Report>): Report => ({
  id: 'r1',
  hasSourceId: true,
  source: 'gemeente',
  reportedAt: Date.parse('2025-07-04T23:30:00+02:00'),
  precision: 'minute',
  category: 'Overlast personen',
  theme: 'personen',
  line: 2,
  file: 'x.csv',
  ...over,
});

describe('signals', () => {
  const tests = compileReportTests(loadRules(DEFAULT).rules);
  const names = (r: Report) => {
    const { scope, signals } = tests(r);
    return { scope, inScope: scope !== 0, signals: ['drugs', 'intimidatie', 'nacht', 'weekend'].filter((_, i) => (signals >>> i) & 1) };
  };

  it('matches keywords at word starts, accent- and case-insensitively', () => {
    expect(names(report({ text: 'Er wordt GEDEALD en hij BEDREIGDE me' })).signals).toEqual(['drugs', 'intimidatie', 'nacht', 'weekend']);
    expect(names(report({ text: 'Cocaïne op straat', reportedAt: Date.parse('2025-07-02T12:00:00+02:00') })).signals).toEqual(['drugs']);
    expect(names(report({ text: 'Idealen en ontdealen', reportedAt: Date.parse('2025-07-02T12:00:00+02:00') })).signals).toEqual([]);
  });

  it('uses the incident time for hours and weekdays, and ignores month-only times', () => {
    const day = Date.parse('2025-07-02T12:00:00+02:00');
    expect(names(report({ reportedAt: day, incidentStart: Date.parse('2025-07-02T23:00:00+02:00') })).signals).toEqual(['nacht']);
    expect(names(report({ reportedAt: Date.parse('2025-07-01T00:00:00+02:00'), precision: 'month' })).signals).toEqual([]);
  });

  it('treats regex characters in keywords literally', () => {
    const file = join(tempDir(), 'r.yaml');
    writeFileSync(file, MINIMAL.replace('when: [{ themes: [drugs] }]', 'when: [{ keywords: ["c++", "(.*)"] }]'));
    const t = compileReportTests(loadRules(file).rules);
    expect(t(report({ text: 'ik zag c++ code' })).signals).toBe(1);
    expect(t(report({ text: 'anything at all' })).signals).toBe(0);
    expect(t(report({ text: 'a (.*) b' })).signals).toBe(1);
  });

  it('screens residential nuisance of every background at an address, and drug- and person-related nuisance in public space', () => {
    const at = { address: { street: 'Kerkstraat', houseNumber: 12, postcode: '6211AB' } };
    for (const theme of ['geluid', 'vervuiling', 'personen', 'woon', 'drugs', 'overig'] as const) {
      expect(names(report({ theme, ...at })).scope & IN_DWELLING_SCOPE, theme).toBe(IN_DWELLING_SCOPE);
    }
    expect(names(report({ theme: 'afval', ...at })).scope).toBe(0);
    expect(names(report({ theme: 'geluid' })).inScope).toBe(false);
    expect(names(report({ theme: 'overig' })).inScope).toBe(false);
    expect(names(report({ theme: 'woon' })).scope).toBe(IN_PUBLIC_SCOPE);
    expect(names(report({ theme: 'drugs', ...at })).scope).toBe(IN_DWELLING_SCOPE | IN_PUBLIC_SCOPE);
  });
});

describe('explainRules', () => {
  it("states each kind's scope and classes, the window, signals and indicators in plain language", () => {
    const text = explainRules(loadRules(DEFAULT).rules, 'en');
    expect(text).toContain('Dwellings (woonoverlast): 5 or more reports at one address');
    expect(text).toContain(
      'Reports counted: those where theme is woon or geluid or vervuiling or personen or verward or drugs or alcohol or jeugd or overig.',
    );
    expect(text).toContain('Reports counted: those where theme is drugs or personen or jeugd or verward or alcohol or woon.');
    expect(text).toMatch(
      /hotspot: score at least 7, and herhaald, meerdere-melders, aanhoudend-woning, verspreid fire, unless eenmalige-piek-woning or een-melder-woning fires\./,
    );
    expect(text).toMatch(
      /hotspot: score at least 8, and herhaald, meerdere-melders, aanhoudend fire, unless eenmalige-piek or een-melder or puntconcentratie fires\./,
    );
    expect(text).toContain('a period shorter than 26 weeks');
    expect(text).toContain('"reporters unknown"');
    expect(text).toContain(
      'meerdere-melders (+2): meerdere melders (3 of meer); fires when the number of distinct reporters is at least 3.',
    );
    expect(text).toContain('een-melder-woning (-3)');
    expect(text).toContain(
      'recent (+1): recent gemeld (laatste 28 dagen van de periode); fires when the number of reports in the last 4 weeks of the period is at least 1.',
    );
  });
});
