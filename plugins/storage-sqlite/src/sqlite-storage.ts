import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { HyperspecError, type ParamsFactory, type StartedTrial, type StudyInfo, type StudyStorage, type TrialRecord, type TrialResults, type TrialState } from '@hyperspec/core';
import { makeDirectory } from '@hyperspec/core/run';
import { MIGRATE_1_TO_2, SCHEMA_SQL, SCHEMA_VERSION } from './schema-sql.js';
import { waitWhileBusy } from './wait-while-busy.js';
import { parseColumn, prepareStatements, toInfo, toTrial, type FileLayout, type Statements, type StudyRow } from './sqlite-statements.js';

export interface SqliteStorageOptions {
  /** Database file (already resolved to an absolute path by the descriptor). */
  path: string;
  /** Lease of a running trial, in seconds. */
  lease_seconds: number;
  /** How long a writer waits for another process's transaction before giving up, in milliseconds. */
  busy_timeout_ms: number;
  /** Open an existing database for reading only (reports, the dashboard, `hyperspec study`): no schema set-up, every write refused. */
  read_only?: boolean;
}

/**
 * What a connection has read of one study. `prefix` holds trials 0 … frontier - 1, all finished (so
 * frozen); numbers only grow (a new trial gets max + 1), so no trial below the frontier can appear or
 * change later, and a read only needs the rows from the frontier on. `above` holds finished trials past
 * the frontier (a trial that finished while an older one still runs).
 */
interface TrialCache { prefix: TrialRecord[]; above: Map<number, TrialRecord> }

const DAMAGED_HINT = 'restore the database from a backup, or start a new study with --new-study (the old study directory is kept, renamed)';

/** An error of SQLite or better-sqlite3 as a storage error that names the file and what to do. */
function storageError(path: string, e: unknown, action: string): HyperspecError {
  const code = String((e as { code?: unknown }).code ?? '');
  const damaged = /^SQLITE_(CORRUPT|NOTADB)/.test(code) || e instanceof SyntaxError;
  const message = damaged ? `sqlite storage: ${path} is damaged or not a study database (${(e as Error).message})` : `sqlite storage: ${action} ${path}: ${(e as Error).message}`;
  const hint = damaged ? DAMAGED_HINT : code.startsWith('SQLITE_BUSY') ? 'another process holds the database too long; raise busy_timeout_ms' : 'check that the path is writable and is a SQLite database';
  return new HyperspecError('storage', message, { cause: e, hint });
}

/** The tables a study database has in every layout (see schema-sql.ts). */
const STUDY_TABLES = ['studies', 'trials', 'intermediate'];

/**
 * How hard a commit is pushed to the disk. Both levels survive a crash of the process (SIGKILL, an
 * exception, Ctrl-C): in WAL mode a commit has reached the operating system (the WAL file) before it
 * returns, and the next connection reads it from there. They differ only on power loss or an OS crash:
 * - `full` (`synchronous = FULL`) syncs the WAL file before the commit returns. One fsync of the file
 *   covers every frame in it, so it also makes every earlier `normal` commit of any connection durable.
 * - `normal` (`synchronous = NORMAL`) leaves the sync to the next `full` commit or checkpoint; a power
 *   loss may roll back the `normal` commits made since then (the database stays consistent).
 */
type Durability = 'full' | 'normal';

/**
 * Studies in one SQLite file, shared by every process on the machine. WAL journal (readers never block
 * the writer), a busy timeout (a writer waits its turn), and every write in a `BEGIN IMMEDIATE`
 * transaction: the write lock is taken before the first read, so reading the trials, choosing a
 * number and inserting happen as one step however many processes start trials at once.
 *
 * What a crash can lose. A crash of the process loses nothing that was committed (see `Durability`).
 * On power loss or an OS crash: finishing a trial, the study's meta, creating and deleting studies are
 * `full` commits, so they are on disk when the call returns, together with everything committed
 * before them. Starting (or reclaiming) a trial, intermediate reports and lease renewals are `normal`
 * commits: the ones made after the last `full` commit of any process may be rolled back. Those only
 * concern trials still running when the machine went down, which would have been reclaimed anyway:
 * a lost report is reported again by the resumed trial, a lost allocation gives its number to a new
 * trial on resume (the runner then starts that trial's directory afresh). A finished trial is never
 * lost. (Measured on `bench/src/storage`: one fsync per trial instead of five, see docs/benchmarks.md.)
 */
