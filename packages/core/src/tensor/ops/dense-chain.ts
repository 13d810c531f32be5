import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';
import { dense, type DenseActivation } from './dense.js';
import { declareFusedKernel, fusedKernel } from '../fused-kernel.js';

/** One layer of a dense chain: out [m×n] = act(x [m×k]·w [k×n] + bias). */
export interface DenseChainStep {
  w: Float32Array;
  bias: Float32Array | null;
  k: number;
  n: number;
  activation: DenseActivation;
}

/**
 * Several dense layers in a row, each reading the previous one's output, on frozen weights (a loaded
 * model's, see `Tensor.frozen`): outs[l] = act_l(in_l·w_l + bias_l) with in_0 = x (m rows), in_l = outs[l − 1].
 * Optional, for inference: a backend may run every layer on a block of rows before the next block (the
 * activations of a block stay in cache, the threads meet once per chain). Returns false, having
 * written nothing that matters, when it cannot (arrays outside its memory, too many layers); the op
 * then runs the layers one by one.
 */
export type DenseChainForward = (x: Float32Array, steps: readonly DenseChainStep[], outs: readonly Float32Array[], m: number) => boolean;
export const denseChainForwardKernel = declareFusedKernel<DenseChainForward>('dense_chain_forward');

/** One layer of `denseChain`: its weights [k, n], bias [n] or null, and the activation it fuses. */
export interface DenseChainLink {
  w: Tensor;
  b: Tensor | null;
  activation: DenseActivation;
}

/**
 * y = act_L(… act_1(x·W_1 + b_1) … ·W_L + b_L) for inference: the same values as `dense` layer after
 * layer (which it runs when the backend has no `dense_chain_forward`, a weight is not frozen or
 * gradients are being recorded), with the backend's chained kernel otherwise. Call inside a scope;
 * the intermediate outputs are the scope's.
 */
export function denseChain(x: Tensor, layers: readonly DenseChainLink[]): Tensor {
  let k = x.shape[1];
  for (const { w, b } of layers) {
    if (x.rank !== 2 || w.rank !== 2 || w.shape[0] !== k || (b && (b.rank !== 1 || b.shape[0] !== w.shape[1]))) {
      throw new HyperspecError('shape', `dense chain: input ${formatShape(x.shape)} does not go through weights ${layers.map((l) => formatShape(l.w.shape)).join(', ')}`);
    }
    k = w.shape[1];
  }
  const e = x.engine;
  const forward = fusedKernel(e.backend, denseChainForwardKernel);
  const chained = forward && !x.tracked && layers.every(({ w, b }) => w.frozen && !w.tracked && !b?.tracked);
  if (chained) {
    const m = x.shape[0];
    const outs = layers.map(({ w }) => e.empty([m, w.shape[1]]));
    const steps = layers.map(({ w, b, activation }) => ({ w: w.data, bias: b ? b.data : null, k: w.shape[0], n: w.shape[1], activation }));
    if (forward(x.data, steps, outs.map((o) => o.data), m)) return outs[outs.length - 1];
  }
  let y = x;
  for (const { w, b, activation } of layers) y = dense(y, w, b, activation);
  return y;
}
