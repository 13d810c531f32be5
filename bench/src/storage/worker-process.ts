import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '@hyperspec/storage-sqlite';
import { postgresStorage, runBenchStudy } from './storage-workload.js';

/**
 * One bench worker process (forked by workers.ts): opens the shared storage, says `ready`, and on `go`
 * runs the bench study until the shared budget is taken, then reports how many trials it ran. Opening
 * (process start, connecting, migrating) happens before `go`, so it is not timed.
 */
interface Job { kind: 'sqlite' | 'postgres'; location: string; trials: number }

process.once('message', (job: Job) => {
  void (async () => {
    const storage = job.kind === 'postgres' ? postgresStorage(job.location) : new SqliteStorage({ path: job.location, lease_seconds: 60, busy_timeout_ms: 60_000 });
    await storage.studies();
    const dir = mkdtempSync(join(tmpdir(), 'hs-bench-worker-'));
    process.send!({ type: 'ready' });
    process.once('message', () => {
      void runBenchStudy(storage, dir, job.kind, job.trials).then(async ({ ran }) => {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
        process.send!({ type: 'done', ran }, () => process.exit(0));
      });
    });
  })();
});