export class SqliteStorage implements StudyStorage {
  readonly leaseSeconds: number;
  private readonly db: Database.Database;
  private statements?: Statements;
  /** The file's tables: undefined until they exist (the first write makes them on a new file). */
  private layout?: FileLayout;
  /** Whether the tables are of the current layout (the first write makes or migrates them). */
  private initialized = false;
  /** Per study: finished trials already read (they never change again, so they are read and parsed once). */
  private readonly cache = new Map<number, TrialCache>();
  /** The connection's current `synchronous` level, switched before a write that needs the other one. */
  private sync: Durability = 'full';

  constructor(private readonly options: SqliteStorageOptions) {
    this.leaseSeconds = options.lease_seconds;
    try {
      if (options.read_only) {
        // A reader of a WAL database never blocks the writer and needs no lock to open it. Damage shows
        // when it is read (see guard); a writer checks the whole file first.
        this.db = new Database(options.path, { readonly: true, fileMustExist: true, timeout: options.busy_timeout_ms });
      } else {
        makeDirectory(dirname(options.path));
        this.db = new Database(options.path, { timeout: options.busy_timeout_ms });
        // A damaged file is found here, before anything is written to it (the database is small: trials).
        const check = String(this.db.pragma('quick_check', { simple: true }));
        if (check !== 'ok') throw new HyperspecError('storage', `sqlite storage: ${options.path} is damaged or not a study database (integrity check: ${check.split('\n').slice(0, 2).join('; ')})`, { hint: DAMAGED_HINT });
        this.db.pragma('synchronous = FULL');
        this.sync = 'full';
      }
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new HyperspecError('storage', `sqlite storage: ${options.path} was written by a newer hyperspec (layout ${version}, this one reads ${SCHEMA_VERSION})`, { hint: 'upgrade hyperspec' });
      }
      const tables = new Set(this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
      // Tables are made, and an older layout migrated, by the first write, not on open: a run that is
      // refused (a changed spec, a lost study) leaves an existing file exactly as it was, even an empty
      // one. Until then reads follow the file's own layout.
      if (STUDY_TABLES.every((t) => tables.has(t))) this.layout = { version, values: tables.has('trial_values') };
      this.initialized = this.layout?.version === SCHEMA_VERSION && this.layout.values;
      if (this.initialized && !options.read_only) waitWhileBusy(options.busy_timeout_ms, () => this.db.pragma('journal_mode = WAL'));
    } catch (e) {
      if (e instanceof HyperspecError) throw e;
      throw storageError(options.path, e, 'cannot open');
    }
  }

