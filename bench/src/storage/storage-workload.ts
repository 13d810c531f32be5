import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchSpace, StudyStorage } from '@hyperspec/core';
import { sampleRandomParams } from '@hyperspec/core/search';
import type { ResolvedSpec } from '@hyperspec/core/spec';
import { runStudy, trialRng, type TrialExecutor, type TrialHooks, type TrialOutcome } from '@hyperspec/core/study';
import { MemoryStorage } from '@hyperspec/storage-memory';
import { PostgresStorage, parseConnectionUrl } from '@hyperspec/storage-postgres';
import { SqliteStorage } from '@hyperspec/storage-sqlite';

export type StorageKind = 'memory' | 'sqlite' | 'postgres';

/** A PostgreSQL storage on `url` with the plugin's defaults. */
export function postgresStorage(url: string): PostgresStorage {
  return new PostgresStorage({ target: parseConnectionUrl(url, 'bench'), lease_seconds: 60, retry_seconds: 30, pool_size: 4, connect_timeout_seconds: 10 });
}
export const STEPS = 3;
const SPACE: SearchSpace = { x: { type: 'uniform', low: -1, high: 1 }, k: { type: 'choice', values: [1, 2, 3] } };

/** A fresh storage of each kind; SQLite on a new file in a temporary directory, with its default pragmas. */
export function makeStorage(kind: StorageKind, url?: string): { storage: StudyStorage; cleanup(): void } {
  if (kind === 'postgres') return { storage: postgresStorage(url!), cleanup: () => undefined };
  if (kind === 'memory') return { storage: new MemoryStorage({ lease_seconds: 60 }), cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'hs-bench-storage-'));
  const storage = new SqliteStorage({ path: join(dir, 'study.db'), lease_seconds: 60, busy_timeout_ms: 10000 });
  return { storage, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The storage calls of `trials` trivial trials, as the runner makes them: start (the factory reads
 * every trial and draws random parameters), `STEPS` intermediate reports, finish. Returns seconds.
 */
export async function storageOps(kind: StorageKind, trials: number, url?: string): Promise<number> {
  const { storage, cleanup } = makeStorage(kind, url);
  try {
    const study = await storage.openStudy('bench', { direction: 'minimize', spaceHash: 'bench', meta: {} });
    const started = performance.now();
    for (let i = 0; i < trials; i++) {
      const t = await storage.startTrial(study.id, (_all, n) => sampleRandomParams(SPACE, trialRng(1, n)), 60);
      for (let s = 1; s <= STEPS; s++) await storage.report(study.id, t!.number, s, t!.params.x + 1 / s);
      await storage.finishTrial(study.id, t!.number, 'complete', t!.params.x);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await storage.close?.();
    cleanup();
  }
}

/** Reports STEPS epochs at once and returns: a trial that costs nothing, so only the study's bookkeeping is timed. */
export class TrivialExecutor implements TrialExecutor {
  constructor(readonly slots = 1) {}
  async run(task: { spec: ResolvedSpec }, hooks: TrialHooks): Promise<TrialOutcome> {
    const lr = task.spec.train.optimizer.learning_rate as number;
    const history = [];
    for (let s = 1; s <= STEPS; s++) {
      const metrics = { val_loss: lr + 1 / s };
      history.push(metrics);
      await hooks.onEpoch(s, metrics);
    }
    return { ok: true, history, final: history[history.length - 1] };
  }
}

/** The spec of a bench study: `trials` trivial trials, `parallel` loops in each process. */
export function benchSpec(dir: string, kind: StorageKind, trials: number, parallel = 1): ResolvedSpec {
  return {
    name: 'bench', seed: 1, output_dir: dir, plugins: [], data: { type: 'none' }, model: { type: 'none' }, loss: { type: 'none' }, metrics: [], regularization: [],
    train: { epochs: STEPS, batch_size: 1, optimizer: { type: 'sgd', learning_rate: 0.1 } },
    search: {
      searcher: { type: 'random' }, trials, parallel, objective: { metric: 'val_loss', direction: 'minimize' }, storage: { type: kind },
      space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 1e-4, high: 1 } },
    },
  } as unknown as ResolvedSpec;
}

/** Runs the bench study in this process until its budget is taken (by this process or others on the same storage). */
export async function runBenchStudy(storage: StudyStorage, dir: string, kind: StorageKind, trials: number, parallel = 1): Promise<{ ran: number }> {
  const { ran } = await runStudy({
    spec: benchSpec(dir, kind, trials, parallel), baseDir: dir, studyDir: join(dir, 'bench-study'), storage, executor: new TrivialExecutor(parallel),
    searcher: { suggest: (space, _trials, rng) => sampleRandomParams(space, rng) },
  });
  return { ran };
}

/** `trials` trivial trials through the whole study runner (random searcher, no pruner). Returns seconds. */
export async function runnerStudy(kind: StorageKind, trials: number, url?: string): Promise<number> {
  const { storage, cleanup } = makeStorage(kind, url);
  const dir = mkdtempSync(join(tmpdir(), 'hs-bench-study-'));
  try {
    const started = performance.now();
    await runBenchStudy(storage, dir, kind, trials);
    return (performance.now() - started) / 1000;
  } finally {
    await storage.close?.();
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
