import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  HyperspecError,
  type Direction, type ParamValues, type ParamsFactory, type StartedTrial, type StudyInfo, type StudyStorage, type TrialRecord, type TrialState,
} from '@hyperspec/core';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema-sql.js';

export interface SqliteStorageOptions {
  /** Database file (already resolved to an absolute path by the descriptor). */
  path: string;
  /** Lease of a running trial, in seconds. */
  lease_seconds: number;
  /** How long a writer waits for another process's transaction before giving up, in milliseconds. */
  busy_timeout_ms: number;
}

interface StudyRow { id: number; name: string; direction: Direction; space_hash: string; meta: string }
interface TrialRow { number: number; state: TrialState; params: string; value: number | null; reason: string | null }
interface StepRow { number: number; step: number; value: number }

const toInfo = (r: StudyRow): StudyInfo => ({ id: String(r.id), name: r.name, direction: r.direction, spaceHash: r.space_hash, meta: JSON.parse(r.meta) });

function toTrial(r: TrialRow, steps: Record<number, number>): TrialRecord {
  const t: TrialRecord = { number: r.number, state: r.state, params: JSON.parse(r.params) as ParamValues, intermediate: steps };
  if (r.value !== null) t.value = r.value;
  if (r.reason !== null) t.reason = r.reason;
  return t;
}

/**
 * Studies in one SQLite file, shared by every process on the machine. WAL journal (readers never block
 * the writer), a busy timeout (a writer waits its turn), and every write in a `BEGIN IMMEDIATE`
 * transaction: the write lock is taken before the first read, so reading the trials, choosing a
 * number and inserting happen as one step however many processes start trials at once.
 * `synchronous = FULL` makes each commit durable before it returns, so a finished trial survives a
 * crash of the process or the machine.
 */
export class SqliteStorage implements StudyStorage {
  readonly leaseSeconds: number;
  private readonly db: Database.Database;
  private readonly sql;
  /** Finished trials by study id and number: they never change again, so they are read and parsed once. */
  private readonly finished = new Map<number, Map<number, TrialRecord>>();

  constructor(private readonly options: SqliteStorageOptions) {
    this.leaseSeconds = options.lease_seconds;
    try {
      mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path, { timeout: options.busy_timeout_ms });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.transaction(() => {
        const version = this.db.pragma('user_version', { simple: true }) as number;
        if (version > SCHEMA_VERSION) {
          throw new HyperspecError('storage', `sqlite storage: ${options.path} was written by a newer hyperspec (layout ${version}, this one reads ${SCHEMA_VERSION})`, { hint: 'upgrade hyperspec' });
        }
        this.db.exec(SCHEMA_SQL);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    } catch (e) {
      if (e instanceof HyperspecError) throw e;
      throw new HyperspecError('storage', `sqlite storage: cannot open ${options.path}: ${(e as Error).message}`, { cause: e, hint: 'check that the path is writable and is a SQLite database' });
    }
    const db = this.db;
    this.sql = {
      studyByName: db.prepare<[string], StudyRow>('SELECT id, name, direction, space_hash, meta FROM studies WHERE name = ?'),
      studyById: db.prepare<[number], StudyRow>('SELECT id, name, direction, space_hash, meta FROM studies WHERE id = ?'),
      allStudies: db.prepare<[], StudyRow>('SELECT id, name, direction, space_hash, meta FROM studies ORDER BY id'),
      insertStudy: db.prepare('INSERT INTO studies (name, direction, space_hash, meta, created_at) VALUES (?, ?, ?, ?, ?)'),
      setMeta: db.prepare('UPDATE studies SET meta = ? WHERE id = ?'),
      deleteStudy: db.prepare('DELETE FROM studies WHERE id = ?'),
      deleteTrials: db.prepare('DELETE FROM trials WHERE study_id = ?'),
      deleteSteps: db.prepare('DELETE FROM intermediate WHERE study_id = ?'),
      states: db.prepare<[number], { number: number; state: TrialState }>('SELECT number, state FROM trials WHERE study_id = ? ORDER BY number'),
      trial: db.prepare<[number, number], TrialRow>('SELECT number, state, params, value, reason FROM trials WHERE study_id = ? AND number = ?'),
      stepsOf: db.prepare<[number, number], StepRow>('SELECT number, step, value FROM intermediate WHERE study_id = ? AND number = ? ORDER BY step'),
      expired: db.prepare<[number, number], TrialRow>(
        "SELECT number, state, params, value, reason FROM trials WHERE study_id = ? AND state = 'running' AND lease_until < ? ORDER BY number LIMIT 1",
      ),
      nextNumber: db.prepare<[number], { next: number }>('SELECT COALESCE(MAX(number), -1) + 1 AS next FROM trials WHERE study_id = ?'),
      insertTrial: db.prepare("INSERT INTO trials (study_id, number, state, params, lease_until, lease_seconds, started_at) VALUES (?, ?, 'running', ?, ?, ?, ?)"),
      release: db.prepare('UPDATE trials SET lease_until = ?, lease_seconds = ? WHERE study_id = ? AND number = ?'),
      renew: db.prepare("UPDATE trials SET lease_until = ? + lease_seconds * 1000 WHERE study_id = ? AND number = ? AND state = 'running'"),
      putStep: db.prepare('INSERT OR REPLACE INTO intermediate (study_id, number, step, value) VALUES (?, ?, ?, ?)'),
      finish: db.prepare("UPDATE trials SET state = ?, value = ?, reason = ?, finished_at = ? WHERE study_id = ? AND number = ? AND state = 'running'"),
    };
  }

  /** A function run inside `BEGIN IMMEDIATE … COMMIT` (rolled back if it throws). */
  private write<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    const tx = this.db.transaction(fn);
    return (...args: A) => tx.immediate(...args);
  }

