import { OptimizerSlotStates, type Optimizer, type OptimizerState, type ParameterSlot } from '@hyperspec/core';

export interface AdagradOptions {
  lr_decay: number;
  eps: number;
  initial_accumulator_value: number;
  weight_decay: number;
}

/**
 * Adagrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods") as PyTorch 1.13
 * `torch.optim.Adagrad`: with g ← g + wd·p, sum ← sum + g² (starting at initial_accumulator_value),
 * p ← p − lr/(1 + (t − 1)·lr_decay) · g / (√sum + eps) at the parameter's step t.
 */
export class Adagrad implements Optimizer {
  private readonly states = new OptimizerSlotStates('adagrad');

  constructor(private readonly options: AdagradOptions) {}

  /** Called once per training step after gradients are computed and clipped; updates `params` in place. */
  step(params: readonly ParameterSlot[], lr: number): void {
    const { lr_decay: decay, eps, initial_accumulator_value: start, weight_decay: wd } = this.options;
    this.states.tick();
    for (const slot of params) {
      const state = this.states.of(slot, (n) => ({ sum: new Float32Array(n).fill(start) }));
      const t = ++state.step;
      const rate = lr / (1 + (t - 1) * decay);
      const sum = state.buffers.sum;
      const p = slot.value;
      const g = slot.grad;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] + wd * p[i];
        sum[i] += gi * gi;
        p[i] -= (rate * gi) / (Math.sqrt(sum[i]) + eps);
      }
    }
  }

  /** Accumulated squared gradients and step counts; called when a checkpoint is written. */
  saveState(): OptimizerState {
    return this.states.save();
  }

  /** Called before the first step of a resumed run. */
  loadState(state: OptimizerState): void {
    this.states.load(state);
  }
}
