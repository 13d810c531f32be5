import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Conv2dGeometry } from '../backend.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';
import { declareFusedKernel, fusedKernel } from '../fused-kernel.js';

/**
 * Max pooling's forward when no gradient will be asked for (inference): out = the window maxima, with
 * no argmax kept for a backward. Optional; returns false when it cannot run these windows or arrays,
 * and the op then runs the backend's maxPool2d.
 */
export type MaxPool2dForward = (x: Float32Array, g: Conv2dGeometry, out: Float32Array) => boolean;
export const maxPool2dForwardKernel = declareFusedKernel<MaxPool2dForward>('max_pool2d_forward');

/**
 * maxPool2d(relu(z))'s forward for training: out = relu of the window maxima of z, argmax = the flat
 * index into z of each maximum (the first on ties, as maxPool2d's). Optional; returns false when it
 * cannot run these windows or arrays, and the op then runs maxPool2d and ReLU on the pooled values.
 */
export type ReluMaxPool2d = (z: Float32Array, g: Conv2dGeometry, out: Float32Array, argmax: Int32Array) => boolean;
export const reluMaxPool2dKernel = declareFusedKernel<ReluMaxPool2d>('relu_max_pool2d');

/**
 * Its backward: dz (overwritten) = the scatter of dy at argmax over the windows whose output `out` is
 * > 0, `g` the forward pooling's geometry (the ReLU's gate taken in the scatter). Optional: without
 * it the op gates dy on out and runs maxPool2dGrad.
 */
export type ReluMaxPool2dGrad = (dy: Float32Array, out: Float32Array, argmax: Int32Array, dz: Float32Array, g: Conv2dGeometry) => void;
export const reluMaxPool2dGradKernel = declareFusedKernel<ReluMaxPool2dGrad>('relu_max_pool2d_grad');

export interface Pool2dOptions {
  /** Window size in both directions. */
  kernel: number;
  /** Step of the window (default: the kernel size, so windows do not overlap). */
  stride?: number;
}

/**
 * Window geometry of a pooling op over an NCHW shape, without padding: out = ⌊(H − k) / stride⌋ + 1.
 * Throws a shape error naming `op` when the window is larger than the image.
 */
export function pool2dGeometry(op: string, inputShape: readonly number[], options: Pool2dOptions): Conv2dGeometry {
  const { kernel } = options;
  const stride = options.stride ?? kernel;
  if (inputShape.length !== 4) {
    throw new HyperspecError('shape', `${op}: needs an NCHW input [batch, channels, height, width], got ${formatShape(inputShape)}`);
  }
  if (!Number.isInteger(kernel) || kernel < 1 || !Number.isInteger(stride) || stride < 1) {
    throw new HyperspecError('shape', `${op}: kernel and stride must be positive integers, got kernel ${kernel} and stride ${stride}`);
  }
  const [n, c, h, w] = inputShape;
  if (kernel > h || kernel > w) {
    throw new HyperspecError('shape', `${op}: a ${kernel}×${kernel} window does not fit input ${formatShape(inputShape)} (image ${h}×${w})`);
  }
  return {
    n, c, h, w, kh: kernel, kw: kernel, strideH: stride, strideW: stride, padTop: 0, padLeft: 0,
    outH: Math.floor((h - kernel) / stride) + 1,
    outW: Math.floor((w - kernel) / stride) + 1,
  };
}

/**
 * Max over each window of x [N, C, H, W]; the gradient goes to the (first) maximal element. When x is
 * a ReLU's output (x = relu(z), recorded), the backward goes to z in one pass, the ReLU's gate applied
 * on the pooled gradient (see `recordGatedPoolBackward`): the ReLU's own backward, a full-size pass,
 * then never runs unless something else used x.
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const g = pool2dGeometry('max_pool2d', x.shape, options);
  const e = x.engine;
  const out = e.empty([g.n, g.c, g.outH, g.outW]);
  const needsGrad = e.gradEnabled && x.tracked;
  const forward = needsGrad ? undefined : fusedKernel(e.backend, maxPool2dForwardKernel);
  if (forward && forward(x.data, g, out.data)) return out;
  const { argmax, store } = pooledArgmax(x, g, out);
  if (!needsGrad) {
    store.dispose();
    return out;
  }
  const node = x.node;
  if (node?.op === 'relu') return recordGatedPoolBackward(out, node.inputs[0], argmax, g);
  return e.record(out, 'max_pool2d', [x], (dy) => {
    const dx = e.empty(x.shape);
    e.backend.kernels.maxPool2dGrad(dy.data, argmax, dx.data, g);
    return [dx];
  });
}

/**
 * Pools x into out with the backend's maxPool2d and returns the argmax (flat input indices) with the
 * tensor that stores it: a float buffer of the same byte size viewed as int32, released with the
 * step's scope (recycled like every other temporary) or by the caller once no backward will read it.
 */
export function pooledArgmax(x: Tensor, g: Conv2dGeometry, out: Tensor): { argmax: Int32Array; store: Tensor } {
  const store = x.engine.empty(out.shape);
  const argmax = new Int32Array(store.data.buffer, store.data.byteOffset, store.size);
  x.engine.backend.kernels.maxPool2d(x.data, g, out.data, argmax);
  return { argmax, store };
}

/**
 * Records on `out` — the window maxima of relu(z), `argmax` their flat indices into z (or into
 * relu(z): the same where a maximum is > 0) — the backward of maxPool2d(relu(z)) with respect to z:
 * dz = scatter(dy where out > 0, argmax). Gating the pooled gradient before the scatter gives what
 * gating the scattered one on z gives, bit for bit: an element of z receives only from windows whose
 * maximum it is, and it is > 0 exactly when their output is.
 */
export function recordGatedPoolBackward(out: Tensor, z: Tensor, argmax: Int32Array, g: Conv2dGeometry): Tensor {
  const e = z.engine;
  return e.record(out, 'relu_max_pool2d', [z], (dy) => {
    const dz = e.empty(z.shape);
    const fused = fusedKernel(e.backend, reluMaxPool2dGradKernel);
    if (fused) {
      fused(dy.data, out.data, argmax, dz.data, g);
      return [dz];
    }
    const k = e.backend.kernels;
    const gated = e.empty(dy.shape);
    k.binary('gate', dy.data, dy.shape, out.data, out.shape, gated.data, gated.shape);
    k.maxPool2dGrad(gated.data, argmax, dz.data, g);
    gated.dispose();
    return [dz];
  });
}

/** Mean over each window of x [N, C, H, W]. */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const g = pool2dGeometry('avg_pool2d', x.shape, options);
  const e = x.engine;
  const out = e.empty([g.n, g.c, g.outH, g.outW]);
  e.backend.kernels.avgPool2d(x.data, g, out.data);
  return e.record(out, 'avg_pool2d', [x], (dy) => {
    const dx = e.empty(x.shape);
    e.backend.kernels.avgPool2dGrad(dy.data, g, dx.data);
    return [dx];
  });
}
