import type { ArraySplit } from '../contracts/dataset.js';

/** The splits a preprocessing step fits on (`train`) and applies to (all of them). */
export interface SplitSet {
  train: ArraySplit;
  validation?: ArraySplit;
  test?: ArraySplit;
}

/** Every split present, train first. */
export function splitsOf(splits: SplitSet): ArraySplit[] {
  return [splits.train, splits.validation, splits.test].filter((s): s is ArraySplit => s !== undefined);
}

/** The columns a scaler touches: the given ones, or all `width` of them. */
export function columnList(width: number, columns?: readonly number[]): readonly number[] {
  return columns ?? Array.from({ length: width }, (_, j) => j);
}
