import pg from 'pg';
import { HyperspecError } from '@hyperspec/core';
import type { ConnectionTarget } from './connection-url.js';
import { describeDriverError, isTransient } from './connection-errors.js';

export interface PoolOptions {
  target: ConnectionTarget;
  /** Connections this process may hold (the runner's parallel loops and heartbeats share them). */
  poolSize: number;
  /** How long one attempt to connect may take, in milliseconds. */
  connectTimeoutMs: number;
  /** How long a call keeps retrying after the server went away (stopped, restarted, network lost), in seconds. */
  retrySeconds: number;
  /** Told before each wait, so the runner's log can say why it pauses. */
  onRetry?: (what: string, waitMs: number) => void;
}

/** Runs one statement on the transaction's connection and returns its rows. */
export type Query = <R extends object = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

/**
 * How a commit is pushed to disk. `durable` waits for the WAL flush (the default `synchronous_commit
 * = on`): the change survives a crash of the server or the machine when the call returns. `fast` commits
 * with `synchronous_commit = off`: it survives every crash of a client and is never half applied, but a
 * crash of the server itself may lose the last few hundred milliseconds of such commits. The storage
 * uses `fast` only for what concerns trials still running (see PostgresStorage).
 */
export type Durability = 'durable' | 'fast';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A value as an SQL literal for `scripts`: numbers (finite, checked), null, and strings quoted the
 * standard way (doubled quotes; `standard_conforming_strings` is on in every supported server).
 */
export function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new Error('NaN has no SQL literal here');
    return Number.isFinite(value) ? String(value) : `'${value > 0 ? 'Infinity' : '-Infinity'}'::float8`;
  }
  if (value.includes('\0')) throw new Error('a NUL character cannot be stored');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Numbers as an SQL `float8[]` literal for `scripts`; none (or an empty list) is NULL. */
export function arrayLiteral(values: readonly number[] | undefined): string {
  return values && values.length > 0 ? `ARRAY[${values.map(literal).join(', ')}]::float8[]` : 'NULL';
}

/** The same as a query parameter (pg sends a JS array as an array literal; Infinity as `Infinity`). */
export const arrayParam = (values: readonly number[] | undefined): number[] | null => (values && values.length > 0 ? [...values] : null);

/** First wait after a failure and the longest one; each wait doubles, with jitter so that workers do not return in lockstep. */
const BACKOFF_MS = [100, 5000] as const;

/**
 * A pool of connections to one server, and the retry policy of every call: a call whose connection
 * breaks, or that finds the server down or restarting, is repeated from the start (a new connection,
 * a new transaction) with exponential backoff until `retrySeconds` have passed. A failure that waiting
 * cannot fix (a wrong password, a missing permission, a bad statement) is reported at once.
 */
export class PostgresPool {
  private readonly pool: pg.Pool;
  private readonly prepared = new WeakSet<pg.PoolClient>();

  constructor(private readonly options: PoolOptions) {
    this.pool = new pg.Pool({
      connectionString: options.target.url,
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'hyperspec',
    });
    // A connection that breaks while idle (the server restarted, an administrator terminated it) is
    // dropped by the pool and the next call opens a new one: nothing to do here but not crash.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /**
   * A connection of the pool, its session set up once: commits default to `fast` (see Durability), a
   * durable transaction turns the flush back on. (The URL's own `options` stay in force: a startup
   * parameter of ours would replace them.)
   */
  private async checkout(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    if (!this.prepared.has(client)) {
      try {
        await client.query('SET synchronous_commit = off');
      } catch (e) {
        client.release(true);
        throw e;
      }
      this.prepared.add(client);
    }
    return client;
  }

  /**
   * Runs `fn` inside `BEGIN … COMMIT` on one connection, repeating the whole transaction after a
   * transient failure. `attempt` counts from 0: a transaction whose COMMIT may have reached the server
   * before the connection broke can look on attempt > 0 whether it did. `retrySeconds` replaces the
   * pool's retry window (opening the storage waits a shorter time: see PostgresStorage).
   */
  async transaction<R>(durability: Durability, fn: (query: Query, attempt: number) => Promise<R>, retrySeconds = this.options.retrySeconds): Promise<R> {
    return this.retrying(retrySeconds, async (attempt) => {
      const client = await this.checkout();
      let broken: unknown;
      try {
        await client.query(durability === 'durable' ? 'BEGIN; SET LOCAL synchronous_commit = on' : 'BEGIN');
        const query: Query = async (sql, params) => (await client.query(sql, params)).rows;
        const result = await fn(query, attempt);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        if (isTransient(e)) broken = e;
        else await client.query('ROLLBACK').catch((r: unknown) => (broken = r));
        throw e;
      } finally {
        client.release(broken === undefined ? undefined : true);
      }
    });
  }

  /**
   * Several statements sent as one message (the simple query protocol: one round trip, no parameters —
   * values are inlined with `literal`), returning each statement's rows. `fn` builds the script for
   * each attempt and may send more than one; a script that opens a transaction (`BEGIN; …`) and fails
   * is rolled back. Retried like a transaction; `attempt` as there.
   */
  async scripts<R>(fn: (script: (sql: string) => Promise<Record<string, unknown>[][]>, attempt: number) => Promise<R>): Promise<R> {
    return this.retrying(this.options.retrySeconds, async (attempt) => {
      const client = await this.checkout();
      let broken: unknown;
      try {
        return await fn(async (sql) => {
          const results = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
          return (Array.isArray(results) ? results : [results]).map((r) => r.rows as Record<string, unknown>[]);
        }, attempt);
      } catch (e) {
        if (isTransient(e)) broken = e;
        else await client.query('ROLLBACK').catch((r: unknown) => (broken = r));
        throw e;
      } finally {
        client.release(broken === undefined ? undefined : true);
      }
    });
  }

  /** One statement outside a transaction (its own implicit one, committed `fast`), retried like a transaction. */
  readonly query: Query = (sql, params) =>
    this.retrying(this.options.retrySeconds, async () => {
      const client = await this.checkout();
      let broken: unknown;
      try {
        return (await client.query(sql, params)).rows;
      } catch (e) {
        if (isTransient(e)) broken = e;
        throw e;
      } finally {
        client.release(broken === undefined ? undefined : true);
      }
    });

  /** Calls `attempt` until it succeeds, it fails for good, or `retrySeconds` of transient failures have passed. */
  private async retrying<R>(retrySeconds: number, attempt: (n: number) => Promise<R>): Promise<R> {
    const deadline = Date.now() + retrySeconds * 1000;
    for (let n = 0; ; n++) {
      try {
        return await attempt(n);
      } catch (e) {
        if (!isTransient(e)) throw this.wrap(e);
        const wait = Math.min(BACKOFF_MS[1], BACKOFF_MS[0] * 2 ** n) * (0.5 + Math.random() / 2);
        if (Date.now() + wait > deadline) {
          throw this.wrap(e, retrySeconds > 0 ? `could not reach the server for ${retrySeconds} s` : 'cannot connect');
        }
        this.options.onRetry?.(describeDriverError(e).text, wait);
        await sleep(wait);
      }
    }
  }

  /** A `storage` error naming the server (never the password) with the driver's message and a hint. */
  wrap(e: unknown, context?: string): HyperspecError {
    if (e instanceof HyperspecError) return e;
    const { text, hint } = describeDriverError(e);
    return new HyperspecError('storage', `${this.options.target.label}: ${context ? `${context}: ` : ''}${text}`, { hint });
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}
