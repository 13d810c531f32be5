/**
 * Tables of a study database. `PRAGMA user_version` records the layout so a later version can migrate.
 * Times are milliseconds since the epoch from the writers' clock (all writers share one machine).
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS studies (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL UNIQUE,
  direction   TEXT NOT NULL CHECK (direction IN ('minimize', 'maximize')),
  space_hash  TEXT NOT NULL,
  meta        TEXT NOT NULL,
  created_at  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS trials (
  study_id      INTEGER NOT NULL,
  number        INTEGER NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('running', 'complete', 'pruned', 'failed')),
  params        TEXT NOT NULL,
  value         REAL,
  reason        TEXT,
  attrs         TEXT,
  lease_until   REAL NOT NULL,
  lease_seconds REAL NOT NULL,
  started_at    REAL NOT NULL,
  finished_at   REAL,
  PRIMARY KEY (study_id, number)
);
CREATE INDEX IF NOT EXISTS trials_running ON trials (study_id, state, lease_until);
CREATE TABLE IF NOT EXISTS intermediate (
  study_id INTEGER NOT NULL,
  number   INTEGER NOT NULL,
  step     INTEGER NOT NULL,
  value    REAL NOT NULL,
  metrics  TEXT,
  PRIMARY KEY (study_id, number, step)
);
`;

/** Layout 1 → 2: each epoch's metrics beside its intermediate value, and the trial's attrs (host, folder, final metrics). */
export const MIGRATE_1_TO_2 = `
ALTER TABLE trials ADD COLUMN attrs TEXT;
ALTER TABLE intermediate ADD COLUMN metrics TEXT;
`;
