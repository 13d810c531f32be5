import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Tensor } from '../tensor/tensor.js';

/** Turns model output and targets into one scalar to minimise. Called once per batch. */
export interface Loss {
  /** Returns a 0-d tensor; recorded on the tape so backward reaches the parameters. */
  compute(output: Tensor, target: Tensor): Tensor;
  /** What targets this loss expects: class indices (`labels`) or values shaped like the output. */
  readonly targets: 'labels' | 'values';
  /**
   * How the model's outputs become predictions (read when a run writes its model bundle): `softmax`
   * over the outputs gives class probabilities, `sigmoid` of one output gives the probability of
   * class 1 (binary), `identity` keeps the values (regression). Default `identity`.
   */
  readonly prediction?: 'softmax' | 'sigmoid' | 'identity';
  /** True when `compute` may be recorded and replayed, in the sense of `Layer.capturable`. */
  readonly capturable?: boolean;
}

/** The container token under which plugins bind Loss descriptors, each named by its `type`. */
export const Loss: ServiceIdentifier<ComponentDescriptor<Loss>> = Symbol.for('hyperspec.Loss');
