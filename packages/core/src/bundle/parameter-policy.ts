import { HyperspecError } from '../errors/hyperspec-error.js';
import type { RunSpec } from '../run/run-spec.js';
import type { BestEpochOptions } from './best-epoch.js';

/** What a run keeps of its parameters, read from `train.checkpoint` and `train.early_stopping`. */
export interface ParameterPolicy {
  /** Keep every checkpoint file instead of only the newest. */
  keepAll: boolean;
  /** Follow a metric for the best epoch (its parameters go to best.safetensors). */
  best?: BestEpochOptions;
  /** The bundle holds the best epoch's parameters instead of the last's. */
  restoreBest: boolean;
}

/**
 * `checkpoint.keep: best` and `early_stopping.restore_best: true` both mean "the bundle holds the best
 * epoch's parameters"; if both are given they must watch the same metric.
 */
export function parameterPolicy(train: RunSpec['train']): ParameterPolicy {
  const ckpt = train.checkpoint;
  const es = train.early_stopping;
  const keep = ckpt?.keep ?? 'last';
  const fromEs = Boolean(es?.restore_best);
  if (keep === 'best' && fromEs && es!.monitor !== ckpt!.monitor) {
    throw new HyperspecError('spec', `checkpoint.keep: best monitors "${ckpt!.monitor}" but early_stopping.restore_best monitors "${es!.monitor}"; the bundle can hold only one best epoch`, {
      location: { path: 'train.checkpoint.monitor' },
      hint: `set both monitors to the same metric, or drop one of the two settings`,
    });
  }
  let best: BestEpochOptions | undefined;
  if (keep === 'best') best = { monitor: ckpt!.monitor, mode: ckpt!.mode, path: 'train.checkpoint' };
  else if (fromEs) best = { monitor: es!.monitor, mode: es!.mode, minDelta: es!.min_delta, path: 'train.early_stopping' };
  return { keepAll: keep === 'all', best, restoreBest: best !== undefined };
}
