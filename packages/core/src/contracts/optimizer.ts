import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';

/** A parameter as optimizers see it: flat value and gradient arrays, updated in place. */
export interface ParameterSlot {
  readonly name: string;
  readonly value: Float32Array;
  readonly grad: Float32Array;
}

/** Plain, JSON-safe optimizer state: per-parameter arrays plus counters. */
export interface OptimizerState {
  step: number;
  slots: Record<string, Record<string, number[]>>;
  [extra: string]: unknown;
}

/**
 * Applies `p ← p − lr · update(g, state)` to every parameter. `step` is called once per training step
 * after gradients are computed (and clipped); `lr` is the learning rate the schedule gives for this step.
 * An optimizer's options schema declares `learning_rate` with its default: the run reads it once as the
 * base rate (see `LearningRate`); the optimizer itself only ever sees the per-step `lr`.
 */
export interface Optimizer {
  step(params: readonly ParameterSlot[], lr: number): void;
  /** Saves everything needed to resume bit for bit. */
  saveState(): OptimizerState;
  /** Restores a state from `saveState`; called before the first step of a resumed run. */
  loadState(state: OptimizerState): void;
}

/** The container token under which plugins bind Optimizer descriptors, each named by its `type`. */
export const Optimizer: ServiceIdentifier<ComponentDescriptor<Optimizer>> = Symbol.for('hyperspec.Optimizer');