  /**
   * Makes the tables of the current layout, or migrates an older one in place (WAL journal, schema,
   * migration, layout number), in one transaction. The layout is read again inside it: another process
   * may have migrated the file since this one opened it.
   */
  private createTables(): void {
    this.db.pragma('journal_mode = WAL');
    this.db.transaction(() => {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new HyperspecError('storage', `sqlite storage: ${this.options.path} was written by a newer hyperspec (layout ${version}, this one reads ${SCHEMA_VERSION})`, { hint: 'upgrade hyperspec' });
      }
      // SCHEMA_SQL creates what is missing (every table of a new file; trial_values of a layout-1 file without it).
      this.db.exec(SCHEMA_SQL);
      if (version === 1) this.db.exec(MIGRATE_1_TO_2);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
    this.layout = { version: SCHEMA_VERSION, values: true };
    this.statements = undefined;
    this.initialized = true;
  }

  /** The prepared statements for the file's layout (made on first use: they need the tables). */
  private get sql(): Statements {
    return (this.statements ??= prepareStatements(this.db, this.options.path, this.layout ?? { version: SCHEMA_VERSION, values: true }));
  }

  /** Runs `fn` inside `BEGIN IMMEDIATE … COMMIT` (rolled back if it throws), committed with `durability`. */
  private write<R>(durability: Durability, fn: () => R): R {
    if (this.options.read_only) throw new HyperspecError('storage', `sqlite storage: ${this.options.path} was opened read-only`);
    // The level is read at commit time; setting it outside a transaction costs no I/O. (Not a prepared
    // statement: SQLite applies `PRAGMA synchronous` when it compiles the statement, not when it runs.)
    if (this.sync !== durability) {
      this.db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
      this.sync = durability;
    }
    return this.guard(() => {
      // Several processes may start on a new file at once (search --workers): see waitWhileBusy.
      if (!this.initialized) waitWhileBusy(this.options.busy_timeout_ms, () => this.createTables());
      return this.sql.transaction.immediate(fn) as R;
    });
  }

  /** SQLite's own errors (a damaged file, a full disk, a lock held too long) as storage errors naming the file. */
  private guard<R>(fn: () => R): R {
    try {
      return fn();
    } catch (e) {
      if (e instanceof HyperspecError) throw e;
      throw storageError(this.options.path, e, 'cannot use');
    }
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

  /**
   * Every trial of a study, in number order. Trials below the cache's frontier come from the cache;
   * the rows from the frontier on are listed afresh (finished ones among them also from the cache), so
   * a read costs the trials since the oldest one still running, not the whole study. Trials other
   * connections started or finished are seen: they are all at or past the frontier.
   */
  private readTrials(id: number): TrialRecord[] {
    let cache = this.cache.get(id);
    if (!cache) this.cache.set(id, (cache = { prefix: [], above: new Map() }));
    const frontier = cache.prefix.length === 0 ? 0 : cache.prefix[cache.prefix.length - 1].number + 1;
    const rest: TrialRecord[] = [];
    for (const { number } of this.sql.statesFrom.all(id, frontier)) {
      const hit = cache.above.get(number);
      if (hit) {
        rest.push(hit);
        continue;
      }
      const trial = toTrial(this.sql.trial.get(id, number)!, this.sql.stepsOf.iterate(id, number));
      if (trial.state !== 'running') {
        this.addResults(id, trial);
        Object.freeze(trial.params);
        Object.freeze(trial.intermediate);
        cache.above.set(number, Object.freeze(trial));
      }
      rest.push(trial);
    }
    // Move the finished run at the start of `rest` below the frontier.
    let moved = 0;
    while (moved < rest.length && rest[moved].state !== 'running') {
      cache.prefix.push(rest[moved]);
      cache.above.delete(rest[moved].number);
      moved++;
    }
    return moved === rest.length ? cache.prefix.slice() : [...cache.prefix.slice(0, cache.prefix.length - moved), ...rest];
  }

  /** The objective and constraint values of a finished trial, from `trial_values`. */
  private addResults(id: number, trial: TrialRecord): void {
    for (const r of this.sql.valuesOf.iterate(id, trial.number)) {
      const list = r.kind === 'objective' ? (trial.values ??= []) : (trial.constraints ??= []);
      list[r.position] = r.value;
    }
  }

  async openStudy(name: string, init: Omit<StudyInfo, 'id' | 'name'>): Promise<StudyInfo> {
    return this.write('full', () => {
      const existing = this.sql.studyByName.get(name);
      if (existing) return toInfo(existing);
      const r = this.sql.insertStudy.run(name, init.direction, init.spaceHash, JSON.stringify(init.meta), Date.now());
      return toInfo(this.sql.studyById.get(Number(r.lastInsertRowid))!);
    });
  }

  async studies(): Promise<StudyInfo[]> {
    return this.layout ? this.guard(() => this.sql.allStudies.all().map(toInfo)) : [];
  }

  async deleteStudy(name: string): Promise<boolean> {
    return this.write('full', () => {
      const row = this.sql.studyByName.get(name);
      if (!row) return false;
      this.sql.deleteSteps.run(row.id);
      this.sql.deleteValues.run(row.id);
      this.sql.deleteTrials.run(row.id);
      this.sql.deleteStudy.run(row.id);
      this.cache.delete(row.id);
      return true;
    });
  }

  async updateMeta(studyId: string, patch: Record<string, unknown>): Promise<void> {
    this.write('full', () => {
      const row = this.studyRow(studyId);
      this.sql.setMeta.run(JSON.stringify({ ...(parseColumn(row.meta) as Record<string, unknown>), ...patch }), row.id);
    });
  }

  async startTrial(studyId: string, params: ParamsFactory, leaseSeconds: number): Promise<StartedTrial | null> {
    // `normal`: see the class comment (a lost allocation only concerns a trial that was still running).
    return this.write('normal', (): StartedTrial | null => {
      const id = Number(this.studyRow(studyId).id);
      const now = Date.now();
      const expired = this.sql.expired.get(id, now);
      if (expired) {
        this.sql.release.run(now + leaseSeconds * 1000, leaseSeconds, id, expired.number);
        return { ...toTrial(expired, this.sql.stepsOf.iterate(id, expired.number)), state: 'running', reclaimed: true };
      }
      const number = this.sql.nextNumber.get(id)!.next;
      const chosen = params(this.readTrials(id), number);
      if (chosen === null) return null;
      this.sql.insertTrial.run(id, number, JSON.stringify(chosen), now + leaseSeconds * 1000, leaseSeconds, now);
      return { number, state: 'running', params: { ...chosen }, intermediate: {}, reclaimed: false };
    });
  }

  async report(studyId: string, trial: number, step: number, value: number, metrics?: Record<string, number>): Promise<void> {
    this.write('normal', () => {
      if (this.sql.renew.run(Date.now(), Number(studyId), trial).changes === 0) this.notRunning(studyId, trial, 'report to');
      this.sql.putStep.run(Number(studyId), trial, step, value, metrics ? JSON.stringify(metrics) : null);
    });
  }

  async setTrialAttrs(studyId: string, trial: number, attrs: Record<string, unknown>): Promise<void> {
    this.write('normal', () => {
      const row = this.sql.trial.get(Number(studyId), trial);
      if (!row || row.state !== 'running') this.notRunning(studyId, trial, 'set attributes of');
      this.sql.setAttrs.run(JSON.stringify({ ...(row.attrs ? (parseColumn(row.attrs) as Record<string, unknown>) : {}), ...attrs }), Number(studyId), trial);
    });
  }

  async importStudy(study: Omit<StudyInfo, 'id'>, trials: readonly TrialRecord[]): Promise<StudyInfo> {
    return this.write('full', () => {
      if (this.sql.studyByName.get(study.name)) throw new HyperspecError('storage', `sqlite storage: ${this.options.path} has a study named "${study.name}" already`, { hint: 'copy into another file, or delete that study first' });
      const now = Date.now();
      const id = Number(this.sql.insertStudy.run(study.name, study.direction, study.spaceHash, JSON.stringify(study.meta), now).lastInsertRowid);
      for (const t of trials) {
        // lease_until 0: a running trial's worker is elsewhere, so the next start reclaims it.
        this.sql.importTrial.run(id, t.number, t.state, JSON.stringify(t.params), t.value ?? null, t.reason ?? null, t.attrs ? JSON.stringify(t.attrs) : null, this.leaseSeconds, now, t.state === 'running' ? null : now);
        this.putResults(id, t.number, t);
        for (const [step, value] of Object.entries(t.intermediate)) {
          const metrics = t.metrics?.[Number(step)];
          this.sql.putStep.run(id, t.number, Number(step), value, metrics ? JSON.stringify(metrics) : null);
        }
      }
      return toInfo(this.sql.studyById.get(id)!);
    });
  }

  async renewLease(studyId: string, trial: number): Promise<void> {
    this.write('normal', () => {
      if (this.sql.renew.run(Date.now(), Number(studyId), trial).changes === 0) this.notRunning(studyId, trial, 'renew the lease of');
    });
  }

  async finishTrial(studyId: string, trial: number, state: Exclude<TrialState, 'running'>, value?: number, reason?: string, results?: TrialResults): Promise<void> {
    // `full`: the trial's result (maybe hours of training) is on disk when this returns, and so is
    // every `normal` commit before it.
    this.write('full', () => {
      const stored = value === undefined || Number.isNaN(value) ? null : value;
      if (this.sql.finish.run(state, stored, reason ?? null, Date.now(), Number(studyId), trial).changes === 0) this.notRunning(studyId, trial, 'finish');
      if (results) this.putResults(Number(studyId), trial, results);
    });
  }

  /** Writes a trial's objective and constraint values to `trial_values` (inside the caller's transaction). */
  private putResults(id: number, trial: number, results: TrialResults): void {
    results.values?.forEach((v, i) => this.sql.putValue.run(id, trial, 'objective', i, v));
    results.constraints?.forEach((v, i) => this.sql.putValue.run(id, trial, 'constraint', i, v));
  }

  async trials(studyId: string): Promise<TrialRecord[]> {
    // A read transaction, so the trials and their intermediate values come from one snapshot.
    return this.guard(() => this.sql.transaction.deferred(() => this.readTrials(Number(this.studyRow(studyId).id))) as TrialRecord[]);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
