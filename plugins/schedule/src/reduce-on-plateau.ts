import { HyperspecError, type ComponentDescriptor, type LrSchedule, type ScheduleContext } from '@hyperspec/core';
import { scheduleSchema, type Interval } from './schedule-schema.js';

export interface ReduceOnPlateauOptions {
  interval: Interval;
  monitor: string;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  threshold_mode: 'rel' | 'abs';
  cooldown: number;
  min_lr: number;
}

/** Everything that changes as metrics arrive; JSON-safe (an unset best is null, not ±Infinity). */
interface PlateauState {
  lr: number;
  best: number | null;
  badEpochs: number;
  cooldownLeft: number;
}

// PyTorch ignores reductions smaller than this (its `eps` argument, default 1e-8).
const MIN_CHANGE = 1e-8;

/**
 * torch.optim.lr_scheduler.ReduceLROnPlateau: after each epoch, a monitored metric that has not improved
 * (by `threshold`, relative or absolute) for more than `patience` epochs multiplies the rate by `factor`
 * (not below `min_lr`), then `cooldown` epochs pass before bad epochs count again.
 */
export class ReduceOnPlateau implements LrSchedule {
  readonly interval: Interval;
  private state: PlateauState;

  constructor(private readonly options: ReduceOnPlateauOptions, baseLr: number, private readonly path = 'train.schedule') {
    this.interval = options.interval;
    this.state = { lr: baseLr, best: null, badEpochs: 0, cooldownLeft: 0 };
  }

  /** The current rate: it changes only in `observe`, never with t. */
  rate(): number {
    return this.state.lr;
  }

  /** Called by the trainer after every epoch with that epoch's metrics. */
  observe(metrics: Readonly<Record<string, number>>): void {
    const { monitor, factor, patience, cooldown, min_lr: minLr } = this.options;
    const value = metrics[monitor];
    if (value === undefined) {
      throw new HyperspecError('spec', `schedule "reduce_on_plateau": monitor "${monitor}" is not among the epoch's metrics (${Object.keys(metrics).join(', ')})`, {
        location: { path: `${this.path}.monitor` },
        hint: monitor.startsWith('val_') ? 'set data.validation_split, or monitor a training metric such as loss' : 'monitor one of the metrics listed',
      });
    }
    const s = this.state;
    if (this.isBetter(value)) {
      s.best = value;
      s.badEpochs = 0;
    } else {
      s.badEpochs++;
    }
    if (s.cooldownLeft > 0) {
      s.cooldownLeft--;
      s.badEpochs = 0;
    }
    if (s.badEpochs > patience) {
      const reduced = Math.max(s.lr * factor, minLr);
      if (s.lr - reduced > MIN_CHANGE) s.lr = reduced;
      s.cooldownLeft = cooldown;
      s.badEpochs = 0;
    }
  }

  /** Called when a checkpoint is written. */
  saveState(): PlateauState {
    return { ...this.state };
  }

  /** Called before the first epoch of a resumed run. */
  loadState(state: unknown): void {
    const s = state as Partial<PlateauState> | null;
    if (!s || typeof s.lr !== 'number' || typeof s.badEpochs !== 'number' || typeof s.cooldownLeft !== 'number' || (s.best !== null && typeof s.best !== 'number')) {
      throw new HyperspecError('data', 'schedule "reduce_on_plateau": the saved schedule state is not one it wrote', { hint: 'resume with the schedule the checkpoint was made with' });
    }
    this.state = { lr: s.lr, best: s.best, badEpochs: s.badEpochs, cooldownLeft: s.cooldownLeft };
  }

  private isBetter(value: number): boolean {
    const best = this.state.best;
    if (best === null) return !Number.isNaN(value);
    const { mode, threshold, threshold_mode: thresholdMode } = this.options;
    if (mode === 'min') return value < (thresholdMode === 'rel' ? best * (1 - threshold) : best - threshold);
    return value > (thresholdMode === 'rel' ? best * (1 + threshold) : best + threshold);
  }
}

export const reduceOnPlateauDescriptor: ComponentDescriptor<LrSchedule, ReduceOnPlateauOptions, ScheduleContext> = {
  kind: 'schedule',
  type: 'reduce_on_plateau',
  description: 'Multiplies the rate by factor when a monitored metric stops improving for patience epochs',
  schema: scheduleSchema('reduce_on_plateau', {
    monitor: { type: 'string', minLength: 1, default: 'val_loss', description: 'The epoch metric to watch, e.g. val_loss, loss, val_accuracy' },
    mode: { type: 'string', enum: ['min', 'max'], default: 'min', description: 'min: lower is better (losses); max: higher is better (accuracy)' },
    factor: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1, description: 'Factor the rate is multiplied by on a plateau' },
    patience: { type: 'integer', minimum: 0, maximum: 100000, default: 10, description: 'Epochs without improvement tolerated before reducing' },
    threshold: { type: 'number', minimum: 0, maximum: 1000, default: 1e-4, description: 'The smallest change that counts as an improvement' },
    threshold_mode: { type: 'string', enum: ['rel', 'abs'], default: 'rel', description: 'rel: threshold is a fraction of the best value; abs: an absolute amount' },
    cooldown: { type: 'integer', minimum: 0, maximum: 100000, default: 0, description: 'Epochs after a reduction before bad epochs count again' },
    min_lr: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'The rate never goes below this' },
  }),
  create: (options, ctx) => new ReduceOnPlateau(options, ctx.baseLr, ctx.path),
};
