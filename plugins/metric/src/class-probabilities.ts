import { type Tensor } from '@hyperspec/core/tensor';

/**
 * Class probabilities from a batch of model outputs (logits), in float64: softmax over the columns, or
 * for one column (a binary model's logit) [1 − σ(z), σ(z)]. Row-major [rows, classes].
 */
export function classProbabilities(output: Tensor): { probs: Float64Array; classes: number } {
  const rows = output.shape[0];
  const cols = output.size / rows;
  const o = output.data;
  if (cols === 1) {
    const probs = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      const p = 1 / (1 + Math.exp(-o[r]));
      probs[2 * r] = 1 - p;
      probs[2 * r + 1] = p;
    }
    return { probs, classes: 2 };
  }
  const probs = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, o[r * cols + c]);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += probs[r * cols + c] = Math.exp(o[r * cols + c] - max);
    for (let c = 0; c < cols; c++) probs[r * cols + c] /= sum;
  }
  return { probs, classes: cols };
}

/** The predicted class of each output row: arg-max, or logit > 0 for one column (as `accuracy`). */
export function predictedClasses(output: Tensor): Int32Array {
  const rows = output.shape[0];
  const cols = output.size / rows;
  const o = output.data;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    if (cols === 1) {
      out[r] = o[r] > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < cols; c++) if (o[r * cols + c] > o[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}
