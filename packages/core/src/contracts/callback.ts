import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';

export interface EpochReport {
  epoch: number;
  epochs: number;
  metrics: Record<string, number>;
  seconds: number;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  /** The learning rate this step's optimizer update used. */
  lr: number;
}

/**
 * Hooks around training. Each is optional and called synchronously by the trainer. `onEpochEnd`
 * may return `'stop'` to end training early (early stopping, pruning).
 */
export interface Callback {
  onTrainBegin?(info: { epochs: number; batchesPerEpoch: number; samples: number }): void;
  onBatchEnd?(report: BatchReport): void;
  onEpochEnd?(report: EpochReport): void | 'stop' | Promise<void | 'stop'>;
  onTrainEnd?(info: { epochs: number; stopped: boolean; reason?: string }): void;
  /** Optional: a callback that counts across epochs (early stopping's patience) returns its state, as JSON, whenever a checkpoint is written. */
  saveState?(): unknown;
  /** Optional: restores a state from `saveState` before the first epoch of a resumed run. */
  loadState?(state: unknown): void;
}

/** The container token under which plugins bind Callback descriptors, each named by its `type`. */
export const Callback: ServiceIdentifier<ComponentDescriptor<Callback>> = Symbol.for('hyperspec.Callback');
