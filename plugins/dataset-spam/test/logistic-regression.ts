import type { ArraySplit } from '@hyperspec/core';

/** A plain logistic-regression model: p(spam | x) = σ(w·x + b). */
export interface Logistic {
  w: Float64Array;
  b: number;
}

/**
 * Fits w, b by full-batch gradient descent on the mean binary cross-entropy plus ½·λ·|w|² —
 * deliberately independent of the framework, to check that the features carry signal.
 */
export function fitLogistic(split: ArraySplit, width: number, options = { epochs: 300, learningRate: 5, l2: 1e-4 }): Logistic {
  const w = new Float64Array(width);
  let b = 0;
  const grad = new Float64Array(width);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < split.count; i++) {
      const o = i * width;
      let z = b;
      for (let j = 0; j < width; j++) z += w[j] * split.x[o + j];
      const err = 1 / (1 + Math.exp(-z)) - split.y[i];
      gb += err;
      for (let j = 0; j < width; j++) grad[j] += err * split.x[o + j];
    }
    for (let j = 0; j < width; j++) w[j] -= options.learningRate * (grad[j] / split.count + options.l2 * w[j]);
    b -= options.learningRate * (gb / split.count);
  }
  return { w, b };
}

/** Fraction of samples whose predicted class (p ≥ 0.5) matches the label. */
export function accuracy(model: Logistic, split: ArraySplit, width: number): number {
  let right = 0;
  for (let i = 0; i < split.count; i++) {
    let z = model.b;
    for (let j = 0; j < width; j++) z += model.w[j] * split.x[i * width + j];
    if ((z >= 0 ? 1 : 0) === split.y[i]) right++;
  }
  return right / split.count;
}
