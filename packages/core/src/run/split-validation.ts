import type { ArraySplit, DataSplits } from '../contracts/dataset.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
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
 * The validation split a run asks its dataset for (`data.validation_split` and the seeded stream it is
 * drawn from). A dataset that fits preprocessing on its training data (scaling statistics, one-hot
 * categories, a vocabulary) carves this split out first with `validationIndices`, so what it fits
 * never sees validation samples; one that fits nothing may ignore it and the run carves the split.
 */
export interface ValidationRequest {
  fraction: number;
  rng: Rng;
}

/**
 * Positions (into a training split of `count` samples) of the validation and the remaining training
 * samples: a seeded shuffle, the first `round(count · fraction)` for validation. Undefined when the
 * fraction is 0. A fraction that leaves no sample on either side is a spec error.
 */
export function validationIndices(count: number, request: ValidationRequest): { train: Int32Array; validation: Int32Array } | undefined {
  if (!(request.fraction > 0)) return undefined;
  const nVal = Math.round(count * request.fraction);
  if (nVal === 0 || nVal >= count) {
    throw new HyperspecError('spec', `validation_split ${request.fraction} of ${count} training samples leaves ${count - nVal} for training and ${nVal} for validation`, {
      location: { path: 'data.validation_split' },
      hint: 'each side needs at least one sample: choose a fraction between 0 and 1 that fits the data, or 0 for no validation',
    });
  }
  const order = request.rng.shuffle(Int32Array.from({ length: count }, (_, i) => i));
  return { validation: order.subarray(0, nVal), train: order.subarray(nVal) };
}

/**
 * Carves a seeded random `fraction` of train out as validation when the dataset returned no
 * validation split of its own (see `ValidationRequest`).
 */
export function withValidation(data: DataSplits, fraction: number, rng: Rng): DataSplits {
  if (data.validation) return data;
  const parts = validationIndices(data.train.count, { fraction, rng });
  if (!parts) return data;
  const sampleSize = data.sampleShape.reduce((a, d) => a * d, 1);
  const targetSize = data.targetShape.reduce((a, d) => a * d, 1);
  return {
    ...data,
    train: takeSamples(data.train, parts.train, sampleSize, targetSize),
    validation: takeSamples(data.train, parts.validation, sampleSize, targetSize),
  };
}
