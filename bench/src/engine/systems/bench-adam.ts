import { fillBuffer, fusedKernel, type Engine, type Tensor } from '@hyperspec/core/tensor';
import { adamUpdateKernel } from '@hyperspec/optimizer-adam';

/**
 * Adam over the parameters' flat arrays, for the bench until `@hyperspec/optimizer-adam` can be used
 * here. It uses the backend's fused `adam_update` kernel when there is one (its moment buffers come
 * from the backend, so a wasm backend updates in place in its memory) and the same formula in plain
 * TypeScript otherwise — the PyTorch arrangement (Kingma & Ba 2015, Algorithm 1 with ε outside the
 * bias correction), so all systems train with the same rule.
 */
export class BenchAdam {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;

  constructor(private readonly engine: Engine, private readonly params: readonly Tensor[], private readonly lr: number,
    private readonly beta1 = 0.9, private readonly beta2 = 0.999, private readonly eps = 1e-8) {
    this.m = params.map((p) => engine.backend.alloc(p.size).fill(0));
    this.v = params.map((p) => engine.backend.alloc(p.size).fill(0));
  }

  /** Applies one update from the accumulated gradients, then zeroes them. */
  step(): void {
    this.t++;
    const kernel = fusedKernel(this.engine.backend, adamUpdateKernel);
    const { lr, beta1, beta2, eps, t } = this;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      const g = p.grad!.data;
      if (kernel) {
        // The kernel zeroes the gradient as it reads it (no second pass over it).
        kernel(p.data, g, this.m[i], this.v[i], lr, beta1, beta2, eps, t, 0, true);
        continue;
      }
      const m = this.m[i];
      const v = this.v[i];
      const x = p.data;
      const stepSize = lr / (1 - beta1 ** t);
      const invBc2Sqrt = 1 / Math.sqrt(1 - beta2 ** t);
      for (let j = 0; j < x.length; j++) {
        const gj = g[j];
        m[j] = beta1 * m[j] + (1 - beta1) * gj;
        v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
        x[j] -= (stepSize * m[j]) / (Math.sqrt(v[j]) * invBc2Sqrt + eps);
      }
      // Through the backend: Float32Array.fill on shared memory is element by element.
      fillBuffer(this.engine.backend, g, 0);
    }
  }
}
