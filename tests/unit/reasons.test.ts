import { describe, expect, it } from 'vitest';
import { GUARDS, hottimeWords, reasonsOf, REASONS, reasonText } from '../../src/report/reasons.js';
import { MEASURES } from '../../src/model/scoring.js';

describe('reasons in words', () => {
  it('has every measure in both languages, and the same guards in both', () => {
    expect(Object.keys(REASONS.nl).sort()).toEqual([...MEASURES].sort());
    expect(Object.keys(REASONS.en).sort()).toEqual([...MEASURES].sort());
    expect(Object.keys(GUARDS.en).sort()).toEqual(Object.keys(GUARDS.nl).sort());
  });

  it('says what raised the score and what held the place back', () => {
    const indicators = [
      { label: 'herhaald', value: 95, weight: 2, fired: true, measure: 'reports' as const },
      { label: 'veel', value: 95, weight: 1, fired: true, measure: 'reports' as const },
      {
        label: 'drugs (30 %+)',
        value: 0.384,
        weight: 2,
        fired: true,
        measure: 'signalShare' as const,
        signalLabel: 'drugshandel of drugsoverlast',
      },
      { label: 'recent', value: 4, weight: 0, fired: false, measure: 'recentReports' as const, windowDays: 28 },
      { label: 'piek', value: 0.62, weight: -3, fired: true, measure: 'busiestWeeksShare' as const, weeks: 2 },
      { label: 'een melder', value: 0.813, weight: -3, fired: true, measure: 'topReporterShare' as const },
    ];
    expect(reasonsOf(indicators, 'nl')).toEqual({
      reasons: ['95 meldingen', '38 % van de meldingen: drugshandel of drugsoverlast'],
      guards: ['eenmalige piek: 62 % in de 2 drukste weken', 'vooral één melder: 81 %'],
    });
    expect(reasonsOf(indicators, 'en').guards).toEqual(['one-off peak: 62 % in the 2 busiest weeks', 'mostly one reporter: 81 %']);
    expect(reasonText({ label: 'eigen regel', value: 12, weight: -1, fired: true, measure: 'reports' }, 'nl')).toBe(
      'eigen regel: 12 meldingen',
    );
    expect(reasonText({ label: 'uit een oude run', value: 0.5, weight: 1, fired: true }, 'en')).toBe('uit een oude run (0.50)');
  });

  it('says a busiest window in words', () => {
    expect(hottimeWords('vr-za 22:00-01:00', 'nl')).toBe('vrijdag 22:00 tot zaterdag 01:00');
    expect(hottimeWords('vr 21:00-00:00', 'en')).toBe('Friday 21:00 to 00:00');
    expect(hottimeWords('zo-ma 23:00-02:00', 'en')).toBe('Sunday 23:00 to Monday 02:00');
    expect(hottimeWords('something else', 'nl')).toBe('something else');
  });
});
