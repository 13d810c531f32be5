import type Database from 'better-sqlite3';
import { HyperspecError, type Direction, type ParamValues, type StudyInfo, type TrialRecord, type TrialState } from '@hyperspec/core';
import { SCHEMA_VERSION } from './schema-sql.js';

export interface StudyRow { id: number; name: string; direction: Direction; space_hash: string; meta: string }
export interface TrialRow { number: number; state: TrialState; params: string; value: number | null; reason: string | null; attrs: string | null }
export interface StepRow { number: number; step: number; value: number; metrics: string | null }
export interface ValueRow { kind: 'objective' | 'constraint'; position: number; value: number }

/**
 * What the open file holds: its layout number and whether it has `trial_values` (layout 2 always; a
 * layout-1 file when a version before layout 2 created the table on open).
 */
export interface FileLayout { version: number; values: boolean }

/** JSON stored in a column, parsed; a value that is not JSON is a damaged database (a SyntaxError, see storageError). */
export const parseColumn = (text: string): unknown => JSON.parse(text);

export const toInfo = (r: StudyRow): StudyInfo => ({ id: String(r.id), name: r.name, direction: r.direction, spaceHash: r.space_hash, meta: parseColumn(r.meta) as Record<string, unknown> });

/** A trial from its row and its intermediate rows (with each epoch's metrics when they were reported). */
export function toTrial(r: TrialRow, steps: Iterable<StepRow>): TrialRecord {
  const t: TrialRecord = { number: r.number, state: r.state, params: parseColumn(r.params) as ParamValues, intermediate: {} };
  for (const s of steps) {
    t.intermediate[s.step] = s.value;
    if (s.metrics !== null) (t.metrics ??= {})[s.step] = parseColumn(s.metrics) as Record<string, number>;
  }
  if (r.value !== null) t.value = r.value;
  if (r.reason !== null) t.reason = r.reason;
  if (r.attrs !== null) t.attrs = parseColumn(r.attrs) as Record<string, unknown>;
  return t;
}

/**
 * Stands in for a write statement of layout 2 on a file not migrated yet (a reader's, or a writer's
 * before its first write migrates the file and prepares the statements again): running it is a bug.
 */
function notMigrated(path: string): { run(...args: unknown[]): never } {
  return {
    run: () => {
      throw new HyperspecError('internal', `sqlite storage: ${path} is still of an older layout; it is migrated by the first write`);
    },
  };
}

type Read<P extends unknown[], R> = Database.Statement<P, R>;
type Write = Database.Statement<unknown[], unknown>;
/** A write of layout 2, or its stand-in on a file not migrated yet. */
type LayoutWrite = Pick<Write, 'run'> | { run(...args: unknown[]): never };

export interface Statements {
  studyByName: Read<[string], StudyRow>;
  studyById: Read<[number], StudyRow>;
  allStudies: Read<[], StudyRow>;
  insertStudy: Write;
  setMeta: Write;
  deleteStudy: Write;
  deleteTrials: Write;
  deleteSteps: Write;
  valuesOf: { iterate(study: number, trial: number): Iterable<ValueRow> };
  statesFrom: Read<[number, number], { number: number; state: TrialState }>;
  trial: Read<[number, number], TrialRow>;
  stepsOf: Read<[number, number], StepRow>;
  expired: Read<[number, number], TrialRow>;
  nextNumber: Read<[number], { next: number }>;
  insertTrial: Write;
  release: Write;
  renew: Write;
  finish: Write;
  deleteValues: LayoutWrite;
  putValue: LayoutWrite;
  putStep: LayoutWrite;
  setAttrs: LayoutWrite;
  importTrial: LayoutWrite;
  /** One transaction function for every write (made once: `db.transaction` is not free). */
  transaction: Database.Transaction<(fn: () => unknown) => unknown>;
}

/**
 * The statements every method uses, for the file's layout. Reads of an older layout see no metrics and
 * no attrs (and no objective or constraint values without `trial_values`); writes need the current one.
 */
