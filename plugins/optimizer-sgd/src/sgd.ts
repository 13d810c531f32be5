import { HyperspecError, OptimizerSlotStates, type Optimizer, type OptimizerState, type ParameterSlot } from '@hyperspec/core';

export interface SgdOptions {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weight_decay: number;
}

/** PyTorch rejects Nesterov momentum without momentum or with dampening; so do we, naming the option. */
export function checkSgdOptions(o: SgdOptions, path = 'train.optimizer'): void {
  if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
    const found = o.momentum <= 0 ? `momentum ${o.momentum}` : `dampening ${o.dampening}`;
    throw new HyperspecError('spec', `optimizer "sgd": nesterov: true needs momentum > 0 and dampening 0 (got ${found})`, {
      location: { path: `${path}.${o.momentum <= 0 ? 'momentum' : 'dampening'}` },
      hint: o.momentum <= 0 ? 'set momentum (e.g. 0.9) or nesterov: false' : 'remove dampening or set nesterov: false',
    });
  }
}

/**
 * Stochastic gradient descent as PyTorch 1.13 `torch.optim.SGD`: with d = g + wd·p,
 * buf ← d on the first step, else momentum·buf + (1 − dampening)·d; the update is buf, or
 * d + momentum·buf with Nesterov (Sutskever et al. 2013); p ← p − lr·update.
 */
export class Sgd implements Optimizer {
  private readonly states = new OptimizerSlotStates('sgd');

  constructor(private readonly options: SgdOptions) {
    checkSgdOptions(options);
  }

  /** Called once per training step after gradients are computed and clipped; updates `params` in place. */
  step(params: readonly ParameterSlot[], lr: number): void {
    const { momentum, dampening, nesterov, weight_decay: wd } = this.options;
    this.states.tick();
    for (const slot of params) {
      const p = slot.value;
      const g = slot.grad;
      if (momentum === 0) {
        for (let i = 0; i < p.length; i++) p[i] -= lr * (g[i] + wd * p[i]);
        continue;
      }
      const state = this.states.of(slot, (n) => ({ momentum_buffer: new Float32Array(n) }));
      const buf = state.buffers.momentum_buffer;
      const first = state.step === 0;
      state.step++;
      for (let i = 0; i < p.length; i++) {
        const d = g[i] + wd * p[i];
        buf[i] = first ? d : momentum * buf[i] + (1 - dampening) * d;
        p[i] -= lr * (nesterov ? d + momentum * buf[i] : buf[i]);
      }
    }
  }

  /** Momentum buffers and step counts; called when a checkpoint is written. */
  saveState(): OptimizerState {
    return this.states.save();
  }

  /** Called before the first step of a resumed run. */
  loadState(state: OptimizerState): void {
    this.states.load(state);
  }
}
