import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Tensor } from '../tensor/tensor.js';

/** Accumulates a number over batches of an epoch. Called with gradients off. */
export interface Metric {
  /** Key in the metrics table (`accuracy` → `accuracy` / `val_accuracy`). */
  readonly name: string;
  /** Called once per batch with the model output and targets. */
  update(output: Tensor, target: Tensor, loss: number): void;
  /** The value over every batch since the last reset. */
  result(): number;
  /** Called at the start of each epoch and each evaluation. */
  reset(): void;
  /** Whether larger is better; used as the default direction when a search optimises this metric. */
  readonly higherIsBetter: boolean;
}

/** The container token under which plugins bind Metric descriptors, each named by its `type`. */
export const Metric: ServiceIdentifier<ComponentDescriptor<Metric>> = Symbol.for('hyperspec.Metric');
