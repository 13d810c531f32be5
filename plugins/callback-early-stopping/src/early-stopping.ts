import { HyperspecError, type Callback, type EpochReport } from '@hyperspec/core';
import { lowerIsBetter } from '@hyperspec/core/bundle';

export interface EarlyStoppingOptions {
  monitor: string;
  patience: number;
  min_delta: number;
  /** `auto` minimises losses and errors (loss, mae, rmse, ...) and maximises the rest. */
  mode: 'min' | 'max' | 'auto';
}

/**
 * Stops training when `monitor` has not improved by `min_delta` for `patience` epochs (as Keras'
 * `EarlyStopping` does). Called after every epoch with that epoch's metrics.
 */
export class EarlyStopping implements Callback {
  private best = NaN;
  private wait = 0;
  private readonly sign: number;
  stoppedEpoch: number | undefined;

  constructor(private readonly o: EarlyStoppingOptions) {
    const mode = o.mode === 'auto' ? (lowerIsBetter(o.monitor) ? 'min' : 'max') : o.mode;
    this.sign = mode === 'min' ? 1 : -1;
  }

  onEpochEnd(report: EpochReport): 'stop' | void {
    const value = report.metrics[this.o.monitor];
    if (value === undefined) {
      throw new HyperspecError('spec', `early_stopping monitors "${this.o.monitor}", which is not reported (reported: ${Object.keys(report.metrics).join(', ')})`, {
        location: { path: 'train.early_stopping.monitor' },
      });
    }
    const score = this.sign * value;
    if (Number.isNaN(this.best) || score < this.best - this.o.min_delta) {
      this.best = score;
      this.wait = 0;
      return;
    }
    this.wait++;
    if (this.wait >= this.o.patience) {
      this.stoppedEpoch = report.epoch;
      return 'stop';
    }
  }

  /** The best score so far and the epochs waited since, so a resumed run stops where an uninterrupted one would. */
  saveState(): { best: number | null; wait: number } {
    return { best: Number.isNaN(this.best) ? null : this.best, wait: this.wait };
  }

  loadState(state: unknown): void {
    const s = state as { best?: unknown; wait?: unknown };
    if (typeof s !== 'object' || s === null || !(s.best === null || typeof s.best === 'number') || !Number.isInteger(s.wait)) {
      throw new Error('expected { best: number | null, wait: integer }');
    }
    this.best = s.best === null ? NaN : s.best;
    this.wait = s.wait as number;
  }
}
