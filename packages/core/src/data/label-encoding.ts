import { HyperspecError } from '../errors/hyperspec-error.js';
import { distinctSorted, indexOfCategories } from './categories.js';

/** Class labels as indices into `classNames`. */
export interface LabelEncoding {
  /** One class index per sample, as float32 (the `y` of a classification split). */
  indices: Float32Array;
  classNames: string[];
}

/**
 * Turns string class labels into indices 0..k-1. Without `classNames` the classes are the distinct
 * labels in sorted order (numeric order when all are numbers); with them, a label outside the list is
 * a data error.
 */
export function encodeLabels(labels: readonly string[], classNames?: readonly string[]): LabelEncoding {
  const names = classNames ? [...classNames] : distinctSorted(labels);
  const index = indexOfCategories(names);
  const indices = new Float32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const k = index.get(labels[i]);
    if (k === undefined) {
      throw new HyperspecError('data', `label "${labels[i]}" (sample ${i}) is not one of the classes ${JSON.stringify(names)}`);
    }
    indices[i] = k;
  }
  return { indices, classNames: names };
}
