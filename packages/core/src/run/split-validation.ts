import type { ArraySplit, DataSplits } from '../contracts/dataset.js';
import type { Rng } from '../util/rng.js';

/** Copies the given samples of a split into a new split. */
export function takeSamples(split: ArraySplit, indices: ArrayLike<number>, sampleSize: number, targetSize: number): ArraySplit {
  const x = new Float32Array(indices.length * sampleSize);
  const y = new Float32Array(indices.length * targetSize);
  for (let i = 0; i < indices.length; i++) {
    const s = indices[i];
    x.set(split.x.subarray(s * sampleSize, (s + 1) * sampleSize), i * sampleSize);
    y.set(split.y.subarray(s * targetSize, (s + 1) * targetSize), i * targetSize);
  }
  return { x, y, count: indices.length };
}

/**
 * Carves a seeded random `fraction` of train out as validation when the dataset has no validation
 * split of its own.
 */
export function withValidation(data: DataSplits, fraction: number, rng: Rng): DataSplits {
  if (data.validation || fraction <= 0) return data;
  const n = data.train.count;
  const nVal = Math.round(n * fraction);
  if (nVal === 0 || nVal >= n) return data;
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const sampleSize = data.sampleShape.reduce((a, d) => a * d, 1);
  const targetSize = data.targetShape.reduce((a, d) => a * d, 1);
  return {
    ...data,
    train: takeSamples(data.train, order.subarray(nVal), sampleSize, targetSize),
    validation: takeSamples(data.train, order.subarray(0, nVal), sampleSize, targetSize),
  };
}
