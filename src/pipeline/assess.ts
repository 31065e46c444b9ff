import { openDb } from '../history/db.js';
import { addAssessment, assessmentTrail, currentAssessments, keyExists } from '../history/assessments.js';
import { ASSESSMENT_STATUSES, type Assessment, type AssessmentStatus } from '../model/assessment.js';
import { UserError } from '../util/errors.js';
import { formatLocalDate } from '../util/time.js';
import { localDateMs } from '../util/period.js';

export interface AssessInput {
  key: string;
  status: string;
  /** yyyy-mm-dd; default the date of `nowMs`. */
  since?: string;
  team?: string;
  ref?: string;
  nowMs: number;
}

/**
 * Team names and case references are short labels, not notes: letters, digits and a few
 * separators, so that no sentence about a resident can be typed into them (AVG).
 */
const TEAM = /^[\p{L}\p{N}][\p{L}\p{N} .&'/-]{0,59}$/u;
const REF = /^[\p{L}\p{N}][\p{L}\p{N}._/#-]{0,39}$/u;

/** Checks an assessment as typed; every problem is a user error that says what to write. */
export function checkAssessment(a: AssessInput): Omit<Assessment, 'id'> {
  const key = a.key.trim().toUpperCase();
  if (!/^HS-\d{4,}$/.test(key))
    throw new UserError(`"${a.key}" is not a hotspot key`, { hint: 'keys look like HS-0012; see `hotspots history show RUN`' });
  if (!(ASSESSMENT_STATUSES as readonly string[]).includes(a.status))
    throw new UserError(`--status: "${a.status}" is not a status`, { hint: `use one of ${ASSESSMENT_STATUSES.join(', ')}` });
  const since = a.since ?? formatLocalDate(a.nowMs);
  if (Number.isNaN(localDateMs(since)))
    throw new UserError(`--since: "${a.since}" is not a date`, { hint: 'write yyyy-mm-dd, e.g. 2025-03-01' });
  if (localDateMs(since) > a.nowMs)
    throw new UserError(`--since: ${since} lies in the future`, { hint: 'record a decision once it holds' });
  const team = a.team?.trim();
  if (team !== undefined && !TEAM.test(team))
    throw new UserError(`--team: "${team}" is not a team name`, { hint: "up to 60 letters, digits, spaces and . & ' / -; no notes" });
  const ref = a.ref?.trim();
  if (ref !== undefined && !REF.test(ref))
    throw new UserError(`--ref: "${ref}" is not a case reference`, { hint: 'up to 40 letters, digits and . _ / # -, e.g. ZAAK-123' });
  return {
    key,
    status: a.status as AssessmentStatus,
    since,
    ...(team ? { team } : {}),
    ...(ref ? { ref } : {}),
    recordedAt: new Date(a.nowMs).toISOString(),
  };
}

/** `hotspots assess KEY --status ...`: appends the decision to the history's audit trail. */
export function recordAssessment(dbPath: string, input: AssessInput): Assessment {
  const a = checkAssessment(input);
  const db = openDb(dbPath, { create: false });
  try {
    if (!keyExists(db, a.key))
      throw new UserError(`${a.key} is not in ${dbPath}`, { hint: 'assess a key the history knows; see `hotspots history show RUN`' });
    return addAssessment(db, a);
  } finally {
    db.close();
  }
}

/** `hotspots assess --list`: the current status per key, and the whole trail (of one key, or all). */
export function listAssessments(dbPath: string, key?: string): { current: Assessment[]; trail: Assessment[] } {
  const db = openDb(dbPath, { create: false });
  try {
    const trail = assessmentTrail(db, key?.toUpperCase());
    const current = [...currentAssessments(db).values()].filter((a) => key === undefined || a.key === key.toUpperCase());
    return { current: current.sort((x, y) => x.key.localeCompare(y.key)), trail };
  } finally {
    db.close();
  }
}

/** `assess --list --json`, schema version 1. */
export const assessmentsJson = (r: { current: Assessment[]; trail: Assessment[] }) => ({ schemaVersion: 1, ...r });
