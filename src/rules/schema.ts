import { z } from 'zod';
import { THEMES } from '../model/incoming.js';
import { KINDS, MEASURES } from '../model/scoring.js';
import { DURATION_PATTERN, weekdayNumber } from '../util/period.js';

// (kept out of this module, which loads zod, so that worker threads that match rules need not load it)
export { durationDays, weekdayNumber } from '../util/period.js';

const hour = z.number().int().min(0).max(24);

/** A condition on one report; every key given must hold (AND). */
export const conditionSchema = z
  .object({
    themes: z.array(z.enum(THEMES)).min(1).optional().describe('The report has one of these themes'),
    categories: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Words in the category (word start, case- and accent-insensitive; taken literally, not as regex)'),
    keywords: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Words in the free text (word start, case- and accent-insensitive; taken literally). The text is never stored'),
    hours: z
      .object({ from: hour, to: hour })
      .strict()
      .optional()
      .describe('Local hour window of the incident (or report) time, from inclusive to exclusive; 22-6 wraps past midnight'),
    weekdays: z
      .array(z.string().refine((d) => weekdayNumber(d) !== undefined, { message: 'expected ma di wo do vr za zo (or mon..sun)' }))
      .min(1)
      .optional(),
    sources: z.array(z.string().min(1)).min(1).optional().describe('Source labels (mapping `source`)'),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, {
    message: 'a condition needs at least one of themes, categories, keywords, hours, weekdays, sources',
  });

export type Condition = z.output<typeof conditionSchema>;

const when = z.array(conditionSchema).min(1).describe('Holds when any of these conditions holds (OR)');

export const indicatorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    label: z.string().min(1).describe('Plain-language name shown in reports'),
    measure: z.enum(MEASURES).describe('What is measured over the reports of a location in the period'),
    signal: z.string().optional().describe('For signalShare / signalCount: the signal id'),
    windowDays: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("For recentReports: days before the period end (default: the rules' recent)"),
    weeks: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('For peakWeeksShare: length of the busiest stretch in weeks; for busiestWeeksShare: how many busiest weeks'),
    min: z.number().optional().describe('Fires when the value is at least this'),
    max: z.number().optional().describe('Fires when the value is at most this'),
    weight: z.number().describe('Points added to the score when it fires (negative for guards)'),
    appliesTo: z.array(z.enum(KINDS)).min(1).optional().describe('Kinds of location it applies to (default both)'),
  })
  .strict();

export type IndicatorRule = z.output<typeof indicatorSchema>;

const classSchema = z
  .object({
    minScore: z.number().describe('Lowest score for this class'),
    require: z.array(z.string()).default([]).describe('Indicators that must fire (ignored for kinds they do not apply to)'),
    unless: z.array(z.string()).default([]).describe('Indicators that, when fired, keep a location out of this class'),
  })
  .strict();

const classesSchema = z
  .object({ hotspot: classSchema, watch: classSchema })
  .strict()
  .describe('When a location is a hotspot or one to watch');

const duration = (example: string) => z.string().regex(DURATION_PATTERN, `write a number of days or weeks, such as ${example}`);

export const rulesSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    window: duration('26w')
      .default('26w')
      .describe(
        'Evidence window: a period shorter than this (a week, a month) is judged on the reports of this window ending at the period end',
      ),
    recent: duration('28d')
      .default('28d')
      .describe('On a list judged over the window, a place without a report in this last stretch is "gone quiet" (watch, not hotspot)'),
    scope: when.optional().describe('Which reports are screened, for both kinds of location unless a kind sets its own scope; default all'),
    classes: classesSchema.optional().describe('Classes for both kinds of location unless a kind sets its own'),
    clustering: z
      .object({
        epsM: z.number().positive().default(75).describe('DBSCAN neighbourhood radius in metres'),
        minPoints: z.number().int().min(2).default(8).describe('Reports within epsM (itself included) for a core report'),
      })
      .strict()
      .default({ epsM: 75, minPoints: 8 }),
    dwellings: z
      .object({
        minReports: z
          .number()
          .int()
          .min(2)
          .default(5)
          .describe('Reports at one address (street or postcode + house number + suffix) to form a dwelling candidate'),
        scope: when.optional().describe('Which reports count towards a dwelling (reports with a house number only)'),
        classes: classesSchema.optional(),
      })
      .strict()
      .default({ minReports: 5 }),
    publicSpace: z
      .object({
        scope: when.optional().describe('Which reports are clustered into public-space locations'),
        classes: classesSchema.optional(),
      })
      .strict()
      .default({}),
    grid: z
      .object({
        cellSizeM: z.number().positive().optional().describe('Gi* grid cell size in metres; default sfhotspot automatic'),
        fdr: z.number().gt(0).lt(1).default(0.05).describe('False discovery rate for significant hot cells'),
      })
      .strict()
      .default({ fdr: 0.05 }),
    signals: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
            label: z.string().min(1),
            when,
          })
          .strict(),
      )
      .default([]),
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();

export type Rules = z.output<typeof rulesSchema>;
export type ClassesRule = z.output<typeof classesSchema>;
