import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';

export interface MatmulOptions {
  transA?: boolean;
  transB?: boolean;
}

/** Matrix product of 2-d tensors, optionally transposing either side (no copy is made). */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  if (a.rank !== 2 || b.rank !== 2) {
    throw new HyperspecError('shape', `matmul: needs 2-d tensors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [m, ka] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (ka !== kb) {
    throw new HyperspecError('shape', `matmul: inner dimensions differ: ${formatShape(a.shape)}${transA ? 'ᵀ' : ''} · ${formatShape(b.shape)}${transB ? 'ᵀ' : ''} (${ka} vs ${kb})`);
  }
  const out = a.engine.empty([m, n]);
  a.engine.backend.kernels.matmul(a.data, b.data, out.data, m, ka, n, transA, transB);
  return a.engine.record(out, 'matmul', [a, b], (dy) => {
    const k = a.engine.backend.kernels;
    let da: Tensor | null = null;
    let db: Tensor | null = null;
    if (a.tracked) {
      da = a.engine.empty(a.shape);
      // C = op(A)·op(B): dA = dC·op(B)ᵀ, or its transpose when A was transposed.
      if (!transA) k.matmul(dy.data, b.data, da.data, m, n, ka, false, !transB);
      else k.matmul(b.data, dy.data, da.data, ka, n, m, transB, true);
    }
    if (b.tracked) {
      db = b.engine.empty(b.shape);
      if (!transB) k.matmul(a.data, dy.data, db.data, ka, m, n, !transA, false);
      else k.matmul(dy.data, a.data, db.data, n, m, ka, true, transA);
    }
    return [da, db];
  });
}
