import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Tensor } from '../tensor.js';
import { relu } from './activations.js';
import { formatShape } from './broadcast.js';
import { add } from './elementwise.js';
import { declareFusedKernel, fusedKernel } from '../fused-kernel.js';
import { matmulAccumulateKernel } from '../accumulating-kernels.js';
import { matmul } from './matmul.js';

/** Activations the dense op can apply itself (fused into the product on backends that can). */
export type DenseActivation = 'linear' | 'relu';

/**
 * A dense layer's forward in one pass over its output: out[m×n] = act(x·w + bias) for x [m×k],
 * w [k×n], bias [n] or null, act `linear` or `relu` (x > 0 ? x : 0). Optional: without it the op runs
 * matmul, the bias add and ReLU as three kernels. `frozen`: w will not change until its buffer goes back to
 * the backend (a loaded model's weights), so the backend may keep a prepared copy of it (packed panels).
 */
export type DenseForward = (x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, m: number, k: number, n: number, activation: DenseActivation, frozen?: boolean) => void;
export const denseForwardKernel = declareFusedKernel<DenseForward>('dense_forward');

/**
 * y = act(x·W + b) for x [n, in], W [in, out], b [out] or null. With a backend's `dense_forward`
 * kernel the bias and ReLU are applied as the product is stored (one pass over y), and the backward
 * rule is written here once: dz = dy where y > 0 (ReLU; y > 0 exactly where x·W + b > 0), then
 * dx = dz·Wᵀ, dW = xᵀ·dz, db = Σ rows of dz. With a backend's `matmul_accumulate` kernel, a trainable
 * W's gradient is added into W.grad by the product itself. Without the kernel it composes matmul, add and relu.
 */
export function dense(x: Tensor, w: Tensor, b: Tensor | null, activation: DenseActivation = 'linear'): Tensor {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) {
    throw new HyperspecError('shape', `dense: input ${formatShape(x.shape)} does not match weights ${formatShape(w.shape)} (expected [n, ${w.shape[0]}])`);
  }
  if (b && (b.rank !== 1 || b.shape[0] !== w.shape[1])) {
    throw new HyperspecError('shape', `dense: bias ${formatShape(b.shape)} does not match weights ${formatShape(w.shape)} (expected [${w.shape[1]}])`);
  }
  const e = x.engine;
  const k = e.backend.kernels;
  const forward = fusedKernel(e.backend, denseForwardKernel);
  if (!forward) {
    const y = matmul(x, w);
    const z = b ? add(y, b) : y;
    return activation === 'relu' ? relu(z) : z;
  }
  const [rows, inner] = x.shape;
  const cols = w.shape[1];
  const out = e.empty([rows, cols]);
  forward(x.data, w.data, b ? b.data : null, out.data, rows, inner, cols, activation, w.frozen);
  const inputs = b ? [x, w, b] : [x, w];
  return e.record(out, 'dense', inputs, (dy) => {
    let dz = dy;
    if (activation === 'relu') {
      dz = e.empty(dy.shape);
      k.binary('gate', dy.data, dy.shape, out.data, out.shape, dz.data, dz.shape);
    }
    let dx: Tensor | null = null;
    let dw: Tensor | null = null;
    let db: Tensor | null = null;
    if (x.tracked) {
      dx = e.empty(x.shape);
      k.matmul(dz.data, w.data, dx.data, rows, cols, inner, false, true);
    }
    if (w.tracked) {
      // A trainable weight's gradient is summed into its buffer by the product (no temporary, no add pass).
      const accumulate = fusedKernel(e.backend, matmulAccumulateKernel);
      const sink = accumulate ? e.leafGradient(w) : null;
      if (sink) {
        accumulate!(x.data, dz.data, sink.data, inner, rows, cols, true, false);
      } else {
        dw = e.empty(w.shape);
        k.matmul(x.data, dz.data, dw.data, inner, rows, cols, true, false);
      }
    }
    if (b?.tracked) {
      db = e.empty(b.shape);
      k.reduce('sum', dz.data, 1, rows, cols, db.data);
    }
    return b ? [dx, dw, db] : [dx, dw];
  });
}
