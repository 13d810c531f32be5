import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Parameter } from './layer.js';

/** A layer entry of an architecture, as in a `sequential` spec: `{ type, ...options }`. */
export interface LayerSpec {
  type: string;
  [option: string]: unknown;
}

/** Every hook is optional; a regularizer implements the ones it needs. */
export interface Regularizer {
  /** Called once when the model is built: may insert layers (dropout, batch norm) between hidden layers. */
  transformArchitecture?(layers: LayerSpec[]): LayerSpec[];
  /** Called every training step: a 0-d tensor added to the loss (L1, L2 penalties). */
  penalty?(params: readonly Parameter[]): Tensor | null;
  /** Called after every optimizer step (decoupled decay, max-norm). */
  afterStep?(params: readonly Parameter[], lr: number): void;
  /** True when `penalty` may be recorded and replayed, in the sense of `Layer.capturable`. */
  readonly capturable?: boolean;
}

/** The container token under which plugins bind Regularizer descriptors, each named by its `type`. */
export const Regularizer: ServiceIdentifier<ComponentDescriptor<Regularizer>> = Symbol.for('hyperspec.Regularizer');
