import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Conv2dGeometry } from '../backend.js';
import type { Tensor } from '../tensor.js';
import { declareFusedKernel, fusedKernel } from '../fused-kernel.js';
import { relu } from './activations.js';
import { formatShape } from './broadcast.js';

/** A number pads every side by that much; 'valid' is 0; 'same' keeps ⌈size / stride⌉ (TensorFlow's rule). */
export type Conv2dPadding = number | 'valid' | 'same';

export interface Conv2dOptions {
  /** Step of the window in both directions (default 1). */
  stride?: number;
  /** Default 'valid'. */
  padding?: Conv2dPadding;
  /** Applied to the output (default linear); the op fuses ReLU where a backend can. */
  activation?: 'linear' | 'relu';
}

/**
 * A convolution's forward when no gradient will be asked for (inference): out = act(conv(x, w) + bias)
 * for NCHW x and out, w [outChannels, c, kh, kw], bias [outChannels] or null, act `linear` or `relu`.
 * `frozen`: w will not change until its buffer goes back to the backend (a loaded model's weights), so
 * the backend may keep a prepared copy of it. Optional; returns false when it cannot run on these
 * arrays, and the op then runs im2col, the product, the bias add and ReLU as separate kernels over the
 * whole batch.
 */
export type Conv2dForward = (x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, g: Conv2dGeometry,
  outChannels: number, activation: 'linear' | 'relu', frozen?: boolean) => boolean;
export const conv2dForwardKernel = declareFusedKernel<Conv2dForward>('conv2d_forward');

/**
 * A convolution's forward product for the training path, computed without the patch matrix (e.g. by
 * Winograd's algorithm for 3×3 windows): out = conv(x, w) + bias, NCHW, bias [outChannels] or null.
 * Optional; returns false for geometries it has no faster way for, and the op then runs im2col and
 * the product. The gradients stay the op's: the backward makes the patch matrix for dW itself.
 */
export type Conv2dProduct = (x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, g: Conv2dGeometry, outChannels: number) => boolean;
export const conv2dProductKernel = declareFusedKernel<Conv2dProduct>('conv2d_product');

/**
 * A convolution's input gradient for the training path without the patch matrix: dx [N, C, H, W] from
 * dy [N, outChannels, outH, outW] and w, `g` the forward's geometry (the "full" convolution of dy with
 * w's filters rotated by 180° and channels swapped). Optional; returns false for geometries it has no
 * faster way for, and the op then runs Wᵀ·dy and col2im.
 */
export type Conv2dInputGrad = (dy: Float32Array, w: Float32Array, dx: Float32Array, g: Conv2dGeometry, outChannels: number) => boolean;
export const conv2dInputGradKernel = declareFusedKernel<Conv2dInputGrad>('conv2d_input_grad');

/**
 * A convolution's weight gradient for the training path without the batch's patch matrix: dw
 * [outChannels, c, kh, kw] from the forward's input x and dy [N, outChannels, outH, outW], `g` the
 * forward's geometry (dw = dy·patches(x)ᵀ, summed over images and positions). Optional; returns false
 * for geometries it has no faster way for, and the op then runs im2col (unless the forward kept its
 * patch matrix) and dY·colsᵀ.
 */
export type Conv2dWeightGrad = (x: Float32Array, dy: Float32Array, dw: Float32Array, g: Conv2dGeometry, outChannels: number) => boolean;
export const conv2dWeightGradKernel = declareFusedKernel<Conv2dWeightGrad>('conv2d_weight_grad');

/**
 * Window geometry of a convolution over an NCHW input shape. 'same' follows TensorFlow: the output
 * is ⌈H / stride⌉ high and the total padding max((outH − 1)·stride + kh − H, 0) is split with the
 * smaller half on top/left, so an even kernel pads one more row at the bottom and column at the right.
 * Throws a shape error naming `op` when the window does not fit.
 */
export function conv2dGeometry(op: string, inputShape: readonly number[], kh: number, kw: number, stride: number, padding: Conv2dPadding): Conv2dGeometry {
  if (inputShape.length !== 4) {
    throw new HyperspecError('shape', `${op}: needs an NCHW input [batch, channels, height, width], got ${formatShape(inputShape)}`);
  }
  if (!Number.isInteger(stride) || stride < 1) throw new HyperspecError('shape', `${op}: stride must be a positive integer, got ${stride}`);
  const [n, c, h, w] = inputShape;
  let padTop: number;
  let padLeft: number;
  let outH: number;
  let outW: number;
  if (padding === 'same') {
    outH = Math.ceil(h / stride);
    outW = Math.ceil(w / stride);
    padTop = Math.floor(Math.max((outH - 1) * stride + kh - h, 0) / 2);
    padLeft = Math.floor(Math.max((outW - 1) * stride + kw - w, 0) / 2);
  } else {
    const p = padding === 'valid' ? 0 : padding;
    if (!Number.isInteger(p) || p < 0) throw new HyperspecError('shape', `${op}: padding must be 'valid', 'same' or a non-negative integer, got ${String(padding)}`);
    padTop = p;
    padLeft = p;
    outH = Math.floor((h + 2 * p - kh) / stride) + 1;
    outW = Math.floor((w + 2 * p - kw) / stride) + 1;
    if (h + 2 * p < kh || w + 2 * p < kw) {
      throw new HyperspecError('shape', `${op}: a ${kh}×${kw} window does not fit input ${formatShape(inputShape)} with padding ${p} (the padded image is ${h + 2 * p}×${w + 2 * p})`);
    }
  }
  return { n, c, h, w, kh, kw, strideH: stride, strideW: stride, padTop, padLeft, outH, outW };
}

