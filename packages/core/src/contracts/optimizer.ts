import type { ServiceIdentifier } from 'inversify';

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
 */
export interface Optimizer {
  step(params: readonly ParameterSlot[], lr: number): void;
  /** Saves everything needed to resume bit for bit. */
  saveState(): OptimizerState;
  /** Restores a state from `saveState`; called before the first step of a resumed run. */
  loadState(state: OptimizerState): void;
}

export const Optimizer: ServiceIdentifier<Optimizer> = Symbol.for('hyperspec.Optimizer');
