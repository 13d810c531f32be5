/**
 * Tables of a study database. `PRAGMA user_version` records the layout so a later version can migrate.
 * Times are milliseconds since the epoch from the writers' clock (all writers share one machine).
 *
 * Layout 2 (this one): layout 1 plus `trials.attrs` (host, folder, final metrics), `intermediate.metrics`
 * (every metric of the epoch) and `trial_values` (the objective values of a study with several
 * objectives, and constraint values). Some layout-1 files have `trial_values` already (a version before
 * layout 2 created it on open without a new number), some do not: the first write to either runs
 * `SCHEMA_SQL` (creating `trial_values` when missing) and `MIGRATE_1_TO_2` in one transaction. Until
 * then, and on a read-only connection, a layout-1 file is read as it is.
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
CREATE TABLE IF NOT EXISTS trial_values (
  study_id INTEGER NOT NULL,
  number   INTEGER NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('objective', 'constraint')),
  position INTEGER NOT NULL,
  value    REAL NOT NULL,
  PRIMARY KEY (study_id, number, kind, position)
);
`;

/** Layout 1 → 2 besides `trial_values` (created by `SCHEMA_SQL`): each epoch's metrics beside its intermediate value, and the trial's attrs. */
export const MIGRATE_1_TO_2 = `
ALTER TABLE trials ADD COLUMN attrs TEXT;
ALTER TABLE intermediate ADD COLUMN metrics TEXT;
`;