/**
 * 2-d convolution (cross-correlation, as in PyTorch) of x [N, C, H, W] with weights [O, C, kh, kw]
 * and an optional bias [O]; returns [N, O, outH, outW].
 *
 * Forward: im2col unfolds x into cols [C·kh·kw, N·outH·outW] (one column per output position); one
 * product W[O, C·kh·kw]·cols gives the output as the matrix [O, N·outH·outW], which `matmulNchw`
 * writes straight into NCHW (row o of image n is a run of outH·outW floats), then the bias is added
 * per channel. Backward reuses cols, reading dY (NCHW) as that same matrix: dW = dY·colsᵀ,
 * dx = col2im(Wᵀ·dY), db = Σ dY over images and positions. Where the backend has a product that needs
 * no patch matrix for this geometry (`conv2d_product`, e.g. Winograd's for 3×3 windows), the forward
 * runs it instead of im2col and the product, and the backward makes cols for dW; likewise
 * `conv2d_input_grad` replaces Wᵀ·dY and col2im, and `conv2d_weight_grad` the
 * backward's im2col and dY·colsᵀ.
 */
export function conv2d(x: Tensor, w: Tensor, b: Tensor | null, options: Conv2dOptions = {}): Tensor {
  if (x.rank !== 4 || w.rank !== 4 || x.shape[1] !== w.shape[1]) {
    throw new HyperspecError('shape', `conv2d: input ${formatShape(x.shape)} does not match weights ${formatShape(w.shape)} (expected input [batch, ${w.rank === 4 ? w.shape[1] : 'channels'}, height, width] and weights [out, in, kh, kw])`);
  }
  const outChannels = w.shape[0];
  if (b && (b.rank !== 1 || b.shape[0] !== outChannels)) {
    throw new HyperspecError('shape', `conv2d: bias ${formatShape(b.shape)} does not match weights ${formatShape(w.shape)} (expected [${outChannels}])`);
  }
  const g = conv2dGeometry('conv2d', x.shape, w.shape[2], w.shape[3], options.stride ?? 1, options.padding ?? 'valid');
  const e = x.engine;
  const outShape = [g.n, outChannels, g.outH, g.outW];
  const activation = options.activation ?? 'linear';

  const inputs = b ? [x, w, b] : [x, w];
  const needsGrad = e.gradEnabled && inputs.some((t) => t.tracked);
  const forward = needsGrad ? undefined : fusedKernel(e.backend, conv2dForwardKernel);
  if (forward) {
    const out = e.empty(outShape);
    if (forward(x.data, w.data, b ? b.data : null, out.data, g, outChannels, activation, w.frozen)) return out;
    out.dispose();
  }
  const y = convBatched(x, w, b, g, outChannels, needsGrad);
  return activation === 'relu' ? relu(y) : y;
}

/** The convolution over the whole batch: one im2col, one product, the bias added in place (or the backend's `conv2d_product`); records its backward when `needsGrad`. */
function convBatched(x: Tensor, w: Tensor, b: Tensor | null, g: Conv2dGeometry, outChannels: number, needsGrad: boolean): Tensor {
  const e = x.engine;
  const k = e.backend.kernels;
  const positions = g.outH * g.outW;
  const columns = g.n * positions;
  const patch = g.c * g.kh * g.kw;
  const outShape = [g.n, outChannels, g.outH, g.outW];
  const out = e.empty(outShape);
  const product = needsGrad ? fusedKernel(e.backend, conv2dProductKernel) : undefined;
  // The backend's product needs no patch matrix; the backward then makes one only for dW.
  let cols: Tensor | null = null;
  if (!product?.(x.data, w.data, b ? b.data : null, out.data, g, outChannels)) {
    cols = e.empty([patch, columns]);
    k.im2col(x.data, g, cols.data);
    k.matmulNchw(w.data, cols.data, out.data, outChannels, patch, columns, false, false, 'out', positions);
    // One bias value per channel, added in place.
    if (b) k.binary('add', out.data, outShape, b.data, [1, outChannels, 1, 1], out.data, outShape);
  }

  const inputs = b ? [x, w, b] : [x, w];
  if (!needsGrad) {
    // No backward will come: give the (large) patch matrix back now rather than at scope end.
    cols?.dispose();
    return out;
  }
  return e.record(out, 'conv2d', inputs, (dy) => {
    let dx: Tensor | null = null;
    let dw: Tensor | null = null;
    let db: Tensor | null = null;
    if (w.tracked) {
      dw = e.empty(w.shape);
      if (!fusedKernel(e.backend, conv2dWeightGradKernel)?.(x.data, dy.data, dw.data, g, outChannels)) {
        const patches = cols ?? e.empty([patch, columns]);
        if (!cols) k.im2col(x.data, g, patches.data);
        k.matmulNchw(dy.data, patches.data, dw.data, outChannels, columns, patch, false, true, 'a', positions);
        if (!cols) patches.dispose();
      }
    }
    if (x.tracked) {
      dx = e.empty(x.shape);
      if (!fusedKernel(e.backend, conv2dInputGradKernel)?.(dy.data, w.data, dx.data, g, outChannels)) {
        const dcols = e.empty([patch, columns]);
        k.matmulNchw(w.data, dy.data, dcols.data, patch, outChannels, columns, true, false, 'b', positions);
        k.col2im(dcols.data, g, dx.data);
        dcols.dispose();
      }
    }
    if (b?.tracked) {
      // Σ over positions ([N·O] sums), then over images.
      const perImage = e.empty([g.n, outChannels]);
      k.reduce('sum', dy.data, g.n * outChannels, positions, 1, perImage.data);
      db = e.empty([outChannels]);
      k.reduce('sum', perImage.data, 1, g.n, outChannels, db.data);
      perImage.dispose();
    }
    return b ? [dx, dw, db] : [dx, dw];
  });
}
