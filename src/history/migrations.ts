import type { Db } from './db.js';
import { insertCellCounts } from './cells.js';
import { dwellingHash } from './identity.js';
import { splitAddress } from '../model/address.js';
import { dwellingKeys } from '../model/incoming.js';

/**
 * Numbered, append-only schema migrations. Never edit one that has shipped: add the next.
 * Each runs in a transaction together with its `PRAGMA user_version` bump.
 * The history holds no free text, no reporter pseudonyms, no e-mail or phone numbers.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data changes SQL cannot express, run after `sql` in the same transaction. */
  up?: (db: Db) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, hotspots, weekly counts, stable keys',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        run_key TEXT NOT NULL UNIQUE,          -- inputs + rules + period: a re-run replaces its row
        created_at TEXT NOT NULL,              -- ISO 8601, the clock of the run
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        period_label TEXT NOT NULL,
        rules_name TEXT NOT NULL,
        rules_sha256 TEXT NOT NULL,
        inputs_json TEXT NOT NULL,             -- [{path, sha256, read, accepted, rejected, duplicates}]
        options_json TEXT NOT NULL
      );
      CREATE TABLE hotspot_keys (
        key TEXT PRIMARY KEY,                  -- HS-0001, stable across runs
        kind TEXT NOT NULL,
        x REAL NOT NULL, y REAL NOT NULL,      -- latest centroid, RD metres
        hull_json TEXT NOT NULL,               -- latest hull, RD metres
        address_hash TEXT,                     -- dwellings: sha256 of postcode|number|suffix
        first_run_id INTEGER NOT NULL,
        last_run_id INTEGER NOT NULL
      );
      CREATE TABLE hotspots (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        candidate_id TEXT NOT NULL,
        rank INTEGER NOT NULL,
        kind TEXT NOT NULL,
        class TEXT NOT NULL,
        score REAL NOT NULL,
        reports INTEGER NOT NULL,
        reporters INTEGER NOT NULL,
        active_weeks INTEGER NOT NULL,
        first TEXT NOT NULL,
        last TEXT NOT NULL,
        x REAL NOT NULL, y REAL NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
        radius_m REAL NOT NULL,
        hull_json TEXT NOT NULL,
        place TEXT NOT NULL,
        address TEXT,
        buurt TEXT,
        wijk TEXT,
        indicators_json TEXT NOT NULL,
        peak_hottime TEXT,
        gi_z REAL,
        gi_significant INTEGER,
        PRIMARY KEY (run_id, key)
      );
      CREATE TABLE hotspot_weeks (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        week INTEGER NOT NULL,                 -- ISO weeks since 1970 (Monday-based, Europe/Amsterdam)
        reports INTEGER NOT NULL,
        PRIMARY KEY (run_id, key, week)
      );
    `,
  },
  {
    version: 2,
    name: 'trend category per hotspot and run; lookups by key',
    sql: `
      ALTER TABLE hotspots ADD COLUMN trend TEXT;
      CREATE INDEX hotspots_by_key ON hotspots(key, run_id);
      CREATE INDEX hotspot_weeks_by_key ON hotspot_weeks(key, week);
    `,
  },
  {
    version: 3,
    name: 'evidence range per run (a weekly list is judged over a lookback window)',
    sql: `
      ALTER TABLE runs ADD COLUMN evidence_from TEXT;   -- the reports the list was judged on; NULL: the period
      ALTER TABLE runs ADD COLUMN evidence_to TEXT;
      ALTER TABLE hotspots ADD COLUMN caveats TEXT;     -- comma-separated: reporters-unknown, gone-quiet
    `,
  },
  {
    version: 4,
    name: 'dwellings known by street + number + suffix + city, and by postcode + number + suffix; the area of each hotspot',
    sql: `
      ALTER TABLE hotspot_keys ADD COLUMN postcode_hash TEXT;  -- dwellings: sha256 of postcode|number|suffix (the key of schema 1-3)
      ALTER TABLE hotspots ADD COLUMN area TEXT;               -- the area (--areas map, or as the source names it)
      ALTER TABLE hotspots ADD COLUMN area_code TEXT;
    `,
    up: carryDwellingKeys,
  },
  {
    version: 5,
    name: 'the hour-of-week profile of each hotspot, for the area pages',
    sql: `
      ALTER TABLE hotspots ADD COLUMN hours_json TEXT;  -- 168 aoristic weights, Monday 00:00 first; NULL before schema 5
    `,
  },
  {
    version: 6,
    name: 'assessments per hotspot key (an audit trail); weekly report counts per 25 m cell and theme',
    sql: `
      CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,                -- in the order recorded: the latest per key is the current status
        key TEXT NOT NULL,                     -- HS-0012
        status TEXT NOT NULL CHECK (status IN ('beoordeeld', 'aanpak', 'afgesloten', 'geen-hotspot')),
        since TEXT NOT NULL,                   -- yyyy-mm-dd (Europe/Amsterdam) the status holds from
        team TEXT,                             -- the gebiedsteam
        ref TEXT,                              -- an external case reference (ZAAK-123); no free text, by design
        recorded_at TEXT NOT NULL              -- ISO 8601, the clock of the command
      );
      CREATE INDEX assessments_by_key ON assessments(key, id);
      CREATE TABLE cell_weeks (
        cx INTEGER NOT NULL,                   -- floor(x / 25): 25 m cells in RD New
        cy INTEGER NOT NULL,
        week INTEGER NOT NULL,                 -- ISO weeks since 1970, as hotspot_weeks
        theme TEXT NOT NULL,
        source TEXT NOT NULL,                  -- the export's source (signalen, politie, ...): a run replaces only its own sources
        reports INTEGER NOT NULL,
        PRIMARY KEY (week, source, theme, cx, cy)
      ) WITHOUT ROWID;
      CREATE TABLE covered_weeks (
        week INTEGER NOT NULL,                 -- a week whose cell counts of this source are known
        source TEXT NOT NULL,
        run_id INTEGER NOT NULL,               -- the run that wrote them last
        complete INTEGER NOT NULL,             -- 1: that run held this source's reports over the whole week
        PRIMARY KEY (week, source)
      );
    `,
  },
  {
    version: 7,
    name: 'weekly cell counts as one packed row per week, source and theme (cell_counts) instead of a row per cell',
    sql: `
      CREATE TABLE cell_counts (
        week INTEGER NOT NULL,                 -- ISO weeks since 1970, as hotspot_weeks
        source TEXT NOT NULL,                  -- the export's source: a run replaces only its own sources
        theme TEXT NOT NULL,
        cells BLOB NOT NULL,                   -- per 25 m cell with reports: cx, cy, reports (int32 little-endian), by cx, cy
        PRIMARY KEY (week, source, theme)
      );
    `,
    up: packCellWeeks,
  },
];

/** Schema 6 kept a row per cell, week, theme and source: they move into cell_counts, and the table goes. */
function packCellWeeks(db: Db): void {
  const rows = db
    .prepare('SELECT cx, cy, week, theme, source, reports FROM cell_weeks ORDER BY week, source, theme, cx, cy')
    .all() as Array<{
    cx: number;
    cy: number;
    week: number;
    theme: string;
    source: string;
    reports: number;
  }>;
  const ints = (f: (r: (typeof rows)[number]) => number) => Int32Array.from(rows, f);
  const themes = [...new Set(rows.map((r) => r.theme))],
    sources = [...new Set(rows.map((r) => r.source))];
  const rowsOf = {
    cx: ints((r) => r.cx),
    cy: ints((r) => r.cy),
    week: ints((r) => r.week),
    reports: ints((r) => r.reports),
    theme: Uint8Array.from(rows, (r) => themes.indexOf(r.theme)),
    source: Uint8Array.from(rows, (r) => sources.indexOf(r.source)),
    names: { themes, sources },
  };
  insertCellCounts(db, rowsOf, () => true);
  db.exec('DROP TABLE cell_weeks');
}

/**
 * Until schema 3 a dwelling's key was the hash of postcode|number|suffix. That hash moves to
 * postcode_hash, and address_hash becomes the hash of the street form, read from the dwelling's
 * latest address label ("Scharnerweg 88B, 6224JA Maastricht"), so no known dwelling turns "new".
 */
function carryDwellingKeys(db: Db): void {
  const rows = db
    .prepare(`SELECT k.key, k.address_hash AS hash,
      (SELECT h.address FROM hotspots h WHERE h.key = k.key AND h.address IS NOT NULL ORDER BY h.run_id DESC LIMIT 1) AS address
    FROM hotspot_keys k WHERE k.kind = 'dwelling'`)
    .all() as Array<{ key: string; hash: string | null; address: string | null }>;
  const update = db.prepare('UPDATE hotspot_keys SET postcode_hash = ?, address_hash = ? WHERE key = ?');
  for (const r of rows) {
    const street = dwellingKeys(splitAddress(r.address ?? '')).street;
    update.run(r.hash, street ? dwellingHash(street) : null, r.key);
  }
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
