import type { ServiceIdentifier } from 'inversify';
import type { Tensor } from '../tensor/tensor.js';

/** Turns model output and targets into one scalar to minimise. Called once per batch. */
export interface Loss {
  /** Returns a 0-d tensor; recorded on the tape so backward reaches the parameters. */
  compute(output: Tensor, target: Tensor): Tensor;
  /** What targets this loss expects: class indices (`labels`) or values shaped like the output. */
  readonly targets: 'labels' | 'values';
}

export const Loss: ServiceIdentifier<Loss> = Symbol.for('hyperspec.Loss');
