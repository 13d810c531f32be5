/** True for SQLite's "busy" answers (SQLITE_BUSY and its extended codes, e.g. SQLITE_BUSY_RECOVERY). */
export const isBusy = (e: unknown): boolean => String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

/** Blocks this thread for `ms` milliseconds (the storage's calls are synchronous, as better-sqlite3's are). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `fn`, again after a growing pause (1 ms doubling to 100 ms) while SQLite answers busy, for at most
 * `timeoutMs` in all. SQLite calls its busy handler (better-sqlite3's `timeout`) for most lock waits, but
 * answers some races busy at once, without waiting: several processes that open a new file together race to
 * switch it to WAL and to rebuild its WAL index, and a connection that would deadlock by waiting is told
 * busy immediately (https://www.sqlite.org/c3ref/busy_handler.html). Only statements that may simply be run
 * again belong here (a journal mode pragma, a whole transaction).
 */
export function waitWhileBusy<R>(timeoutMs: number, fn: () => R): R {
  const until = Date.now() + timeoutMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 100)) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() + pause > until) throw e;
      sleepSync(pause);
    }
  }
}