  private studyRow(studyId: string): StudyRow {
    const row = this.sql.studyById.get(Number(studyId));
    if (!row) throw new HyperspecError('storage', `sqlite storage: ${this.options.path} has no study with id ${studyId}`);
    return row;
  }

  private notRunning(studyId: string, number: number, action: string): never {
    const row = this.sql.trial.get(Number(studyId), number);
    const why = row ? `it is already ${row.state}` : 'the study has no such trial';
    throw new HyperspecError('storage', `sqlite storage: cannot ${action} trial ${number}: ${why}`);
  }

  /** Every trial of a study; finished ones come from the cache (frozen), the others are read afresh. */
  private readTrials(id: number): TrialRecord[] {
    let cache = this.finished.get(id);
    if (!cache) this.finished.set(id, (cache = new Map()));
    const out: TrialRecord[] = [];
    for (const { number } of this.sql.states.all(id)) {
      const hit = cache.get(number);
      if (hit) {
        out.push(hit);
        continue;
      }
      const steps: Record<number, number> = {};
      for (const s of this.sql.stepsOf.iterate(id, number)) steps[s.step] = s.value;
      const trial = toTrial(this.sql.trial.get(id, number)!, steps);
      if (trial.state !== 'running') {
        Object.freeze(trial.params);
        Object.freeze(trial.intermediate);
        cache.set(number, Object.freeze(trial));
      }
      out.push(trial);
    }
    return out;
  }

  async openStudy(name: string, init: Omit<StudyInfo, 'id' | 'name'>): Promise<StudyInfo> {
    return this.write(() => {
      const existing = this.sql.studyByName.get(name);
      if (existing) return toInfo(existing);
      const r = this.sql.insertStudy.run(name, init.direction, init.spaceHash, JSON.stringify(init.meta), Date.now());
      return toInfo(this.sql.studyById.get(Number(r.lastInsertRowid))!);
    })();
  }

  async studies(): Promise<StudyInfo[]> {
    return this.sql.allStudies.all().map(toInfo);
  }

  async deleteStudy(name: string): Promise<boolean> {
    return this.write(() => {
      const row = this.sql.studyByName.get(name);
      if (!row) return false;
      this.sql.deleteSteps.run(row.id);
      this.sql.deleteTrials.run(row.id);
      this.sql.deleteStudy.run(row.id);
      this.finished.delete(row.id);
      return true;
    })();
  }

  async updateMeta(studyId: string, patch: Record<string, unknown>): Promise<void> {
    this.write(() => {
      const row = this.studyRow(studyId);
      this.sql.setMeta.run(JSON.stringify({ ...JSON.parse(row.meta), ...patch }), row.id);
    })();
  }

  async startTrial(studyId: string, params: ParamsFactory, leaseSeconds: number): Promise<StartedTrial | null> {
    return this.write((): StartedTrial | null => {
      const id = Number(this.studyRow(studyId).id);
      const now = Date.now();
      const expired = this.sql.expired.get(id, now);
      if (expired) {
        this.sql.release.run(now + leaseSeconds * 1000, leaseSeconds, id, expired.number);
        const steps: Record<number, number> = {};
        for (const s of this.sql.stepsOf.iterate(id, expired.number)) steps[s.step] = s.value;
        return { ...toTrial(expired, steps), state: 'running', reclaimed: true };
      }
      const number = this.sql.nextNumber.get(id)!.next;
      const chosen = params(this.readTrials(id), number);
      if (chosen === null) return null;
      this.sql.insertTrial.run(id, number, JSON.stringify(chosen), now + leaseSeconds * 1000, leaseSeconds, now);
      return { number, state: 'running', params: { ...chosen }, intermediate: {}, reclaimed: false };
    })();
  }

  async report(studyId: string, trial: number, step: number, value: number): Promise<void> {
    this.write(() => {
      if (this.sql.renew.run(Date.now(), Number(studyId), trial).changes === 0) this.notRunning(studyId, trial, 'report to');
      this.sql.putStep.run(Number(studyId), trial, step, value);
    })();
  }

  async renewLease(studyId: string, trial: number): Promise<void> {
    this.write(() => {
      if (this.sql.renew.run(Date.now(), Number(studyId), trial).changes === 0) this.notRunning(studyId, trial, 'renew the lease of');
    })();
  }

  async finishTrial(studyId: string, trial: number, state: Exclude<TrialState, 'running'>, value?: number, reason?: string): Promise<void> {
    this.write(() => {
      const stored = value === undefined || Number.isNaN(value) ? null : value;
      if (this.sql.finish.run(state, stored, reason ?? null, Date.now(), Number(studyId), trial).changes === 0) this.notRunning(studyId, trial, 'finish');
    })();
  }

  async trials(studyId: string): Promise<TrialRecord[]> {
    // A read transaction, so the trials and their intermediate values come from one snapshot.
    return this.db.transaction(() => this.readTrials(Number(this.studyRow(studyId).id)))();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
