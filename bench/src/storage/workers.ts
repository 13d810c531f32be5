import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from '@hyperspec/storage-memory';
import { runBenchStudy, type StorageKind } from './storage-workload.js';

export interface WorkersRun {
  kind: StorageKind;
  workers: number;
  trials: number;
  seconds: number;
  /** Trials each worker ran (their sum is `trials`). */
  ran: number[];
}

/**
 * `trials` trivial trials of one study taken by `workers` worker processes at once (forked, each its own
 * storage connection); timed from the moment all are connected until the last is done. Memory cannot be
 * shared by processes: its row runs `workers` loops in one process instead (the runner's `parallel`).
 * `location` is the SQLite directory or the PostgreSQL URL of an empty database.
 */
export async function runWorkers(kind: StorageKind, workers: number, trials: number, location: string): Promise<WorkersRun> {
  if (kind === 'memory') {
    const dir = mkdtempSync(join(tmpdir(), 'hs-bench-mem-'));
    const started = performance.now();
    const { ran } = await runBenchStudy(new MemoryStorage({ lease_seconds: 60 }), dir, 'memory', trials, workers);
    const seconds = (performance.now() - started) / 1000;
    rmSync(dir, { recursive: true, force: true });
    return { kind, workers, trials, seconds, ran: [ran] };
  }
  const target = kind === 'sqlite' ? join(location, 'study.db') : location;
  const children = Array.from({ length: workers }, () => fork(new URL('./worker-process.js', import.meta.url), { stdio: 'inherit' }));
  const next = (child: (typeof children)[number], type: string) =>
    new Promise<{ type: string; ran?: number }>((resolve, reject) => {
      child.once('message', (m: { type: string; ran?: number }) => (m.type === type ? resolve(m) : reject(new Error(`worker said ${m.type}`))));
      child.once('exit', (code) => reject(new Error(`bench worker exited with code ${code}`)));
    });
  // One at a time: the first one creates the tables, so the others do not race the migration.
  for (const child of children) {
    const ready = next(child, 'ready');
    child.send({ kind, location: target, trials });
    await ready;
  }
  const finished = children.map((c) => next(c, 'done'));
  const started = performance.now();
  for (const child of children) child.send({ type: 'go' });
  const ends = await Promise.all(finished);
  const seconds = (performance.now() - started) / 1000;
  return { kind, workers, trials, seconds, ran: ends.map((e) => e.ran ?? 0) };
}
