import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, closeSync, openSync } from 'node:fs';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';
import { UserError } from '../util/errors.js';

export type Db = Database.Database;

/** better-sqlite3, loaded on first use: commands that keep no history (validate) do not pay for it. */
let driver: typeof Database | undefined;
const sqlite = () => (driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database);

/** Milliseconds a writer waits for another run's transaction before giving up. */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * Opens (and creates, owner-only, unless `create: false` as read commands ask) a history file: WAL
 * journal, busy timeout, foreign keys, and migrations up to the latest. Refuses a file from a newer
 * version of the tool, and a file that is not an SQLite database.
 */
export function openDb(path: string, opts: { migrate?: boolean; create?: boolean } = {}): Db {
  if (path !== ':memory:' && !existsSync(path) && opts.create === false) {
    throw new UserError(`no history file ${path}`, {
      hint: 'check --db or HOTSPOTS_DB; `hotspots screen` creates the history on its first run',
    });
  }
  if (path !== ':memory:' && !existsSync(path)) {
    try {
      closeSync(openSync(path, 'a', 0o600));
    } catch (err) {
      throw new UserError(`cannot create history file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
        hint: 'check --db or HOTSPOTS_DB',
      });
    }
  }
  let db: Db;
  try {
    db = new (sqlite())(path);
    if (path !== ':memory:') chmodSync(path, 0o600);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`); // first: switching to WAL needs a lock another run may hold
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON'); // pruned rows are overwritten, not left in free pages (AVG retention)
  } catch (err) {
    throw new UserError(`cannot open history file ${path}: ${(err as Error).message}`, { hint: 'is it an SQLite file made by hotspots?' });
  }
  if (opts.migrate !== false) migrate(db, path);
  return db;
}

/** Current schema version (`PRAGMA user_version`). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations, each in its own transaction; `to` stops early (for tests). */
export function migrate(db: Db, path = '(history)', to = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    db.close();
    throw new UserError(
      `${path} was written by a newer version of hotspots (schema ${current}; this version knows up to ${LATEST_VERSION})`,
      {
        hint: 'upgrade hotspots, or use another --db',
      },
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > to) continue;
    db.transaction(() => {
      // Another process may have migrated while this one waited for the write lock.
      if (schemaVersion(db) >= m.version) return;
      db.exec(m.sql);
      m.up?.(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/** Runs `fn` in one write transaction taken up front (BEGIN IMMEDIATE): runs never interleave. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * A new SQLite file that is not a history (a GeoPackage): `fill` runs in one transaction, and the file
 * is closed after. This module stays the one that opens SQLite files.
 */
export function writeSqliteFile(path: string, fill: (db: Db) => void): void {
  const db = new (sqlite())(path);
  try {
    db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
}

/** Rows per INSERT statement of a RowInserter, at most. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts many rows into one table, up to ROWS_PER_INSERT per statement: a million reports make
 * some 150,000 hotspot-week rows, and a statement per row was slow (400,000 rows took a second).
 * `into` is the table with its column list, e.g. `hotspot_weeks (run_id, key, week, reports)`.
 * Call flush() after the last row.
 */
export class RowInserter {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private values: Array<number | string | null> = [];

  constructor(
    db: Db,
    into: string,
    private readonly columns: number,
    /** What follows the values, such as an ON CONFLICT clause. */
    then = '',
  ) {
    const row = `(${Array(columns).fill('?').join(', ')})`;
    this.many = db.prepare(`INSERT INTO ${into} VALUES ${Array(this.rowsPer()).fill(row).join(', ')} ${then}`);
    this.one = db.prepare(`INSERT INTO ${into} VALUES ${row} ${then}`);
  }

  /** Rows per statement: ROWS_PER_INSERT, fewer for wide rows (SQLite takes up to 32,766 parameters). */
  private rowsPer(): number {
    return Math.min(ROWS_PER_INSERT, Math.floor(32_766 / this.columns));
  }

  add(...row: Array<number | string | null>): void {
    for (let k = 0; k < row.length; k++) this.values.push(row[k]!);
    if (this.values.length === this.rowsPer() * this.columns) {
      this.many.run(this.values);
      this.values = [];
    }
  }

  flush(): void {
    for (let k = 0; k < this.values.length; k += this.columns) this.one.run(this.values.slice(k, k + this.columns));
    this.values = [];
  }
}
