import pg from 'pg';

export interface ServerFloor {
  /** Median time of `SELECT 1` from a connected client: one round trip. */
  roundTripMs: number;
  /** Median time of a one-row INSERT committed with the WAL flushed (`synchronous_commit = on`). */
  durableCommitMs: number;
  /** The same with `synchronous_commit = off`. */
  fastCommitMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** What any storage call on this server costs at least: a round trip, and a commit with and without the WAL flush. */
export async function serverFloor(url: string): Promise<ServerFloor> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS bench_floor (a integer)');
    const roundTripMs = await timeEach(300, () => client.query('SELECT 1'));
    const durableCommitMs = await timeEach(100, () => client.query('INSERT INTO bench_floor VALUES (1)'));
    await client.query('SET synchronous_commit = off');
    const fastCommitMs = await timeEach(100, () => client.query('INSERT INTO bench_floor VALUES (1)'));
    return { roundTripMs, durableCommitMs, fastCommitMs };
  } finally {
    await client.end();
  }
}
