import { writeTransaction, type Db } from './db.js';
import type { Assessment, AssessmentStatus } from '../model/assessment.js';

interface AssessmentRow {
  id: number;
  key: string;
  status: AssessmentStatus;
  since: string;
  team: string | null;
  ref: string | null;
  recorded_at: string;
}

const toAssessment = (r: AssessmentRow): Assessment => ({
  id: r.id,
  key: r.key,
  status: r.status,
  since: r.since,
  ...(r.team ? { team: r.team } : {}),
  ...(r.ref ? { ref: r.ref } : {}),
  recordedAt: r.recorded_at,
});

/** Appends a decision to the audit trail (nothing is ever updated or deleted); returns it. */
export function addAssessment(db: Db, a: Omit<Assessment, 'id'>): Assessment {
  return writeTransaction(db, () => {
    const id = Number(
      db
        .prepare('INSERT INTO assessments (key, status, since, team, ref, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(a.key, a.status, a.since, a.team ?? null, a.ref ?? null, a.recordedAt).lastInsertRowid,
    );
    return { id, ...a };
  });
}

/** The audit trail, oldest first: of one key, or of all keys. */
export function assessmentTrail(db: Db, key?: string): Assessment[] {
  const rows = (
    key === undefined
      ? db.prepare('SELECT * FROM assessments ORDER BY key, id').all()
      : db.prepare('SELECT * FROM assessments WHERE key = ? ORDER BY id').all(key)
  ) as AssessmentRow[];
  return rows.map(toAssessment);
}

/** The current status per key: its latest recorded decision. */
export function currentAssessments(db: Db): Map<string, Assessment> {
  const rows = db
    .prepare('SELECT a.* FROM assessments a JOIN (SELECT key, MAX(id) AS id FROM assessments GROUP BY key) m ON a.id = m.id')
    .all() as AssessmentRow[];
  return new Map(rows.map((r) => [r.key, toAssessment(r)]));
}

/** Whether the history knows a key (assessments are only recorded for known keys). */
export function keyExists(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM hotspot_keys WHERE key = ?').get(key) !== undefined;
}
