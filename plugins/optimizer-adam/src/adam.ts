import { OptimizerSlotStates, type Optimizer, type OptimizerState, type ParameterSlot } from '@hyperspec/core';
import { fusedKernel, type Backend } from '@hyperspec/core/tensor';
import { adamUpdateKernel, type AdamUpdate } from './adam-update-kernel.js';

export interface AdamOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
}

/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization") as PyTorch 1.13
 * `torch.optim.Adam`/`AdamW`: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
 * p ← p − lr/(1 − β1ᵗ) · m / (√v̂ / √(1 − β2ᵗ) + eps), where v̂ is v, or its running maximum with
 * AMSGrad (Reddi et al. 2018). With `decoupled` (AdamW, Loshchilov & Hutter 2019) weight decay
 * shrinks p by lr·wd before the update; otherwise it is L2 added to the gradient.
 *
 * When the backend offers the fused `adam_update` kernel (and AMSGrad is off), the moments live in
 * backend memory and the kernel does the update; otherwise a plain loop does.
 */
export class Adam implements Optimizer {
  private readonly states: OptimizerSlotStates;
  private readonly fused?: AdamUpdate;

  constructor(private readonly options: AdamOptions, private readonly decoupled = false, private readonly backend?: Pick<Backend, 'alloc' | 'fused'>) {
    this.states = new OptimizerSlotStates(decoupled ? 'adamw' : 'adam');
    this.fused = options.amsgrad || !backend ? undefined : fusedKernel(backend, adamUpdateKernel);
  }

  private zeros(size: number): Float32Array {
    return this.fused && this.backend ? this.backend.alloc(size).fill(0) : new Float32Array(size);
  }

  /** Called once per training step after gradients are computed and clipped; updates `params` in place. */
  step(params: readonly ParameterSlot[], lr: number): void {
    const { beta1, beta2, eps, weight_decay: wd, amsgrad } = this.options;
    const l2 = this.decoupled ? 0 : wd;
    const shrink = this.decoupled ? 1 - lr * wd : 1;
    this.states.tick();
    for (const slot of params) {
      const state = this.states.of(slot, (n) => ({
        exp_avg: this.zeros(n),
        exp_avg_sq: this.zeros(n),
        ...(amsgrad ? { max_exp_avg_sq: new Float32Array(n) } : {}),
      }));
      const t = ++state.step;
      const { exp_avg: m, exp_avg_sq: v, max_exp_avg_sq: vMax } = state.buffers;
      const stepSize = lr / (1 - beta1 ** t);
      const correction2 = Math.sqrt(1 - beta2 ** t);
      const p = slot.value;
      const g = slot.grad;
      if (this.fused) {
        if (shrink !== 1) for (let i = 0; i < p.length; i++) p[i] *= shrink;
        this.fused(p, g, m, v, lr, beta1, beta2, eps, t, l2);
        continue;
      }
      for (let i = 0; i < p.length; i++) {
        if (shrink !== 1) p[i] *= shrink;
        const gi = g[i] + l2 * p[i];
        m[i] = beta1 * m[i] + (1 - beta1) * gi;
        v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
        let second = v[i];
        if (vMax) second = vMax[i] = Math.max(vMax[i], v[i]);
        p[i] -= (stepSize * m[i]) / (Math.sqrt(second) / correction2 + eps);
      }
    }
  }

  /** First and second moments and step counts; called when a checkpoint is written. */
  saveState(): OptimizerState {
    return this.states.save();
  }

  /** Called before the first step of a resumed run. */
  loadState(state: OptimizerState): void {
    this.states.load(state);
  }
}
