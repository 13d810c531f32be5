import { HyperspecError } from '../errors/hyperspec-error.js';

/** Metrics where smaller is better: losses and errors. Used for `mode: auto` and a search's default direction. */
export function lowerIsBetter(metric: string): boolean {
  return /loss|error|mse|mae|rmse|perplexity/i.test(metric);
}

export interface BestEpochOptions {
  monitor: string;
  mode: 'min' | 'max' | 'auto';
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Spec path of the setting that asked for it, for messages. */
  path: string;
}

/** The best epoch so far: 1-based, with the monitored value. */
export interface BestSoFar {
  epoch: number;
  value: number;
}

/**
 * Follows one metric over epochs and says when an epoch is the best so far (strictly better than the
 * best by more than `minDelta`; the first epoch always is). Its state is a plain value for checkpoints.
 */
export class BestEpoch {
  best: BestSoFar | undefined;
  private readonly sign: number;

  constructor(readonly options: BestEpochOptions) {
    const mode = options.mode === 'auto' ? (lowerIsBetter(options.monitor) ? 'min' : 'max') : options.mode;
    this.sign = mode === 'min' ? 1 : -1;
  }

  /** Called after every epoch with its metrics; true when this epoch is the new best. */
  observe(epoch: number, metrics: Record<string, number>): boolean {
    const value = metrics[this.options.monitor];
    if (value === undefined) {
      throw new HyperspecError('spec', `${this.options.path} monitors "${this.options.monitor}", which is not reported (reported: ${Object.keys(metrics).join(', ')})`, {
        location: { path: `${this.options.path}.monitor` },
        hint: 'val_* metrics need a validation split (data.validation_split > 0)',
      });
    }
    if (!Number.isFinite(value)) return false;
    if (this.best && !(this.sign * value < this.sign * this.best.value - (this.options.minDelta ?? 0))) return false;
    this.best = { epoch, value };
    return true;
  }
}
