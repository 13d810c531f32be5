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

/** Max over each window of x [N, C, H, W]; the gradient goes to the (first) maximal element. */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const g = pool2dGeometry('max_pool2d', x.shape, options);
  const e = x.engine;
  const out = e.empty([g.n, g.c, g.outH, g.outW]);
  const needsGrad = e.gradEnabled && x.tracked;
  const forward = needsGrad ? undefined : fusedKernel(e.backend, maxPool2dForwardKernel);
  if (forward && forward(x.data, g, out.data)) return out;
  // The argmax indices live in a pooled float buffer viewed as int32 (same byte size), so they are
  // recycled with the step's scope like every other temporary.
  const argmaxStore = e.empty(out.shape);
  const argmax = new Int32Array(argmaxStore.data.buffer, argmaxStore.data.byteOffset, argmaxStore.size);
  e.backend.kernels.maxPool2d(x.data, g, out.data, argmax);
  if (!needsGrad) {
    argmaxStore.dispose();
    return out;
  }
  return e.record(out, 'max_pool2d', [x], (dy) => {
    const dx = e.empty(x.shape);
    e.backend.kernels.maxPool2dGrad(dy.data, argmax, dx.data, g);
    return [dx];
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
