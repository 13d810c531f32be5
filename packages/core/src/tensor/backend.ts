import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';

/** Elementwise functions of one input. The `*_grad` entries are derivatives used by gradient rules. */
export type UnaryOp =
  | 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'square' | 'reciprocal'
  | 'relu' | 'sigmoid' | 'tanh' | 'leaky_relu' | 'elu' | 'gelu' | 'softplus'
  /** 1 where x > 0, else 0. */
  | 'step'
  /** d/dx of leaky_relu / elu / gelu / softplus, evaluated at x (alpha as for the forward op). */
  | 'leaky_relu_grad' | 'elu_grad' | 'gelu_grad' | 'softplus_grad';

/** `gate` is a where b > 0, else 0: ReLU's backward in one pass (PyTorch's threshold_backward). */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min' | 'pow' | 'gate';

export type ReduceOp = 'sum' | 'max';

/** Geometry of a 2-d convolution or pooling window over NCHW images. */
export interface Conv2dGeometry {
  n: number; c: number; h: number; w: number;
  kh: number; kw: number;
  strideH: number; strideW: number;
  padTop: number; padLeft: number;
  outH: number; outW: number;
}

/**
 * The kernel table of a backend. Every kernel writes its result into `out`, which the caller
 * allocated with the backend and which the kernel must overwrite completely. Shapes are checked by
 * the ops in core before a kernel is called, so kernels only compute.
 */
export interface Kernels {
  /** out[m×n] = op(a)·op(b), where op transposes when the flag is set (a is k×m when transA). */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void;
  /**
   * matmul where one operand — `nchw`: 'a' (m×k), 'b' (k×n) or 'out' (m×n), never a transposed one —
   * is NCHW data [batch, channels, positions] taken as the [channels, batch·positions] matrix: its
   * element (c, b·positions + q) is at (b·channels + c)·positions + q. These are the products of a
   * convolution with its output and output gradient (core's conv2d), which so need no reorder between
   * NCHW and the channels-first layout of im2col's columns.
   */
  matmulNchw(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean,
    nchw: 'a' | 'b' | 'out', positions: number): void;
  unary(op: UnaryOp, x: Float32Array, out: Float32Array, alpha: number): void;
  /** Broadcasting elementwise op; shapes are already right-aligned to outShape's rank. */
  binary(op: BinaryOp, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], out: Float32Array, outShape: readonly number[]): void;
  /** Reduces the middle axis of x viewed as [outer, axisLen, inner] into out[outer×inner]. */
  reduce(op: ReduceOp, x: Float32Array, outer: number, axisLen: number, inner: number, out: Float32Array): void;
  /** Permutes the axes of x (shape) by perm. */
  transpose(x: Float32Array, shape: readonly number[], perm: readonly number[], out: Float32Array): void;
  /** Broadcasts x (shape right-aligned to outShape's rank) to outShape. */
  broadcastTo(x: Float32Array, shape: readonly number[], out: Float32Array, outShape: readonly number[]): void;
  /** Row-wise softmax of x viewed as [rows, cols]. */
  softmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** Row-wise log-softmax of x viewed as [rows, cols]. */
  logSoftmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /**
   * Softmax cross-entropy with integer class labels: loss[i] = -log softmax(x_i)[label_i];
   * probs receives the softmax (kept for the gradient).
   */
  softmaxCrossEntropy(logits: Float32Array, labels: Float32Array, rows: number, cols: number, loss: Float32Array, probs: Float32Array): void;
  /** Unfolds NCHW image patches into columns: out[(c·kh·kw) × (n·outH·outW)], row (c, ky, kx), column (n, oy, ox); padding reads as 0. */
  im2col(x: Float32Array, g: Conv2dGeometry, out: Float32Array): void;
  /** Adjoint of im2col: sums the columns back into NCHW images (out is overwritten). */
  col2im(cols: Float32Array, g: Conv2dGeometry, out: Float32Array): void;
  /** Max pooling; argmax receives the flat input index of each maximum (for the gradient). */
  maxPool2d(x: Float32Array, g: Conv2dGeometry, out: Float32Array, argmax: Int32Array): void;
  /**
   * Scatters dy into dx at argmax (dx overwritten). `g` is the forward pooling's geometry: every
   * argmax of plane (image, channel) p points into plane p, so a backend may split the planes.
   */
  maxPool2dGrad(dy: Float32Array, argmax: Int32Array, dx: Float32Array, g: Conv2dGeometry): void;
  /** Average pooling over the window (padding counted as zeros, divisor kh·kw). */
  avgPool2d(x: Float32Array, g: Conv2dGeometry, out: Float32Array): void;
  avgPool2dGrad(dy: Float32Array, g: Conv2dGeometry, dx: Float32Array): void;
  /** out = gathers x[i, idx[i]] for x viewed as [rows, cols]. */
  pick(x: Float32Array, idx: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** dx (rows×cols, overwritten) = scatter of dy[i] into column idx[i]. */
  pickGrad(dy: Float32Array, idx: Float32Array, rows: number, cols: number, dx: Float32Array): void;
}

/**
 * A tensor backend: float32 storage and the kernels that compute on it. Storage is a Float32Array
 * (for a WebAssembly backend, a view into its memory); buffers are recycled by size so a training
 * step in steady state allocates nothing.
 */
export interface Backend {
  readonly name: string;
  /** Returns a buffer of `size` floats with unspecified contents (write before reading). */
  alloc(size: number): Float32Array;
  /** Returns a buffer to the pool; the caller must not use it afterwards. */
  release(buffer: Float32Array): void;
  readonly kernels: Kernels;
  /**
   * Optional fused kernels by name (see `FusedKernel`): declared by the op or plugin that uses them
   * (`dense_forward` in core's dense op, `adam_update` in the Adam optimizer), looked up with `fusedKernel`.
   */
  readonly fused?: Readonly<Record<string, (...args: never[]) => void>>;
  /** Buffers handed out and not released, and buffers created since start: for leak checks and benches. */
  stats(): { live: number; created: number; pooled: number };
}

/** The container token under which plugins bind Backend descriptors, each named by its `type`. */
export const Backend: ServiceIdentifier<ComponentDescriptor<Backend>> = Symbol.for('hyperspec.Backend');
