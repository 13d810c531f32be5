import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrialExecutor, TrialHooks, TrialOutcome, TrialTask } from '@hyperspec/core/study';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

/** The compiled worker beside this file; from the TypeScript sources (tests) the built one in dist/. */
function workerFile(): URL {
  const beside = new URL('./trial-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/study/trial-worker.js', import.meta.url);
}

/**
 * Runs trials in worker threads, `slots` at a time, each a full training run with its own engine, so
 * trials use the machine's cores in parallel while the main thread stays free for storage, leases and
 * the pruner. Workers are reused across trials; one that dies (out of memory, a native crash) fails
 * its trial and is replaced.
 */
export class WorkerExecutor implements TrialExecutor {
  readonly slots: number;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

  constructor(slots: number, private readonly setup: WorkerSetup) {
    this.slots = slots;
  }

  private take(): Worker {
    const worker = this.idle.pop() ?? new Worker(workerFile());
    this.all.add(worker);
    return worker;
  }

  /** Called by the runner for each trial; resolves with the outcome, never rejects. */
  run(task: TrialTask, hooks: TrialHooks): Promise<TrialOutcome> {
    const worker = this.take();
    return new Promise<TrialOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: TrialOutcome, reusable: boolean) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) this.idle.push(worker);
        else {
          this.all.delete(worker);
          void worker.terminate();
        }
        resolve(outcome);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'done') return settle(m.outcome, true);
        hooks.onEpoch(m.step, m.metrics).then(
          (decision) => worker.postMessage({ type: 'decision', step: m.step, stop: decision === 'stop' } satisfies ToWorker),
          (e: unknown) => {
            // The runner could not record the epoch (its storage failed): stop this trial.
            worker.postMessage({ type: 'decision', step: m.step, stop: true } satisfies ToWorker);
            settle({ ok: false, kind: 'storage', reason: e instanceof Error ? e.message : String(e) }, false);
          },
        );
      };
      const onError = (e: Error) => settle({ ok: false, kind: 'crashed', reason: `the trial's worker thread crashed: ${e.message}` }, false);
      const onExit = (code: number) => settle({ ok: false, kind: 'crashed', reason: `the trial's worker thread exited with code ${code}` }, false);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ type: 'run', task, setup: this.setup } satisfies ToWorker);
    });
  }

  /** Called when the study is done: stops every worker. */
  async close(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
