import { randomUUID } from 'node:crypto';
import {
  HyperspecError,
  type Direction, type ParamsFactory, type StartedTrial, type StudyInfo, type StudyStorage, type TrialRecord, type TrialResults, type TrialState,
} from '@hyperspec/core';
import type { ConnectionTarget } from './connection-url.js';
import { migrate } from './migrate.js';
import { arrayLiteral, arrayParam, literal, PostgresPool, type Query } from './postgres-pool.js';
import { TrialCache, type TrialRow } from './trial-cache.js';

export interface PostgresStorageOptions {
  target: ConnectionTarget;
  /** Lease of a running trial, in seconds. */
  lease_seconds: number;
  /** How long a call keeps retrying while the server is unreachable, in seconds. */
  retry_seconds: number;
  /** Connections this process may open. */
  pool_size: number;
  /** How long one attempt to connect may take, in seconds. */
  connect_timeout_seconds: number;
  /** Told when a call waits for the server (the runner's log). */
  onRetry?: (what: string, waitMs: number) => void;
}

interface StudyRow { id: string; name: string; direction: Direction; space_hash: string; meta: string }

const toInfo = (r: StudyRow): StudyInfo => ({ id: String(r.id), name: r.name, direction: r.direction, spaceHash: r.space_hash, meta: JSON.parse(r.meta) });

/** A trial row with its intermediate values, as one JSON array per trial (one round trip for a whole study). */
const TRIAL_COLUMNS = `t.number, t.state, t.params, t.value, t.reason, t.attrs, t.objective_values, t.constraint_values,
  (SELECT json_agg(json_build_array(i.step, i.value, i.metrics) ORDER BY i.step)
     FROM hyperspec_intermediate i WHERE i.study_id = t.study_id AND i.number = t.number) AS steps`;

/** A study id as an SQL literal (ids are bigserial numbers; anything else is refused, never inlined). */
function studyKey(studyId: string): string {
  if (!/^\d{1,18}$/.test(studyId)) throw new HyperspecError('storage', `postgres storage: no study with id ${JSON.stringify(studyId)}`);
  return studyId;
}

/** A start that may have committed before its connection broke: what it was about to return. */
interface PendingStart { claim: string; result?: StartedTrial }

/**
 * Studies in a PostgreSQL database, shared by search workers on any number of machines.
 *
 * Numbering. `startTrial` runs one transaction: it first reclaims the lowest expired running trial
 * with `FOR UPDATE SKIP LOCKED` (two workers never take the same one, and neither waits for the
 * other); else it locks the study's row, so every other start of that study waits, reads the trials
 * (the budget check in the factory sees all of them) and inserts number max + 1.
 *
 * Leases compare with the server's `now()`, never a worker's clock. Each start stores a fresh claim
 * (a random id): if the connection breaks while COMMIT is under way, the retry looks for its claim
 * and returns the trial it had already taken instead of taking a second one.
 *
 * What a crash can lose. Nothing a client crash can (every call is one transaction). Against a crash of
 * the server or its machine: finishing a trial, the meta, creating, importing and deleting studies
 * commit durably (WAL flushed before the call returns); starting a trial, intermediate reports, lease
 * renewals and attrs commit with `synchronous_commit = off` — never half applied, but the last few
 * hundred milliseconds of them may be lost with the server. They only concern running trials, which a
 * resumed study reclaims or starts afresh anyway (the same choice as the SQLite storage's).
 *
 * The server going away (restart, network) makes each call wait and retry with backoff for
 * `retry_seconds` (see PostgresPool).
 */
export class PostgresStorage implements StudyStorage {
  readonly leaseSeconds: number;
  readonly label: string;
  private readonly db: PostgresPool;
  private ready?: Promise<void>;
  /** Per study: finished trials already read (frozen, so read and parsed once). */
  private readonly caches = new Map<string, TrialCache>();

