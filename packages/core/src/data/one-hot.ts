import { distinctSorted, indexOfCategories } from './categories.js';

/** The fitted categories of one categorical column. */
export interface OneHotEncoder {
  /** Column j of the encoding stands for `categories[j]`. */
  categories: string[];
  index: Map<string, number>;
}

/** Fits an encoder on the values seen (normally the train split's). */
export function fitOneHot(values: Iterable<string>): OneHotEncoder {
  const categories = distinctSorted(values);
  return { categories, index: indexOfCategories(categories) };
}

/**
 * Writes the one-hot code of `value` into `out` at `offset` (`categories.length` slots: a 1 at the
 * category's position, 0 elsewhere). A value the encoder never saw gets all zeros; returns false then.
 */
export function oneHotInto(value: string, encoder: OneHotEncoder, out: Float32Array, offset: number): boolean {
  out.fill(0, offset, offset + encoder.categories.length);
  const k = encoder.index.get(value);
  if (k === undefined) return false;
  out[offset + k] = 1;
  return true;
}

/** One-hot codes of a whole column: a row-major `values.length × categories.length` matrix. */
export function oneHotEncode(values: readonly string[], encoder: OneHotEncoder): Float32Array {
  const width = encoder.categories.length;
  const out = new Float32Array(values.length * width);
  for (let i = 0; i < values.length; i++) oneHotInto(values[i], encoder, out, i * width);
  return out;
}
