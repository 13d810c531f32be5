import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pruner, Searcher } from '@hyperspec/core';
import { sampleRandomParams } from '@hyperspec/core/search';
import type { ResolvedSpec } from '@hyperspec/core/spec';
import type { TrialExecutor, TrialHooks, TrialOutcome, TrialTask } from '@hyperspec/core/study';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hs-study-'));
}

/** A small spec whose search space targets real spec paths; nothing trains it but the fake executor. */
export function fakeSpec(dir: string, search: Partial<NonNullable<ResolvedSpec['search']>> = {}): ResolvedSpec {
  return {
    name: 'fake',
    seed: 7,
    output_dir: dir,
    plugins: [],
    data: { type: 'table', path: 'data.csv' },
    model: { type: 'mlp', units: 8 },
    loss: { type: 'mse' },
    metrics: [],
    train: { epochs: 6, batch_size: 4, optimizer: { type: 'sgd', learning_rate: 0.1 } },
    regularization: [],
    search: {
      searcher: { type: 'test' },
      trials: 6,
      parallel: 1,
      objective: { metric: 'val_loss', direction: 'minimize' },
      storage: { type: 'memory' },
      space: {
        'train.optimizer.learning_rate': { type: 'loguniform', low: 1e-3, high: 1 },
        'model.units': { type: 'choice', values: [4, 16, 64] },
      },
      ...search,
    },
  } as ResolvedSpec;
}

/** Independent uniform draws from the per-trial rng (no hidden state, like the random searcher). */
export const randomSearcher: Searcher = { suggest: (space, _trials, rng) => sampleRandomParams(space, rng) };

/** The value a fake trial reaches after `epoch` epochs: best near lr 0.1 with 64 units, plus a decaying term. */
export function fakeCurve(spec: ResolvedSpec, epoch: number): number {
  const lr = spec.train.optimizer.learning_rate as number;
  const units = spec.model.units as number;
  return Math.abs(Math.log10(lr) + 1) + 16 / units + 1 / epoch;
}

export interface FakeExecutorOptions {
  slots?: number;
  /** Milliseconds each epoch takes (lets parallel trials overlap). */
  epochMs?: number;
  /** Make a trial fail like a NaN loss would. */
  fails?: (task: TrialTask) => boolean;
  /** The metric name the fake training reports (default val_loss). */
  metric?: string;
}

/** Trains nothing: reports `fakeCurve` per epoch, honours 'stop', resumes from a checkpoint file of epochs done. */
export class FakeExecutor implements TrialExecutor {
  readonly slots: number;
  readonly tasks: TrialTask[] = [];
  running = 0;
  maxRunning = 0;

  constructor(private readonly o: FakeExecutorOptions = {}) {
    this.slots = o.slots ?? 1;
  }

  async run(task: TrialTask, hooks: TrialHooks): Promise<TrialOutcome> {
    this.tasks.push(task);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      mkdirSync(task.runDir, { recursive: true });
      if (this.o.fails?.(task)) return { ok: false, kind: 'numeric', reason: 'the loss became NaN at epoch 2' };
      const history: Record<string, number>[] = [];
      for (let epoch = 1; epoch <= task.spec.train.epochs; epoch++) {
        if (this.o.epochMs) await new Promise((r) => setTimeout(r, this.o.epochMs));
        const metrics = { loss: 1, [this.o.metric ?? 'val_loss']: fakeCurve(task.spec, epoch) };
        history.push(metrics);
        writeFileSync(join(task.runDir, 'checkpoint.json'), JSON.stringify({ epoch }));
        if ((await hooks.onEpoch(epoch, metrics)) === 'stop') break;
      }
      return { ok: true, history, final: history[history.length - 1] ?? {} };
    } finally {
      this.running--;
    }
  }
}

/** Prunes any trial whose value is above `limit` at step 2. */
export const thresholdPruner = (limit: number): Pruner => ({ shouldPrune: (t, step) => step === 2 && t.intermediate[2] > limit });
