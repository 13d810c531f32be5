import { OptimizerSlotStates, type Optimizer, type OptimizerState, type ParameterSlot } from '@hyperspec/core';

export interface RmspropOptions {
  alpha: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weight_decay: number;
}

/**
 * RMSprop (Hinton, Coursera lecture 6e; centered variant from Graves 2013) as PyTorch 1.13
 * `torch.optim.RMSprop`: with g ← g + wd·p, s ← α·s + (1 − α)·g²; the denominator is √s + eps, or
 * √(s − ḡ²) + eps when centered (ḡ ← α·ḡ + (1 − α)·g); with momentum, buf ← μ·buf + g/denominator
 * and p ← p − lr·buf, otherwise p ← p − lr·g/denominator.
 */
export class Rmsprop implements Optimizer {
  private readonly states = new OptimizerSlotStates('rmsprop');

  constructor(private readonly options: RmspropOptions) {}

  /** Called once per training step after gradients are computed and clipped; updates `params` in place. */
  step(params: readonly ParameterSlot[], lr: number): void {
    const { alpha, eps, momentum, centered, weight_decay: wd } = this.options;
    this.states.tick();
    for (const slot of params) {
      const state = this.states.of(slot, (n) => ({
        square_avg: new Float32Array(n),
        ...(momentum > 0 ? { momentum_buffer: new Float32Array(n) } : {}),
        ...(centered ? { grad_avg: new Float32Array(n) } : {}),
      }));
      state.step++;
      const { square_avg: s, momentum_buffer: buf, grad_avg: mean } = state.buffers;
      const p = slot.value;
      const g = slot.grad;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] + wd * p[i];
        s[i] = alpha * s[i] + (1 - alpha) * gi * gi;
        let variance = s[i];
        if (mean) {
          mean[i] = alpha * mean[i] + (1 - alpha) * gi;
          variance -= mean[i] * mean[i];
        }
        const scaled = gi / (Math.sqrt(variance) + eps);
        if (buf) {
          buf[i] = momentum * buf[i] + scaled;
          p[i] -= lr * buf[i];
        } else {
          p[i] -= lr * scaled;
        }
      }
    }
  }

  /** Running averages, momentum buffers and step counts; called when a checkpoint is written. */
  saveState(): OptimizerState {
    return this.states.save();
  }

  /** Called before the first step of a resumed run. */
  loadState(state: OptimizerState): void {
    this.states.load(state);
  }
}
