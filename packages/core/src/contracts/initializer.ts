import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Rng } from '../util/rng.js';

/** Fills a new parameter. Called once per parameter when a model is built. */
export interface Initializer {
  /** Writes initial values into `out`; fanIn/fanOut follow PyTorch's convention for the shape. */
  fill(out: Float32Array, shape: readonly number[], fan: { fanIn: number; fanOut: number }, rng: Rng): void;
}

/** The container token under which plugins bind Initializer descriptors, each named by its `type`. */
export const Initializer: ServiceIdentifier<ComponentDescriptor<Initializer>> = Symbol.for('hyperspec.Initializer');
