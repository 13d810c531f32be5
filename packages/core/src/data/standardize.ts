import { HyperspecError } from '../errors/hyperspec-error.js';
import { columnList, splitsOf, type SplitSet } from './split-set.js';

/** Per-column mean and (population) standard deviation of a row-major matrix. */
export interface FeatureMoments {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Mean and standard deviation (divisor n, as scikit-learn's StandardScaler) of every column of `x`,
 * a row-major matrix with `width` columns. Sums run in float64 so large splits lose no precision.
 */
export function featureMoments(x: Float32Array, width: number): FeatureMoments {
  if (width <= 0 || x.length % width !== 0) {
    throw new HyperspecError('internal', `featureMoments: ${x.length} values do not form rows of width ${width}`);
  }
  const rows = x.length / width;
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  if (rows === 0) return { mean, std: std.fill(1) };
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) mean[j] += x[o + j];
  }
  for (let j = 0; j < width; j++) mean[j] /= rows;
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) {
      const d = x[o + j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < width; j++) std[j] = Math.sqrt(std[j] / rows);
  return { mean, std };
}

/**
 * In place: `(x - mean) / std` on the given columns (default all). A constant column (std 0) is only
 * centred, so it becomes 0 rather than NaN.
 */
export function applyStandardization(x: Float32Array, width: number, moments: FeatureMoments, columns?: readonly number[]): void {
  const cols = columnList(width, columns);
  const rows = x.length / width;
  for (const j of cols) {
    const m = moments.mean[j];
    const s = moments.std[j] > 0 ? moments.std[j] : 1;
    for (let r = 0; r < rows; r++) x[r * width + j] = (x[r * width + j] - m) / s;
  }
}

/**
 * Fits mean/std on the train split only and applies them to every split in place, so nothing about
 * validation or test data leaks into training. Returns the fitted moments.
 */
export function standardizeSplits(splits: SplitSet, width: number, columns?: readonly number[]): FeatureMoments {
  const moments = featureMoments(splits.train.x, width);
  for (const s of splitsOf(splits)) applyStandardization(s.x, width, moments, columns);
  return moments;
}
