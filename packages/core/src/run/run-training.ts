import { appendFileSync, rmSync } from 'node:fs';
import type { Container } from 'inversify';
import { pino, type Logger } from 'pino';
import { stringify } from 'yaml';
import { createRunContainer } from '../container/run-container.js';
import { BestEpoch } from '../bundle/best-epoch.js';
import { PARAMETERS_FILE } from '../bundle/model-bundle.js';
import { parameterPolicy } from '../bundle/parameter-policy.js';
import { modelBundleOf, writeModelBundle } from '../bundle/write-model-bundle.js';
import type { Callback } from '../contracts/callback.js';
import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';
import { formatModelSummary } from '../model/summary-table.js';
import { Trainer, type TrainResult } from '../train/trainer.js';
import { atomicWriteFile } from '../util/atomic-write.js';
import { checkpointHint, loadModelArrays, modelArrays, readCheckpoint, removeCheckpoint, restoreState, saveCheckpoint, type CheckpointState } from './checkpoint.js';
import { composeRun, type ComposedRun } from './compose-run.js';
import { finalMetrics } from './final-metrics.js';
import { createRunDirectory, runFiles } from './run-directory.js';
import type { RunSpec } from './run-spec.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';
import { TrainingTrace, truncateLines } from './training-trace.js';

export interface RunOptions {
  /** Use this directory instead of a new one under `output_dir` (a resumed run passes its own). */
  runDir?: string;
  /** Continue from the checkpoint in `runDir`. */
  resume?: boolean;
  /** Directory of the spec file: relative data paths are resolved against it. */
  baseDir?: string;
  /** Where the model summary and final lines go (default: stderr); null for silence. */
  out?: { write(s: string): unknown } | null;
  /** The spec file's text as its author wrote it, kept as `spec.yaml` so reports can tell set values from defaults. */
  writtenSpec?: string;
  /** Extra callbacks after the spec's own (the CLI's progress display, a study runner's pruning reporter). */
  callbacks?: Callback[];
  /** Called once after training, before the model is disposed (a study trial measures the trained model's inference time). */
  inspect?: (run: ComposedRun) => void;
  /**
   * With `resume`: when the checkpoint cannot be used (corrupt, truncated, not this model's), start the
   * run over in the same directory instead of failing. A search's reclaimed trial does this: it is the
   * same trial (number and parameters) either way.
   */
  restartIfUnreadable?: boolean;
}

export interface RunResult {
  runDir: string;
  history: Record<string, number>[];
  /** Last epoch's metrics, plus `test_*` when the data has a test split (scored with the saved parameters). */
  final: Record<string, number>;
  /** The epoch the saved parameters come from (1-based) and whether it is the last or the best. */
  selectedEpoch: number;
  selected: 'last' | 'best';
  stopped: boolean;
  reason?: string;
  seconds: number;
  parameters: number;
  /** Why an unreadable checkpoint was discarded (`restartIfUnreadable`). */
  restarted?: string;
}

/**
 * Trains one resolved spec end to end and leaves a complete run directory: the resolved spec, metrics
 * per epoch (JSON lines), the log (pino JSON lines), checkpoints while training, the trained
 * parameters (safetensors) and a report. Every file is complete or absent.
 */
