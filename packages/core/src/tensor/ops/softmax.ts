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
  const out = x.engine.empty(x.shape);
  x.engine.backend.kernels.softmax(x.data, rows, cols, out.data);
  return x.engine.record(out, 'softmax', [x], (dy) => {
    // dx = y ⊙ (dy − Σ dy⊙y)
    const dx = x.engine.empty(x.shape);
    const y = out.data;
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += dy.data[r * cols + c] * y[r * cols + c];
      for (let c = 0; c < cols; c++) dx.data[r * cols + c] = y[r * cols + c] * (dy.data[r * cols + c] - dot);
    }
    return [dx];
  });
}

/** Log-softmax over the last axis (stable: subtracts the row maximum). */
export function logSoftmax(x: Tensor): Tensor {
  const [rows, cols] = rowsCols('log_softmax', x);
  const out = x.engine.empty(x.shape);
  x.engine.backend.kernels.logSoftmax(x.data, rows, cols, out.data);
  return x.engine.record(out, 'log_softmax', [x], (dy) => {
    // dx = dy − softmax · Σ dy
    const dx = x.engine.empty(x.shape);
    for (let r = 0; r < rows; r++) {
      let total = 0;
      for (let c = 0; c < cols; c++) total += dy.data[r * cols + c];
      for (let c = 0; c < cols; c++) dx.data[r * cols + c] = dy.data[r * cols + c] - Math.exp(out.data[r * cols + c]) * total;
    }
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
  for (let i = 0; i < rows; i++) {
    const l = labels.data[i];
    if (!(Number.isInteger(l) && l >= 0 && l < cols)) {
      throw new HyperspecError('data', `cross_entropy: label ${l} at row ${i} is not a class index in [0, ${cols - 1}]`);
    }
  }
  const e = logits.engine;
  const losses = e.empty([rows]);
  const probs = e.empty([rows, cols]);
  e.backend.kernels.softmaxCrossEntropy(logits.data, labels.data, rows, cols, losses.data, probs.data);
  const out = e.empty([]);
  let total = 0;
  for (let i = 0; i < rows; i++) total += losses.data[i];
  out.data[0] = total / rows;
  return e.record(out, 'softmax_cross_entropy', [logits], (dy) => {
    const dx = e.empty(logits.shape);
    const scale = dy.data[0] / rows;
    for (let i = 0; i < rows; i++) {
      const label = labels.data[i];
      for (let c = 0; c < cols; c++) dx.data[i * cols + c] = (probs.data[i * cols + c] - (c === label ? 1 : 0)) * scale;
    }
    return [dx];
  });
}
