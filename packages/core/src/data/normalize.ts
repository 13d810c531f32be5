import { HyperspecError } from '../errors/hyperspec-error.js';
import { columnList, splitsOf, type SplitSet } from './split-set.js';

/** Per-column minimum and maximum of a row-major matrix. */
export interface FeatureRange {
  min: Float64Array;
  max: Float64Array;
}

/** Minimum and maximum of every column of `x` (row-major, `width` columns). */
export function featureRange(x: Float32Array, width: number): FeatureRange {
  if (width <= 0 || x.length % width !== 0) {
    throw new HyperspecError('internal', `featureRange: ${x.length} values do not form rows of width ${width}`);
  }
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  const rows = x.length / width;
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) {
      const v = x[o + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  if (rows === 0) {
    min.fill(0);
    max.fill(1);
  }
  return { min, max };
}

/**
 * In place: `(x - min) / (max - min)` on the given columns (default all). A constant column maps to 0.
 * Values of other splits may fall outside [0, 1]: the range is the train split's.
 */
export function applyMinMax(x: Float32Array, width: number, range: FeatureRange, columns?: readonly number[]): void {
  const cols = columnList(width, columns);
  const rows = x.length / width;
  for (const j of cols) {
    const lo = range.min[j];
    const span = range.max[j] - lo;
    for (let r = 0; r < rows; r++) x[r * width + j] = span > 0 ? (x[r * width + j] - lo) / span : 0;
  }
}

/** Fits min/max on the train split only and rescales every split in place to the train range [0, 1]. */
export function normalizeSplits(splits: SplitSet, width: number, columns?: readonly number[]): FeatureRange {
  const range = featureRange(splits.train.x, width);
  for (const s of splitsOf(splits)) applyMinMax(s.x, width, range, columns);
  return range;
}

/** In place: divides every value by a fixed `divisor` (e.g. 255 for 8-bit pixels). */
export function divideBy(x: Float32Array, divisor: number): void {
  if (!(divisor !== 0 && Number.isFinite(divisor))) {
    throw new HyperspecError('internal', `divideBy: the divisor must be a finite non-zero number (got ${divisor})`);
  }
  for (let i = 0; i < x.length; i++) x[i] = x[i] / divisor;
}
