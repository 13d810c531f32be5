import { HyperspecError } from '../../errors/hyperspec-error.js';
import { shapeSize } from '../engine.js';
import { copyKernel } from '../host-kernels.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';
import { broadcastRaw, sumTo } from './reduce.js';

/** Same values, new shape; one dimension may be -1 (inferred). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = shape.slice();
  const unknown = target.indexOf(-1);
  if (unknown >= 0) {
    const known = shapeSize(target.filter((_, i) => i !== unknown));
    target[unknown] = known === 0 ? 0 : x.size / known;
  }
  if (shapeSize(target) !== x.size || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new HyperspecError('shape', `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} values) to ${formatShape(shape)}`);
  }
  const out = x.engine.empty(target);
  x.engine.host(copyKernel, x.data, out.data);
  return x.engine.record(out, 'reshape', [x], (dy) => [reshapeNoGrad(dy, x.shape)]);
}

function reshapeNoGrad(x: Tensor, shape: readonly number[]): Tensor {
  const out = x.engine.empty(shape);
  x.engine.host(copyKernel, x.data, out.data);
  return out;
}

/** Permutes axes (reverses them when perm is omitted). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  if (p.length !== x.rank || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) {
    throw new HyperspecError('shape', `transpose: [${p.join(', ')}] is not a permutation of the axes of ${formatShape(x.shape)}`);
  }
  const out = x.engine.empty(p.map((a) => x.shape[a]));
  x.engine.backend.kernels.transpose(x.data, x.shape, p, out.data);
  const inverse = new Array<number>(p.length);
  p.forEach((a, i) => (inverse[a] = i));
  return x.engine.record(out, 'transpose', [x], (dy) => {
    const dx = x.engine.empty(x.shape);
    x.engine.backend.kernels.transpose(dy.data, dy.shape, inverse, dx.data);
    return [dx];
  });
}

/** Broadcasts x to a larger shape. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const out = broadcastRaw(x, shape);
  if (out === x) return x;
  return x.engine.record(out, 'broadcast_to', [x], (dy) => [sumTo(dy, x.shape)]);
}

/** Flattens every axis after the first: [n, ...] → [n, prod(...)]. */
export function flatten(x: Tensor): Tensor {
  return reshape(x, [x.shape[0], x.size / (x.shape[0] || 1)]);
}
