import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { ReduceOp } from '../backend.js';
import { copyKernel, scaleKernel } from '../host-kernels.js';
import type { Tensor } from '../tensor.js';
import { formatShape, padShape, sameShape } from './broadcast.js';

function normalizeAxis(op: string, x: Tensor, axis: number): number {
  const a = axis < 0 ? axis + x.rank : axis;
  if (a < 0 || a >= x.rank) throw new HyperspecError('shape', `${op}: axis ${axis} out of range for shape ${formatShape(x.shape)}`);
  return a;
}

/** Reduces one axis with a kernel, without recording. */
function reduceAxisRaw(op: ReduceOp, x: Tensor, axis: number, keepDims: boolean): Tensor {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x.shape[i];
  let inner = 1;
  for (let i = axis + 1; i < x.rank; i++) inner *= x.shape[i];
  const shape = keepDims ? x.shape.map((d, i) => (i === axis ? 1 : d)) : x.shape.filter((_, i) => i !== axis);
  const out = x.engine.empty(shape);
  x.engine.backend.kernels.reduce(op, x.data, outer, x.shape[axis], inner, out.data);
  return out;
}

/** Broadcasts x to shape without recording. */
export function broadcastRaw(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const out = x.engine.empty(shape);
  x.engine.backend.kernels.broadcastTo(x.data, padShape(x.shape, shape.length), out.data, shape);
  return out;
}

/**
 * Sums `dy` down to `shape` (the inverse of broadcasting), the gradient rule every broadcasting op
 * shares. Returns dy itself when no reduction is needed.
 */
export function sumTo(dy: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(dy.shape, shape)) return dy;
  const padded = padShape(shape, dy.rank);
  let cur = dy;
  for (let axis = 0; axis < dy.rank; axis++) {
    if (padded[axis] === 1 && cur.shape[axis] !== 1) cur = reduceAxisRaw('sum', cur, axis, true);
  }
  return reshapeRaw(cur, shape);
}

function reshapeRaw(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const out = x.engine.empty(shape);
  x.engine.host(copyKernel, x.data, out.data);
  return out;
}

/** Sum over the given axes (all when omitted). */
export function sum(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  const list = axes === undefined ? x.shape.map((_, i) => i) : (typeof axes === 'number' ? [axes] : axes).map((a) => normalizeAxis('sum', x, a));
  let out = x;
  for (const axis of [...list].sort((a, b) => b - a)) out = reduceAxisRaw('sum', out, axis, true);
  const shape = keepDims ? out.shape.slice() : x.shape.filter((_, i) => !list.includes(i));
  out = reshapeRaw(out === x ? copy(x) : out, shape);
  return x.engine.record(out, 'sum', [x], (dy) => [broadcastRaw(reshapeRaw(dy, x.shape.map((d, i) => (list.includes(i) ? 1 : d))), x.shape)]);
}

/** Mean over the given axes (all when omitted). */
export function mean(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  const list = axes === undefined ? x.shape.map((_, i) => i) : (typeof axes === 'number' ? [axes] : axes).map((a) => normalizeAxis('mean', x, a));
  let count = 1;
  for (const a of list) count *= x.shape[a];
  const s = sum(x, list, keepDims);
  const out = x.engine.empty(s.shape);
  const inv = 1 / count;
  x.engine.host(scaleKernel, s.data, inv, out.data);
  return x.engine.record(out, 'mean', [s], (dy) => {
    const g = x.engine.empty(dy.shape);
    x.engine.host(scaleKernel, dy.data, inv, g.data);
    return [g];
  });
}

/** Maximum along one axis; the gradient flows to the first maximal element. */
export function max(x: Tensor, axis: number, keepDims = false): Tensor {
  const a = normalizeAxis('max', x, axis);
  const out = reduceAxisRaw('max', x, a, keepDims);
  return x.engine.record(out, 'max', [x], (dy) => {
    let outer = 1;
    for (let i = 0; i < a; i++) outer *= x.shape[i];
    let inner = 1;
    for (let i = a + 1; i < x.rank; i++) inner *= x.shape[i];
    const dx = x.engine.empty(x.shape);
    x.engine.host(maxGradKernel, x.data, out.data, dy.data, outer, x.shape[a], inner, dx.data);
    return [dx];
  });
}

/** dx (overwritten) = dy at the first maximal element of each reduced line of x [outer, len, inner], 0 elsewhere. */
function maxGradKernel(x: Float32Array, max: Float32Array, dy: Float32Array, outer: number, len: number, inner: number, dx: Float32Array): void {
  dx.fill(0);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const m = max[o * inner + j];
      for (let k = 0; k < len; k++) {
        const idx = (o * len + k) * inner + j;
        if (x[idx] === m) {
          dx[idx] = dy[o * inner + j];
          break;
        }
      }
    }
  }
}

function copy(x: Tensor): Tensor {
  const out = x.engine.empty(x.shape);
  x.engine.host(copyKernel, x.data, out.data);
  return out;
}
