import type { Conv2dGeometry } from '../backend.js';
import type { Tensor } from '../tensor.js';
import { declareFusedKernel, fusedKernel } from '../fused-kernel.js';
import { conv2d, conv2dGeometry, type Conv2dOptions } from './conv2d.js';
import { maxPool2d, pool2dGeometry, type Pool2dOptions } from './pool2d.js';

/**
 * A convolution followed by max pooling, when no gradient will be asked for (inference):
 * out = maxPool(act(conv(x, w) + bias)), `g` the convolution's geometry, `pool` the pooling's over
 * the convolution's output; `frozen` as for conv2d_forward. Optional; returns false when it cannot run these windows or arrays, and
 * the op then runs the convolution and the pooling one after the other.
 */
export type Conv2dMaxPoolForward = (x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, g: Conv2dGeometry,
  outChannels: number, activation: 'linear' | 'relu', pool: Conv2dGeometry, frozen?: boolean) => boolean;
export const conv2dMaxPoolForwardKernel = declareFusedKernel<Conv2dMaxPoolForward>('conv2d_max_pool_forward');

/**
 * maxPool2d(conv2d(x, w, b, conv), pool) in one pass where the backend can (each image's convolution
 * output is pooled while in cache, not written out whole and read back): the same values either way.
 * With a gradient to record, or without the backend's kernel, it is the two ops.
 */
export function conv2dMaxPool(x: Tensor, w: Tensor, b: Tensor | null, conv: Conv2dOptions, pool: Pool2dOptions): Tensor {
  const e = x.engine;
  const needsGrad = e.gradEnabled && (x.tracked || w.tracked || !!b?.tracked);
  const forward = needsGrad ? undefined : fusedKernel(e.backend, conv2dMaxPoolForwardKernel);
  // Malformed operands take the two ops' path, which reports them.
  if (forward && x.rank === 4 && w.rank === 4 && x.shape[1] === w.shape[1] && (!b || (b.rank === 1 && b.shape[0] === w.shape[0]))) {
    const outChannels = w.shape[0];
    const g = conv2dGeometry('conv2d', x.shape, w.shape[2], w.shape[3], conv.stride ?? 1, conv.padding ?? 'valid');
    const p = pool2dGeometry('max_pool2d', [g.n, outChannels, g.outH, g.outW], pool);
    const out = e.empty([g.n, outChannels, p.outH, p.outW]);
    if (forward(x.data, w.data, b ? b.data : null, out.data, g, outChannels, conv.activation ?? 'linear', p, w.frozen)) return out;
    out.dispose();
  }
  return maxPool2d(conv2d(x, w, b, conv), pool);
}