export function prepareStatements(db: Database.Database, path: string, layout: FileLayout): Statements {
  const current = layout.version === SCHEMA_VERSION;
  const attrs = current ? 'attrs' : 'NULL AS attrs';
  const metrics = current ? 'metrics' : 'NULL AS metrics';
  const stub = notMigrated(path);
  return {
    studyByName: db.prepare<[string], StudyRow>('SELECT id, name, direction, space_hash, meta FROM studies WHERE name = ?'),
    studyById: db.prepare<[number], StudyRow>('SELECT id, name, direction, space_hash, meta FROM studies WHERE id = ?'),
    allStudies: db.prepare<[], StudyRow>('SELECT id, name, direction, space_hash, meta FROM studies ORDER BY id'),
    insertStudy: db.prepare('INSERT INTO studies (name, direction, space_hash, meta, created_at) VALUES (?, ?, ?, ?, ?)'),
    setMeta: db.prepare('UPDATE studies SET meta = ? WHERE id = ?'),
    deleteStudy: db.prepare('DELETE FROM studies WHERE id = ?'),
    deleteTrials: db.prepare('DELETE FROM trials WHERE study_id = ?'),
    deleteSteps: db.prepare('DELETE FROM intermediate WHERE study_id = ?'),
    valuesOf: layout.values
      ? db.prepare<[number, number], ValueRow>('SELECT kind, position, value FROM trial_values WHERE study_id = ? AND number = ? ORDER BY kind, position')
      : { iterate: (): ValueRow[] => [] },
    statesFrom: db.prepare<[number, number], { number: number; state: TrialState }>('SELECT number, state FROM trials WHERE study_id = ? AND number >= ? ORDER BY number'),
    trial: db.prepare<[number, number], TrialRow>(`SELECT number, state, params, value, reason, ${attrs} FROM trials WHERE study_id = ? AND number = ?`),
    stepsOf: db.prepare<[number, number], StepRow>(`SELECT number, step, value, ${metrics} FROM intermediate WHERE study_id = ? AND number = ? ORDER BY step`),
    expired: db.prepare<[number, number], TrialRow>(
      `SELECT number, state, params, value, reason, ${attrs} FROM trials WHERE study_id = ? AND state = 'running' AND lease_until < ? ORDER BY number LIMIT 1`,
    ),
    nextNumber: db.prepare<[number], { next: number }>('SELECT COALESCE(MAX(number), -1) + 1 AS next FROM trials WHERE study_id = ?'),
    insertTrial: db.prepare("INSERT INTO trials (study_id, number, state, params, lease_until, lease_seconds, started_at) VALUES (?, ?, 'running', ?, ?, ?, ?)"),
    release: db.prepare('UPDATE trials SET lease_until = ?, lease_seconds = ? WHERE study_id = ? AND number = ?'),
    renew: db.prepare("UPDATE trials SET lease_until = ? + lease_seconds * 1000 WHERE study_id = ? AND number = ? AND state = 'running'"),
    finish: db.prepare("UPDATE trials SET state = ?, value = ?, reason = ?, finished_at = ? WHERE study_id = ? AND number = ? AND state = 'running'"),
    // Writes of layout-2 columns and tables, prepared only where they can run.
    ...(current
      ? {
        deleteValues: db.prepare('DELETE FROM trial_values WHERE study_id = ?'),
        putValue: db.prepare('INSERT OR REPLACE INTO trial_values (study_id, number, kind, position, value) VALUES (?, ?, ?, ?, ?)'),
        putStep: db.prepare('INSERT OR REPLACE INTO intermediate (study_id, number, step, value, metrics) VALUES (?, ?, ?, ?, ?)'),
        setAttrs: db.prepare("UPDATE trials SET attrs = ? WHERE study_id = ? AND number = ? AND state = 'running'"),
        importTrial: db.prepare(
          'INSERT INTO trials (study_id, number, state, params, value, reason, attrs, lease_until, lease_seconds, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)',
        ),
      }
      : { deleteValues: stub, putValue: stub, putStep: stub, setAttrs: stub, importTrial: stub }),
    transaction: db.transaction((fn: () => unknown) => fn()),
  };
}
