import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';
import { add } from './elementwise.js';
import { matmul } from './matmul.js';

/** y = x·W + b for x [n, in], W [in, out], b [out]. */
export function dense(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) {
    throw new HyperspecError('shape', `dense: input ${formatShape(x.shape)} does not match weights ${formatShape(w.shape)} (expected [n, ${w.shape[0]}])`);
  }
  const y = matmul(x, w);
  return b ? add(y, b) : y;
}