export async function runTraining(spec: RunSpec, container: Container, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const dir = options.runDir ?? createRunDirectory(spec.output_dir, spec.name);
  const files = runFiles(dir);
  const out = options.out === undefined ? process.stderr : options.out;
  const log: Logger = pino({ level: 'info', base: { run: spec.name } }, pino.destination({ dest: files.log, sync: true, append: true, mkdir: true }));
  const policy = parameterPolicy(spec.train);
  const compose = () => composeRun(spec, createRunContainer(container, log), { baseDir: options.baseDir });
  let run: ComposedRun = await compose();
  let history: Record<string, number>[] = [];
  let startEpoch = 0;
  let startStep = 0;
  let restarted: string | undefined;
  let restored: CheckpointState | null = null;
  if (options.resume) {
    try {
      restored = resumeFrom(files, run, spec);
    } catch (e) {
      if (!options.restartIfUnreadable || !isHyperspecError(e) || e.kind !== 'data') throw e;
      // Start over in the same directory: a fresh composition (the failed restore may have touched it).
      restarted = e.message;
      log.warn({ event: 'restart', reason: restarted }, 'the checkpoint is unreadable; training from scratch');
      removeCheckpoint(files);
      for (const f of [files.metrics, files.steps, files.layers, files.best]) rmSync(f, { force: true });
      run.model.dispose();
      run = await compose();
    }
  }
  const resuming = restored !== null;
  if (!resuming) atomicWriteFile(files.spec, stringify(spec));
  if (!resuming && options.writtenSpec !== undefined) atomicWriteFile(files.writtenSpec, options.writtenSpec);
  const { model, data } = run;
  const best = policy.best ? new BestEpoch(policy.best) : undefined;
  if (out) out.write(`${formatModelSummary(model)}\n\n`);
  log.info({ event: 'start', dir, parameters: model.parameterCount(), resume: resuming }, 'run started');
  if (restored) {
    history = restored.history;
    if (best) best.best = restored.best;
    startEpoch = restored.epoch;
    startStep = restored.step;
    // Drop lines written after the checkpoint (the epoch the crash interrupted is redone).
    for (const f of [files.metrics, files.steps, files.layers]) truncateLines(f, startEpoch);
    if (out) out.write(`resuming ${dir} after epoch ${startEpoch}\n`);
  }

  const every = spec.train.checkpoint_every;
  let step = startStep;
  const bookkeeping: Callback = {
    onBatchEnd: () => void step++,
    onEpochEnd: ({ epoch, metrics }) => {
      history.push(metrics);
      appendFileSync(files.metrics, JSON.stringify({ epoch: epoch + 1, ...metrics }) + '\n');
      // The best epoch's parameters go to disk at once, so a resumed run still has them.
      if (best?.observe(epoch + 1, metrics)) writeSafetensors(files.best, modelArrays(model), { epoch: String(epoch + 1) });
    },
  };
  // The checkpoint is written after every other callback has seen the epoch (a study's report of it
  // to storage included): a crash before it redoes the epoch, which reports it again; a crash after it
  // has lost nothing. Written first, a crash in between would resume past an epoch never reported.
  const checkpoint: Callback = {
    onEpochEnd: ({ epoch }) => {
      if ((epoch + 1) % every !== 0 && epoch + 1 !== spec.train.epochs) return;
      const state: CheckpointState = {
        epoch: epoch + 1,
        step,
        rng: run.rng.getState(),
        optimizer: run.optimizer.saveState(),
        schedule: run.learningRate.schedule?.saveState?.(),
        history,
        best: best?.best,
      };
      const layers = model.saveState();
      if (Object.keys(layers).length > 0) state.layers = layers;
      const counters = run.callbacks.map((c) => c.saveState?.() ?? null);
      if (counters.some((c) => c !== null)) state.callbacks = counters;
      saveCheckpoint(files, model, state, policy.keepAll);
    },
  };
  const callbacks: Callback[] = [new TrainingTrace(model, files, startStep), bookkeeping, ...run.callbacks, ...(options.callbacks ?? []), checkpoint];

  let result: TrainResult;
  try {
    result = await new Trainer().fit({ ...run, callbacks, logger: log, startEpoch, startStep });
  } catch (e) {
    log.error({ event: 'failed', error: e instanceof Error ? e.message : String(e) }, 'run failed');
    throw e;
  }

  // The bundle holds the best epoch's parameters when asked (restored before the test split is scored).
  const chosen = policy.restoreBest && best?.best ? best.best : undefined;
  if (chosen) loadModelArrays(model, readSafetensors(files.best).tensors, files.best);
  const selection = chosen
    ? { epoch: chosen.epoch, epochs: history.length, selected: 'best' as const, monitor: policy.best!.monitor, value: chosen.value }
    : { epoch: history.length, epochs: history.length, selected: 'last' as const };
  const final = finalMetrics(run, history);
  writeSafetensors(files.parameters, modelArrays(model), { name: spec.name, seed: String(spec.seed), epoch: String(selection.epoch) });
  writeModelBundle(dir, modelBundleOf({ spec, data, model, loss: run.loss, parameters: selection, baseDir: options.baseDir }));
  const seconds = (performance.now() - started) / 1000;
  const report = {
    name: spec.name,
    seed: spec.seed,
    epochs: history.length,
    stopped: result.stopped,
    reason: result.reason,
    final,
    // Which epoch the saved parameters (and the test_* metrics) come from.
    selection: { ...selection, file: PARAMETERS_FILE, metrics: history[selection.epoch - 1] ?? {} },
    parameters: model.parameterCount(),
    layers: model.summary().map((s) => ({ type: s.type, description: s.description, output_shape: s.outputShape, parameters: s.parameters, path: s.path })),
    seconds,
  };
  atomicWriteFile(files.report, JSON.stringify(report, null, 2) + '\n');
  log.info({ event: 'end', ...final, seconds }, 'run finished');
  if (out) {
    const shown = Object.entries(final).filter(([k]) => k !== 'lr').map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ');
    out.write(`\n${shown}\nrun directory: ${dir}\n`);
  }
  const parameters = model.parameterCount();
  options.inspect?.(run);
  model.dispose();
  if (!Number.isFinite(final.loss ?? 0)) throw new HyperspecError('numeric', `training ended with loss ${final.loss}`);
  return { runDir: dir, history, final, selectedEpoch: selection.epoch, selected: selection.selected, stopped: result.stopped, reason: result.reason, seconds, parameters, restarted };
}

/**
 * Restores a composed run from the checkpoint in `files` (model arrays, optimizer, schedule, shuffling
 * and layer state) and returns the checkpoint's state, or null when there is no checkpoint. Throws a
 * `data` error naming the file when it cannot be used.
 */
function resumeFrom(files: ReturnType<typeof runFiles>, run: ComposedRun, spec: RunSpec): CheckpointState | null {
  const saved = readCheckpoint(files);
  if (!saved) return null;
  const hint = checkpointHint(files.dir);
  if (saved.state.epoch > spec.train.epochs) {
    throw new HyperspecError('data', `${files.checkpoint} is at epoch ${saved.state.epoch}, past the spec's ${spec.train.epochs} epochs`, { hint });
  }
  loadModelArrays(run.model, saved.arrays, saved.source, hint);
  restoreState(saved.state, run.optimizer, run.learningRate.schedule, run.rng, files.checkpoint, run.model);
  saved.state.callbacks?.forEach((state, i) => {
    if (state === null) return;
    try {
      run.callbacks[i]?.loadState?.(state);
    } catch (e) {
      throw new HyperspecError('data', `${files.checkpoint}: the saved state of callback ${i + 1} cannot be restored (${(e as Error).message})`, { hint, cause: e });
    }
  });
  return saved.state;
}
