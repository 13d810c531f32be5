/**
 * The tables of a study database, as numbered migrations. `hyperspec_schema` holds the number of the
 * last one applied; a hyperspec that finds a larger number than it knows refuses the database rather
 * than write rows a newer layout would misread. Migrations run in one transaction under an advisory
 * lock, so workers starting at the same moment apply each migration once.
 *
 * Names carry a `hyperspec_` prefix so the tables can live beside an application's own in one
 * database; many studies share them (rows are keyed by study). JSON (parameters, meta, metrics) is kept
 * as text, exactly as written: `jsonb` would reorder keys. Lease times are the server's `now()`, so
 * workers on machines whose clocks disagree still agree on which lease ran out.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: studies, trials (with the lease and the claim of the worker holding it), intermediate values.
  `
  CREATE TABLE hyperspec_studies (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    direction   text NOT NULL CHECK (direction IN ('minimize', 'maximize')),
    space_hash  text NOT NULL,
    meta        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE hyperspec_trials (
    study_id      bigint NOT NULL REFERENCES hyperspec_studies (id) ON DELETE CASCADE,
    number        integer NOT NULL,
    state         text NOT NULL CHECK (state IN ('running', 'complete', 'pruned', 'failed')),
    params        text NOT NULL,
    value         double precision,
    reason        text,
    attrs         text,
    claim         text,
    lease_until   timestamptz NOT NULL,
    lease_seconds double precision NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    PRIMARY KEY (study_id, number)
  );
  CREATE INDEX hyperspec_trials_running ON hyperspec_trials (study_id, lease_until) WHERE state = 'running';
  CREATE TABLE hyperspec_intermediate (
    study_id bigint NOT NULL,
    number   integer NOT NULL,
    step     integer NOT NULL,
    value    double precision NOT NULL,
    metrics  text,
    PRIMARY KEY (study_id, number, step),
    FOREIGN KEY (study_id, number) REFERENCES hyperspec_trials (study_id, number) ON DELETE CASCADE
  );
  `,
  // 2: every objective's value (a study with several objectives) and the constraint values of a finished
  // trial, in order. Arrays on the trial's row rather than a table beside it: the UPDATE that finishes
  // the trial writes them in the same statement, and a read gets them without another join. `double
  // precision` keeps an infinite constraint value (a limit a trial could not be measured against).
  `
  ALTER TABLE hyperspec_trials ADD COLUMN objective_values double precision[], ADD COLUMN constraint_values double precision[];
  `,
];

/** The layout this version of hyperspec writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Key of the advisory lock that serialises migrations (any constant; "hyperspec" in ASCII, truncated to 32 bits). */
export const MIGRATION_LOCK = 0x68797065;
