import { OptimizerSlotStates, type Optimizer, type OptimizerState, type ParameterSlot } from '@hyperspec/core';

export interface LionOptions {
  beta1: number;
  beta2: number;
  weight_decay: number;
}

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * Algorithm 2): the step is the sign of an interpolation between momentum and gradient, so every
 * coordinate moves by exactly lr (plus decoupled weight decay):
 *   c = β1·m + (1 − β1)·g,   p ← p − lr·(sign(c) + wd·p),   m ← β2·m + (1 − β2)·g.
 */
export class Lion implements Optimizer {
  // Per-parameter buffers keyed by slot name, created on a parameter's first step; saves to plain JSON.
  private readonly states = new OptimizerSlotStates('lion');

  constructor(private readonly options: LionOptions) {}

  /** Called by the trainer once per training step, after gradients are computed (and clipped). */
  step(params: readonly ParameterSlot[], lr: number): void {
    const { beta1, beta2, weight_decay: wd } = this.options;
    this.states.tick();
    for (const slot of params) {
      const state = this.states.of(slot, (size) => ({ exp_avg: new Float32Array(size) }));
      state.step++;
      const m = state.buffers.exp_avg;
      const p = slot.value;
      const g = slot.grad;
      for (let i = 0; i < p.length; i++) {
        const direction = Math.sign(beta1 * m[i] + (1 - beta1) * g[i]);
        p[i] -= lr * (direction + wd * p[i]);
        m[i] = beta2 * m[i] + (1 - beta2) * g[i];
      }
    }
  }

  /** Called when a checkpoint is written: the momentum of every parameter, as plain numbers. */
  saveState(): OptimizerState {
    return this.states.save();
  }

  /** Called before the first step of a resumed run, with what `saveState` returned. */
  loadState(state: OptimizerState): void {
    this.states.load(state);
  }
}
