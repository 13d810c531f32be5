import type { Tensor } from '../tensor/tensor.js';
import { abs, add, log, maximum, mul, neg, powScalar, sqrt, square } from '../tensor/ops/elementwise.js';
import { sigmoid, softplus } from '../tensor/ops/activations.js';
import { mean, sum } from '../tensor/ops/reduce.js';
import { broadcastTo, flatten, reshape, transpose } from '../tensor/ops/shape.js';
import { matmul } from '../tensor/ops/matmul.js';
import { dense } from '../tensor/ops/dense.js';
import { logSoftmax, softmaxCrossEntropy } from '../tensor/ops/softmax.js';
import type { Conv2dGeometry } from '../tensor/backend.js';
import { conv2d, type Conv2dPadding } from '../tensor/ops/conv2d.js';
import { avgPool2d, maxPool2d } from '../tensor/ops/pool2d.js';
import { batchNorm } from '../tensor/ops/batch-norm.js';
import { dropout } from '../tensor/ops/dropout.js';
import { Rng } from '../util/rng.js';
import { referenceConv2d, referenceLogSumExp, referenceMatmul, referencePool2d, referenceTranspose } from './reference-ops.js';

/** act(x·w + b) in float64. */
function referenceDense(x: Float32Array, w: Float32Array, b: Float32Array | null, m: number, k: number, n: number, relu: boolean): number[] {
  const y = referenceMatmul(x, w, m, k, n);
  return y.map((v, i) => {
    const z = v + (b ? b[i % n] : 0);
    return relu ? Math.max(z, 0) : z;
  });
}

/** An input of a conformance case: random normal values of a shape, or given values. */
export interface CaseInput {
  shape: number[];
  /** Draw from [0.5, 2) instead, for ops defined on positive numbers. */
  positive?: boolean;
  values?: number[];
}

/**
 * A check beyond the PyTorch fixtures: an op (or a kernel path such as a transposed or cache-blocked
 * matmul) run on seeded inputs, compared with a float64 reference where one is given, and always
 * with finite differences.
 */
export interface ConformanceCase {
  name: string;
  inputs: CaseInput[];
  forward: (...xs: Tensor[]) => Tensor;
  reference?: (xs: Float32Array[]) => number[];
  /** Finite-difference step (see `checkGradients`). */
  step?: number;
  /** Finite differences on at most this many elements per input (big inputs). */
  maxElements?: number;
}

/**
 * The reference geometry is written out per case (pads on top/left, output size) rather than taken
 * from `conv2dGeometry`, so a wrong padding rule cannot agree with itself.
 */
const conv = (name: string, x: number[], w: number[], bias: boolean, stride: number, padding: Conv2dPadding, pads: [top: number, left: number], out: [h: number, w: number]): ConformanceCase => ({
  name,
  inputs: bias ? [{ shape: x }, { shape: w }, { shape: [w[0]] }] : [{ shape: x }, { shape: w }],
  forward: (xs, ws, bs) => conv2d(xs, ws, bs ?? null, { stride, padding }),
  reference: ([xs, ws, bs]) => referenceConv2d(xs, ws, bs ?? null, geometry(x, w[2], w[3], stride, pads, out), w[0]),
});

function geometry(x: number[], kh: number, kw: number, stride: number, [padTop, padLeft]: [number, number], [outH, outW]: [number, number]): Conv2dGeometry {
  return { n: x[0], c: x[1], h: x[2], w: x[3], kh, kw, strideH: stride, strideW: stride, padTop, padLeft, outH, outW };
}

const pool = (name: string, x: number[], kernel: number, stride: number, mode: 'max' | 'avg'): ConformanceCase => ({
  name,
  inputs: [{ shape: x }],
  forward: (xs) => (mode === 'max' ? maxPool2d : avgPool2d)(xs, { kernel, stride }),
  reference: ([xs]) => referencePool2d(xs, geometry(x, kernel, kernel, stride, [0, 0], [Math.floor((x[2] - kernel) / stride) + 1, Math.floor((x[3] - kernel) / stride) + 1]), mode),
  step: mode === 'max' ? 1e-3 : undefined,
});

const elementwise = (name: string, positive: boolean, forward: (x: Tensor) => Tensor, f: (x: number) => number): ConformanceCase => ({
  name,
  inputs: [{ shape: [3, 7], positive }],
  forward,
  reference: ([x]) => Array.from(x, f),
});

