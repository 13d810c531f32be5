import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';

function rowsCols(op: string, x: Tensor): [number, number] {
  if (x.rank < 1) throw new HyperspecError('shape', `${op}: needs at least 1-d input, got ${formatShape(x.shape)}`);
  const cols = x.shape[x.rank - 1];
  return [x.size / cols, cols];
}

/** Softmax over the last axis. */
export function softmax(x: Tensor): Tensor {
  const [rows, cols] = rowsCols('softmax', x);
  const e = x.engine;
  const out = e.empty(x.shape);
  e.backend.kernels.softmax(x.data, rows, cols, out.data);
  return e.record(out, 'softmax', [x], (dy) => {
    const dx = e.empty(x.shape);
    e.host(softmaxGradKernel, out.data, dy.data, rows, cols, dx.data);
    return [dx];
  });
}

/** Log-softmax over the last axis (stable: subtracts the row maximum). */
export function logSoftmax(x: Tensor): Tensor {
  const [rows, cols] = rowsCols('log_softmax', x);
  const e = x.engine;
  const out = e.empty(x.shape);
  e.backend.kernels.logSoftmax(x.data, rows, cols, out.data);
  return e.record(out, 'log_softmax', [x], (dy) => {
    const dx = e.empty(x.shape);
    e.host(logSoftmaxGradKernel, out.data, dy.data, rows, cols, dx.data);
    return [dx];
  });
}

/**
 * Mean softmax cross-entropy of logits [n, classes] against integer labels [n] (stored as floats),
 * fused so the gradient is (softmax − onehot)/n without materialising the log-probabilities.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  if (logits.rank !== 2 || labels.size !== logits.shape[0]) {
    throw new HyperspecError('shape', `cross_entropy: logits ${formatShape(logits.shape)} need one label per row, got labels ${formatShape(labels.shape)}`);
  }
  const [rows, cols] = [logits.shape[0], logits.shape[1]];
  const e = logits.engine;
  e.host(checkLabelsKernel, labels.data, cols);
  const losses = e.empty([rows]);
  const probs = e.empty([rows, cols]);
  e.backend.kernels.softmaxCrossEntropy(logits.data, labels.data, rows, cols, losses.data, probs.data);
  const out = e.empty([]);
  e.host(meanKernel, losses.data, out.data);
  return e.record(out, 'softmax_cross_entropy', [logits], (dy) => {
    const dx = e.empty(logits.shape);
    e.host(crossEntropyGradKernel, probs.data, labels.data, dy.data, rows, cols, dx.data);
    return [dx];
  });
}

/** dx = y ⊙ (dy − Σ dy⊙y) per row, for softmax output y. */
function softmaxGradKernel(y: Float32Array, dy: Float32Array, rows: number, cols: number, dx: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    let dot = 0;
    for (let c = 0; c < cols; c++) dot += dy[r * cols + c] * y[r * cols + c];
    for (let c = 0; c < cols; c++) dx[r * cols + c] = y[r * cols + c] * (dy[r * cols + c] - dot);
  }
}

/** dx = dy − softmax · Σ dy per row, for log-softmax output y (softmax = eʸ). */
function logSoftmaxGradKernel(y: Float32Array, dy: Float32Array, rows: number, cols: number, dx: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let c = 0; c < cols; c++) total += dy[r * cols + c];
    for (let c = 0; c < cols; c++) dx[r * cols + c] = dy[r * cols + c] - Math.exp(y[r * cols + c]) * total;
  }
}

/** Throws a data error naming the row of the first label that is not a class index in [0, cols). */
function checkLabelsKernel(labels: Float32Array, cols: number): void {
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!(Number.isInteger(l) && l >= 0 && l < cols)) {
      throw new HyperspecError('data', `cross_entropy: label ${l} at row ${i} is not a class index in [0, ${cols - 1}]`);
    }
  }
}

/** out[0] = the mean of x (summed in order, in double precision). */
function meanKernel(x: Float32Array, out: Float32Array): void {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i];
  out[0] = total / x.length;
}

/** dx = (probs − onehot(labels)) · dy[0] / rows. */
function crossEntropyGradKernel(probs: Float32Array, labels: Float32Array, dy: Float32Array, rows: number, cols: number, dx: Float32Array): void {
  const scale = dy[0] / rows;
  for (let i = 0; i < rows; i++) {
    const label = labels[i];
    for (let c = 0; c < cols; c++) dx[i * cols + c] = (probs[i * cols + c] - (c === label ? 1 : 0)) * scale;
  }
}
