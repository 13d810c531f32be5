import type { ErrorKind } from '../errors/hyperspec-error.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';

/** One trial for an executor to train. */
export interface TrialTask {
  /** The trial's number in the study. */
  number: number;
  /** The trial's resolved spec: the trial's values applied, its own seed, no `search:` block. */
  spec: ResolvedSpec;
  /** Directory of the spec file the study came from (relative data paths resolve against it). */
  baseDir: string;
  /** The trial's run directory, `<study dir>/trials/<number>/`. */
  runDir: string;
  /** Continue from the checkpoint in `runDir` (a reclaimed trial whose worker died mid-run). */
  resume: boolean;
  /** Measured quantities the study's objectives or constraints name (`parameters`, `epoch_seconds`, `inference_ms`, `peak_memory_mb`). */
  measure?: string[];
}

/** What the runner does after each epoch of a trial. */
export interface TrialHooks {
  /**
   * Called by the executor after each epoch with the number of epochs completed (1, 2, ...) and the
   * epoch's metrics; the runner reports the objective to storage and the pruner. Resolving `'stop'`
   * ends the training after this epoch (the trial was pruned).
   */
  onEpoch(step: number, metrics: Record<string, number>): Promise<'continue' | 'stop'>;
}

/**
 * How a trial's training ended: it ran (to the end, or stopped by `onEpoch`), or it failed — with a
 * HyperspecError's kind, `crashed` when the worker running it died, or `unexpected` for any other
 * exception (a bug: the runner stops the study).
 */
export type TrialOutcome =
  | { ok: true; history: Record<string, number>[]; final: Record<string, number>; measured?: Record<string, number> }
  | { ok: false; reason: string; kind: ErrorKind | 'unexpected' | 'crashed' };

/**
 * Runs trials for the study runner, which owns everything else (storage, searcher, pruner). Core does
 * not know the default plugins, so the umbrella package provides an executor (worker threads, each
 * building a container and calling `runTraining`); tests inject a synthetic one.
 */
export interface TrialExecutor {
  /** How many trials can run at once (the runner starts no more than this many). */
  readonly slots: number;
  /** Called once per trial; resolves when training ended. Must not reject: failures are outcomes. */
  run(task: TrialTask, hooks: TrialHooks): Promise<TrialOutcome>;
  /** Called when the study is done (or aborted): stop workers, free resources. */
  close?(): Promise<void>;
}
