import type { Tensor } from '../tensor/tensor.js';
import { abs, add, addScalar, div, exp, log, mul, sub } from '../tensor/ops/elementwise.js';
import { elu, gelu, leakyRelu, relu, sigmoid, softplus, tanh } from '../tensor/ops/activations.js';
import { max, mean, sum } from '../tensor/ops/reduce.js';
import { transpose } from '../tensor/ops/shape.js';
import { matmul } from '../tensor/ops/matmul.js';
import { logSoftmax, softmax, softmaxCrossEntropy } from '../tensor/ops/softmax.js';
import { binaryCrossEntropyWithLogits, mse } from '../tensor/ops/losses.js';
import { dense } from '../tensor/ops/dense.js';
import { conv2d } from '../tensor/ops/conv2d.js';
import { avgPool2d, maxPool2d } from '../tensor/ops/pool2d.js';
import { batchNorm } from '../tensor/ops/batch-norm.js';

/** A flattened tensor as the fixture files store it. */
export interface FixtureTensor {
  shape: number[];
  data: number[];
}

/** One case of `ops.json` (see the fixtures' README). */
export interface OpFixtureCase {
  name: string;
  attrs: Record<string, unknown>;
  /** Differentiable inputs, in the order the op takes them. */
  inputs: Record<string, FixtureTensor>;
  output: FixtureTensor;
  upstream: FixtureTensor;
  /** Gradient of Σ output·upstream with respect to each input. */
  grads: Record<string, FixtureTensor>;
  labels?: number[];
  target?: FixtureTensor;
}

/** Runs a case's op with core ops on its inputs (given in the order of `inputs`). */
export type OpFixtureForward = (c: OpFixtureCase, ...inputs: Tensor[]) => Tensor;

const conv: OpFixtureForward = (c, x, w, b) =>
  conv2d(x, w, b, { stride: c.attrs.stride as number, padding: c.attrs.padding as number });

const pool = (op: typeof maxPool2d): OpFixtureForward => (c, x) =>
  op(x, { kernel: c.attrs.kernel_size as number, stride: c.attrs.stride as number });

const batchNormTrain: OpFixtureForward = (c, x, gamma, beta) =>
  batchNorm(x, gamma, beta, { training: true, eps: c.attrs.eps as number });

/**
 * How each PyTorch case is computed with core ops. A case missing here fails the conformance suite,
 * so a new fixture cannot be skipped silently.
 */
export const OP_FIXTURE_FORWARDS: Record<string, OpFixtureForward> = {
  matmul: (_c, a, b) => matmul(a, b),
  add_broadcast: (_c, a, b) => add(a, b),
  mul_broadcast: (_c, a, b) => mul(a, b),
  sub: (_c, a, b) => sub(a, b),
  div: (_c, a, b) => div(a, b),
  dense: (_c, x, w, b) => dense(x, w, b),
  relu: (_c, x) => relu(x),
  sigmoid: (_c, x) => sigmoid(x),
  tanh: (_c, x) => tanh(x),
  'leaky_relu_0.01': (_c, x) => leakyRelu(x, 0.01),
  elu: (_c, x) => elu(x, 1),
  gelu_tanh: (_c, x) => gelu(x),
  softplus: (_c, x) => softplus(x),
  exp: (_c, x) => exp(x),
  log_of_abs_plus_1: (_c, x) => log(addScalar(abs(x), 1)),
  softmax_lastdim: (_c, x) => softmax(x),
  log_softmax_lastdim: (_c, x) => logSoftmax(x),
  sum_axis1: (_c, x) => sum(x, 1),
  mean_all: (_c, x) => mean(x),
  max_axis1: (_c, x) => max(x, 1),
  transpose: (_c, x) => transpose(x),
  softmax_cross_entropy_mean: (c, logits) => softmaxCrossEntropy(logits, logits.engine.tensor(c.labels ?? [], [c.labels?.length ?? 0])),
  mse_mean: (c, pred) => mse(pred, constant(pred, c.target)),
  binary_cross_entropy_with_logits_mean: (c, logits) => binaryCrossEntropyWithLogits(logits, constant(logits, c.target)),
  conv2d_k3_s1_p0: conv,
  conv2d_k3_s1_p1: conv,
  conv2d_k5_s2_p2: conv,
  conv2d_k3_s2_p0: conv,
  conv2d_k1_s1_p0: conv,
  maxpool2d_k2_s2: pool(maxPool2d),
  maxpool2d_k3_s2: pool(maxPool2d),
  avgpool2d_k2_s2: pool(avgPool2d),
  batchnorm1d_train: batchNormTrain,
  batchnorm2d_train: batchNormTrain,
};

/**
 * Finite-difference step per case: piecewise-linear ops get a small one so that no perturbation
 * crosses a kink (their truncation error is zero anyway); smooth ones the checker's default.
 */
export const OP_FIXTURE_STEPS: Record<string, number> = {
  relu: 1e-3,
  'leaky_relu_0.01': 1e-3,
  max_axis1: 1e-3,
  log_of_abs_plus_1: 1e-3,
  maxpool2d_k2_s2: 1e-3,
  maxpool2d_k3_s2: 1e-3,
};

function constant(like: Tensor, t: FixtureTensor | undefined): Tensor {
  if (!t) throw new Error('fixture case lacks its target');
  return like.engine.tensor(t.data, t.shape);
}