const extreme = [-120, -30, -5, -1e-3, 0, 1e-3, 5, 30, 120];

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  { name: 'matmul transA', inputs: [{ shape: [7, 5] }, { shape: [7, 3] }], forward: (a, b) => matmul(a, b, { transA: true }), reference: ([a, b]) => referenceMatmul(a, b, 5, 7, 3, true, false) },
  { name: 'matmul transB', inputs: [{ shape: [5, 7] }, { shape: [3, 7] }], forward: (a, b) => matmul(a, b, { transB: true }), reference: ([a, b]) => referenceMatmul(a, b, 5, 7, 3, false, true) },
  { name: 'matmul transA transB', inputs: [{ shape: [7, 5] }, { shape: [3, 7] }], forward: (a, b) => matmul(a, b, { transA: true, transB: true }), reference: ([a, b]) => referenceMatmul(a, b, 5, 7, 3, true, true) },
  // Larger than one cache block in every direction, with ragged edges.
  // dense with bias and ReLU: one fused kernel on backends with dense_forward, three kernels on others.
  { name: 'dense + bias + relu', inputs: [{ shape: [6, 9] }, { shape: [9, 13] }, { shape: [13] }], forward: (x, w, b) => dense(x, w, b, 'relu'), reference: ([x, w, b]) => referenceDense(x, w, b, 6, 9, 13, true) },
  { name: 'dense + bias, across blocks', inputs: [{ shape: [70, 300] }, { shape: [300, 21] }, { shape: [21] }], forward: (x, w, b) => dense(x, w, b), reference: ([x, w, b]) => referenceDense(x, w, b, 70, 300, 21, false), maxElements: 12 },
  // Given values: every pre-activation is at least 0.5 away from ReLU's kink, where finite differences fail.
  {
    name: 'dense + relu, no bias',
    inputs: [{ shape: [2, 3], values: [1, -2, 0.5, -1, 0.5, 2] }, { shape: [3, 4], values: [0.5, -1, 1, 0.2, -0.3, 0.4, -1, 0.6, 1, 1, 0.5, -2] }],
    forward: (x, w) => dense(x, w, null, 'relu'),
    reference: ([x, w]) => referenceDense(x, w, null, 2, 3, 4, true),
  },
  { name: 'matmul across blocks', inputs: [{ shape: [37, 301] }, { shape: [301, 263] }], forward: (a, b) => matmul(a, b), reference: ([a, b]) => referenceMatmul(a, b, 37, 301, 263), maxElements: 12 },
  { name: 'matmul transA across blocks', inputs: [{ shape: [261, 33] }, { shape: [261, 70] }], forward: (a, b) => matmul(a, b, { transA: true }), reference: ([a, b]) => referenceMatmul(a, b, 33, 261, 70, true, false), maxElements: 12 },
  { name: 'add general broadcast', inputs: [{ shape: [2, 1, 3] }, { shape: [4, 1] }], forward: (a, b) => add(a, b), reference: ([a, b]) => Array.from({ length: 24 }, (_, i) => a[Math.floor(i / 12) * 3 + (i % 3)] + b[Math.floor(i / 3) % 4]) },
  { name: 'maximum broadcast', inputs: [{ shape: [4, 5] }, { shape: [5] }], forward: (a, b) => maximum(a, b), reference: ([a, b]) => Array.from(a, (v, i) => Math.max(v, b[i % 5])), step: 1e-3 },
  elementwise('pow 2.5', true, (x) => powScalar(x, 2.5), (v) => v ** 2.5),
  elementwise('sqrt', true, sqrt, Math.sqrt),
  elementwise('log', true, log, Math.log),
  elementwise('square', false, square, (v) => v * v),
  elementwise('neg', false, neg, (v) => -v),
  elementwise('abs', false, abs, Math.abs),
  { name: 'sigmoid at extremes', inputs: [{ shape: [9], values: extreme }], forward: sigmoid, reference: ([x]) => Array.from(x, (v) => 1 / (1 + Math.exp(-v))) },
  { name: 'softplus at extremes', inputs: [{ shape: [9], values: extreme }], forward: softplus, reference: ([x]) => Array.from(x, (v) => (v > 30 ? v : Math.log1p(Math.exp(v)))) },
  { name: 'log_softmax at extremes', inputs: [{ shape: [1, 9], values: extreme }], forward: logSoftmax, reference: ([x]) => Array.from(x, (v) => v - referenceLogSumExp(x, 1, 9)[0]) },
  {
    name: 'softmax cross-entropy at extremes',
    inputs: [{ shape: [3, 3], values: [100, -100, 0, -80, 80, 1, 3, 3, 3] }],
    forward: (x) => softmaxCrossEntropy(x, x.engine.tensor([1, 0, 2], [3])),
    reference: ([x]) => {
      const lse = referenceLogSumExp(x, 3, 3);
      return [(lse[0] - x[1] + lse[1] - x[3] + lse[2] - x[8]) / 3];
    },
  },
  { name: 'transpose 3-d [2, 0, 1]', inputs: [{ shape: [2, 3, 4] }], forward: (x) => transpose(x, [2, 0, 1]), reference: ([x]) => referenceTranspose(x, [2, 3, 4], [2, 0, 1]) },
  { name: 'transpose batched [0, 2, 1]', inputs: [{ shape: [3, 5, 17] }], forward: (x) => transpose(x, [0, 2, 1]), reference: ([x]) => referenceTranspose(x, [3, 5, 17], [0, 2, 1]) },
  { name: 'transpose 4-d [0, 3, 1, 2]', inputs: [{ shape: [2, 3, 4, 5] }], forward: (x) => transpose(x, [0, 3, 1, 2]), reference: ([x]) => referenceTranspose(x, [2, 3, 4, 5], [0, 3, 1, 2]) },
  { name: 'transpose with unit axes [3, 1, 0, 2]', inputs: [{ shape: [2, 1, 3, 4] }], forward: (x) => transpose(x, [3, 1, 0, 2]), reference: ([x]) => referenceTranspose(x, [2, 1, 3, 4], [3, 1, 0, 2]) },
  { name: 'transpose moving a unit axis [1, 0, 2, 3]', inputs: [{ shape: [2, 1, 3, 4] }], forward: (x) => transpose(x, [1, 0, 2, 3]), reference: ([x]) => referenceTranspose(x, [2, 1, 3, 4], [1, 0, 2, 3]) },
  { name: 'broadcastTo', inputs: [{ shape: [3, 1] }], forward: (x) => broadcastTo(x, [2, 3, 4]), reference: ([x]) => Array.from({ length: 24 }, (_, i) => x[Math.floor(i / 4) % 3]) },
  { name: 'sum over axes 0 and 2, keepDims', inputs: [{ shape: [2, 3, 4] }], forward: (x) => sum(x, [0, 2], true), reference: ([x]) => [0, 1, 2].map((j) => x.reduce((s, v, i) => (Math.floor(i / 4) % 3 === j ? s + v : s), 0)) },
  { name: 'mean over last axis', inputs: [{ shape: [3, 4] }], forward: (x) => mean(x, -1), reference: ([x]) => [0, 1, 2].map((r) => (x[r * 4] + x[r * 4 + 1] + x[r * 4 + 2] + x[r * 4 + 3]) / 4) },
  { name: 'reshape and flatten', inputs: [{ shape: [2, 3, 4] }], forward: (x) => mul(flatten(reshape(x, [2, -1, 2])), flatten(x)), reference: ([x]) => Array.from(x, (v) => v * v) },
  // 'same' as TensorFlow: an even kernel pads the extra row/column at the bottom/right.
  conv('conv2d same, even kernel 2×2', [2, 2, 5, 6], [3, 2, 2, 2], true, 1, 'same', [0, 0], [5, 6]),
  conv('conv2d same, 4×4 kernel, stride 2', [1, 2, 7, 8], [2, 2, 4, 4], true, 2, 'same', [1, 1], [4, 4]),
  conv('conv2d same, 3×3', [2, 3, 6, 6], [4, 3, 3, 3], true, 1, 'same', [1, 1], [6, 6]),
  // ReLU inside the op: one fused kernel on backends with conv2d_forward (outputs, no gradient), conv then relu on others.
  {
    name: 'conv2d same, 3×3, relu',
    inputs: [{ shape: [2, 3, 5, 5] }, { shape: [4, 3, 3, 3] }, { shape: [4] }],
    forward: (xs, ws, bs) => conv2d(xs, ws, bs, { padding: 'same', activation: 'relu' }),
    reference: ([xs, ws, bs]) => referenceConv2d(xs, ws, bs, geometry([2, 3, 5, 5], 3, 3, 1, [1, 1], [5, 5]), 4).map((v) => Math.max(v, 0)),
    // A smaller step keeps the central differences off ReLU's kink (as for maximum).
    step: 1e-3,
  },
  conv('conv2d 3×2 kernel, padding 1, no bias', [2, 3, 6, 5], [4, 3, 3, 2], false, 1, 1, [1, 1], [6, 6]),
  conv('conv2d valid, stride 3', [1, 2, 10, 8], [3, 2, 3, 3], true, 3, 'valid', [0, 0], [3, 2]),
  pool('max_pool2d 3×3 stride 1 (overlapping)', [2, 2, 6, 5], 3, 1, 'max'),
  pool('max_pool2d 2×2 on odd size', [1, 3, 5, 7], 2, 2, 'max'),
  pool('avg_pool2d 3×3 stride 2', [2, 2, 7, 7], 3, 2, 'avg'),
  pool('avg_pool2d 2×2 stride 1', [1, 2, 4, 5], 2, 1, 'avg'),
  {
    name: 'batch_norm 2d inference',
    inputs: [{ shape: [3, 2, 3, 3] }, { shape: [2] }, { shape: [2] }],
    forward: (x, g, b) => batchNorm(x, g, b, { training: false, eps: 1e-5, runningMean: x.engine.tensor([0.3, -0.2], [2]), runningVar: x.engine.tensor([0.5, 2], [2]) }),
    reference: ([x, g, b]) => Array.from(x, (v, i) => {
      const c = Math.floor(i / 9) % 2;
      return (g[c] * (v - [0.3, -0.2][c])) / Math.sqrt([0.5, 2][c] + 1e-5) + b[c];
    }),
  },
  { name: 'batch_norm 2d training, wide batch', inputs: [{ shape: [5, 3, 4, 2] }, { shape: [3] }, { shape: [3] }], forward: (x, g, b) => batchNorm(x, g, b, { training: true }) },
  // The generator is re-seeded on every call so the mask is the same for each finite difference.
  { name: 'dropout in training', inputs: [{ shape: [4, 25] }], forward: (x) => dropout(x, 0.3, new Rng(5), true) },
];