  constructor(private readonly options: PostgresStorageOptions) {
    this.leaseSeconds = options.lease_seconds;
    this.label = options.target.label;
    this.db = new PostgresPool({
      target: options.target,
      poolSize: options.pool_size,
      connectTimeoutMs: options.connect_timeout_seconds * 1000,
      retrySeconds: options.retry_seconds,
      onRetry: options.onRetry,
    });
  }

  /**
   * Connects and migrates once, on the first call. A server that is not there is waited for
   * `connect_timeout_seconds` at most (and no longer than `retry_seconds`): long enough to ride out a
   * restart, short enough that a wrong host or port is reported soon. Once the storage has worked, a
   * lost server is waited for `retry_seconds`.
   */
  private open(): Promise<void> {
    this.ready ??= migrate(this.db, this.label, Math.min(this.options.connect_timeout_seconds, this.options.retry_seconds)).catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  private cache(studyId: string): TrialCache {
    let c = this.caches.get(studyId);
    if (!c) this.caches.set(studyId, (c = new TrialCache()));
    return c;
  }

  /** Every trial of a study, reading only what the cache does not hold (see TrialCache). */
  private async readTrials(query: Query, studyId: string): Promise<TrialRecord[]> {
    const cache = this.cache(studyId);
    const rows = await query<TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM hyperspec_trials t WHERE t.study_id = $1 AND t.number >= $2 AND t.number <> ALL($3::int[]) ORDER BY t.number`,
      [studyId, cache.frontier, cache.aboveNumbers()],
    );
    return cache.merge(rows);
  }

  private async notRunning(query: Query, studyId: string, number: number, action: string): Promise<never> {
    const [row] = await query<{ state: TrialState }>('SELECT state FROM hyperspec_trials WHERE study_id = $1 AND number = $2', [studyId, number]);
    throw new HyperspecError('storage', `${this.label}: cannot ${action} trial ${number}: ${row ? `it is already ${row.state}` : 'the study has no such trial'}`);
  }

  async openStudy(name: string, init: Omit<StudyInfo, 'id' | 'name'>): Promise<StudyInfo> {
    await this.open();
    return this.db.transaction('durable', async (query) => {
      await query('INSERT INTO hyperspec_studies (name, direction, space_hash, meta) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING', [name, init.direction, init.spaceHash, JSON.stringify(init.meta)]);
      const [row] = await query<StudyRow>('SELECT id, name, direction, space_hash, meta FROM hyperspec_studies WHERE name = $1', [name]);
      return toInfo(row);
    });
  }

  async studies(): Promise<StudyInfo[]> {
    await this.open();
    return (await this.db.query<StudyRow>('SELECT id, name, direction, space_hash, meta FROM hyperspec_studies ORDER BY id')).map(toInfo);
  }

  async deleteStudy(name: string): Promise<boolean> {
    await this.open();
    const rows = await this.db.query<{ id: string }>('DELETE FROM hyperspec_studies WHERE name = $1 RETURNING id', [name]);
    for (const r of rows) this.caches.delete(String(r.id));
    return rows.length > 0;
  }

  async updateMeta(studyId: string, patch: Record<string, unknown>): Promise<void> {
    await this.open();
    await this.db.transaction('durable', async (query) => {
      const [row] = await query<{ meta: string }>('SELECT meta FROM hyperspec_studies WHERE id = $1 FOR UPDATE', [studyId]);
      if (!row) throw new HyperspecError('storage', `${this.label}: no study with id ${studyId}`);
      await query('UPDATE hyperspec_studies SET meta = $2 WHERE id = $1', [studyId, JSON.stringify({ ...JSON.parse(row.meta), ...patch })]);
    });
  }

  async startTrial(studyId: string, params: ParamsFactory, leaseSeconds: number): Promise<StartedTrial | null> {
    await this.open();
    const pending: PendingStart = { claim: randomUUID() };
    const id = studyKey(studyId);
    const lease = literal(leaseSeconds);
    // Two round trips: the same loaded machine that runs the trials pays for every one of them.
    return this.db.scripts(async (script, attempt) => {
      if (attempt > 0 && pending.result) {
        // The previous attempt broke after choosing; if its COMMIT got through, that trial is ours.
        const [mine] = await script(`SELECT 1 FROM hyperspec_trials WHERE study_id = ${id} AND claim = ${literal(pending.claim)}`);
        if (mine.length > 0) return pending.result;
      }
      pending.result = undefined;
      const cache = this.cache(studyId);
      // 1. Reclaim the lowest expired trial nobody else is taking; else lock the study (every other
      // start of it waits here) and read its trials. In READ COMMITTED each statement reads a fresh
      // snapshot, so the read after the lock sees every trial committed before the lock was granted.
      const [, reclaimed, locked, rows] = await script(
        `BEGIN;
         UPDATE hyperspec_trials t SET lease_until = now() + make_interval(secs => ${lease}), lease_seconds = ${lease}, claim = ${literal(pending.claim)}
           FROM (SELECT number FROM hyperspec_trials WHERE study_id = ${id} AND state = 'running' AND lease_until < now()
                 ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED) e
          WHERE t.study_id = ${id} AND t.number = e.number
          RETURNING ${TRIAL_COLUMNS};
         SELECT id FROM hyperspec_studies WHERE id = ${id} FOR UPDATE;
         SELECT ${TRIAL_COLUMNS} FROM hyperspec_trials t
          WHERE t.study_id = ${id} AND t.number >= ${cache.frontier} AND t.number <> ALL('{${cache.aboveNumbers().join(',')}}'::int[]) ORDER BY t.number`,
      );
      if (reclaimed.length > 0) {
        await script('COMMIT');
        pending.result = { ...TrialCache.toTrial(reclaimed[0] as unknown as TrialRow), state: 'running', reclaimed: true };
        return pending.result;
      }
      if (locked.length === 0) {
        await script('ROLLBACK');
        throw new HyperspecError('storage', `${this.label}: no study with id ${studyId}`);
      }
      // 2. Choose, insert, commit.
      const trials = cache.merge(rows as unknown as TrialRow[]);
      const number = trials.length === 0 ? 0 : trials[trials.length - 1].number + 1;
      const chosen = params(trials, number);
      if (chosen === null) {
        await script('ROLLBACK');
        return null;
      }
      await script(
        `INSERT INTO hyperspec_trials (study_id, number, state, params, claim, lease_until, lease_seconds)
         VALUES (${id}, ${number}, 'running', ${literal(JSON.stringify(chosen))}, ${literal(pending.claim)}, now() + make_interval(secs => ${lease}), ${lease});
         COMMIT`,
      );
      pending.result = { number, state: 'running', params: { ...chosen }, intermediate: {}, reclaimed: false };
      return pending.result;
    });
  }

  async report(studyId: string, trial: number, step: number, value: number, metrics?: Record<string, number>): Promise<void> {
    await this.open();
    // One statement: the lease renewal and the step are written together or not at all.
    const [row] = await this.db.query(
        `WITH renewed AS (
           UPDATE hyperspec_trials SET lease_until = now() + make_interval(secs => lease_seconds)
            WHERE study_id = $1 AND number = $2 AND state = 'running' RETURNING study_id, number)
         INSERT INTO hyperspec_intermediate (study_id, number, step, value, metrics)
         SELECT study_id, number, $3, $4, $5 FROM renewed
         ON CONFLICT (study_id, number, step) DO UPDATE SET value = EXCLUDED.value, metrics = EXCLUDED.metrics
         RETURNING 1`,
        [studyId, trial, step, value, metrics ? JSON.stringify(metrics) : null],
    );
    if (!row) await this.notRunning(this.db.query, studyId, trial, 'report to');
  }

  async setTrialAttrs(studyId: string, trial: number, attrs: Record<string, unknown>): Promise<void> {
    await this.open();
    // Merged by the server (jsonb: top-level keys replace), in one statement.
    const rows = await this.db.query(
      `UPDATE hyperspec_trials SET attrs = (COALESCE(attrs, '{}')::jsonb || $3::jsonb)::text
        WHERE study_id = $1 AND number = $2 AND state = 'running' RETURNING 1`,
      [studyId, trial, JSON.stringify(attrs)],
    );
    if (rows.length === 0) await this.notRunning(this.db.query, studyId, trial, 'set attributes of');
  }

  async renewLease(studyId: string, trial: number): Promise<void> {
    await this.open();
    const rows = await this.db.query(
      "UPDATE hyperspec_trials SET lease_until = now() + make_interval(secs => lease_seconds) WHERE study_id = $1 AND number = $2 AND state = 'running' RETURNING 1",
      [studyId, trial],
    );
    if (rows.length === 0) await this.notRunning(this.db.query, studyId, trial, 'renew the lease of');
  }

  async finishTrial(studyId: string, trial: number, state: Exclude<TrialState, 'running'>, value?: number, reason?: string, results?: TrialResults): Promise<void> {
    await this.open();
    const stored = value === undefined || Number.isNaN(value) ? null : value;
    const id = studyKey(studyId);
    // One round trip, committed durably: the result (maybe hours of training) is on disk when this returns.
    await this.db.scripts(async (script, attempt) => {
      const [, , done] = await script(
        `BEGIN; SET LOCAL synchronous_commit = on;
         UPDATE hyperspec_trials SET state = ${literal(state)}, value = ${literal(stored)}, reason = ${literal(reason ?? null)}, finished_at = now(),
                objective_values = ${arrayLiteral(results?.values)}, constraint_values = ${arrayLiteral(results?.constraints)}
          WHERE study_id = ${id} AND number = ${literal(trial)} AND state = 'running' RETURNING 1;
         COMMIT`,
      );
      if (done.length > 0) return;
      const [row] = await this.db.query<{ state: string; value: number | null; reason: string | null }>('SELECT state, value, reason FROM hyperspec_trials WHERE study_id = $1 AND number = $2', [studyId, trial]);
      // The previous attempt's COMMIT may have got through before the connection broke.
      if (attempt > 0 && row && row.state === state && row.value === stored && row.reason === (reason ?? null)) return;
      throw new HyperspecError('storage', `${this.label}: cannot finish trial ${trial}: ${row ? `it is already ${row.state}` : 'the study has no such trial'}`);
    });
  }

  async trials(studyId: string): Promise<TrialRecord[]> {
    await this.open();
    // One statement, so the trials and their intermediate values come from one snapshot.
    return this.readTrials(this.db.query, studyId);
  }

  async importStudy(study: Omit<StudyInfo, 'id'>, trials: readonly TrialRecord[]): Promise<StudyInfo> {
    await this.open();
    return this.db.transaction('durable', async (query) => {
      const [row] = await query<StudyRow>(
        'INSERT INTO hyperspec_studies (name, direction, space_hash, meta) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id, name, direction, space_hash, meta',
        [study.name, study.direction, study.spaceHash, JSON.stringify(study.meta)],
      );
      if (!row) throw new HyperspecError('storage', `${this.label}: a study named "${study.name}" exists already`, { hint: 'copy into another database, or delete that study first' });
      for (const t of trials) {
        // A running trial's worker is elsewhere: its lease is expired, so the next start reclaims it.
        await query(
          `INSERT INTO hyperspec_trials (study_id, number, state, params, value, reason, attrs, objective_values, constraint_values, lease_until, lease_seconds, finished_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::float8[], $9::float8[], now() - interval '1 second', $10, CASE WHEN $3 = 'running' THEN NULL ELSE now() END)`,
          [
            row.id, t.number, t.state, JSON.stringify(t.params), t.value ?? null, t.reason ?? null, t.attrs ? JSON.stringify(t.attrs) : null,
            arrayParam(t.values), arrayParam(t.constraints), this.leaseSeconds,
          ],
        );
        for (const [step, value] of Object.entries(t.intermediate)) {
          const metrics = t.metrics?.[Number(step)];
          await query('INSERT INTO hyperspec_intermediate (study_id, number, step, value, metrics) VALUES ($1, $2, $3, $4, $5)', [row.id, t.number, Number(step), value, metrics ? JSON.stringify(metrics) : null]);
        }
      }
      return toInfo(row);
    });
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}
