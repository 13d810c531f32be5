/**
 * Tables of a study database. `PRAGMA user_version` records the layout so a later version can migrate.
 * Times are milliseconds since the epoch from the writers' clock (all writers share one machine).
 * `trial_values` (the objective values of a study with several objectives, and constraint values) was
 * added without a new layout number: it is created on open when missing, and a reader that does not know
 * it still reads every trial's single `value`.
 */
export const SCHEMA_VERSION = 1;

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
