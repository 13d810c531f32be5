import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';

/** Raw samples, before the numeric preprocessing steps: what an input reader yields. */
export interface RawInputs {
  /** Row-major raw values, `count` samples of the preprocessing's `raw_shape`. */
  x: Float32Array;
  count: number;
  /** Each sample's target as written in the input (a class name or a number), when the input holds targets. */
  targets?: string[];
  /** Where each sample came from, for messages (e.g. `rows.csv:14`); same length as `count` when given. */
  sources?: string[];
}

export interface ReadFileOptions {
  /** A separate file of targets, for formats that keep them apart (IDX labels). */
  labels?: string;
}

/**
 * Reads raw inputs for a trained model: the files `hyperspec predict` and `evaluate` accept for its kind
 * of data, and rows given in code to `loadModel(dir).predict(rows)`. It is made (component kind
 * `input`) from the fitted state a dataset stored in the model bundle, so it needs no training data.
 * A bad row is a `data` error that names the file (or the row index), the row and the column.
 */
export interface InputReader {
  /** Called by predict and evaluate with the path of an input file. */
  readFile(file: string, options?: ReadFileOptions): Promise<RawInputs>;
  /** Called by `LoadedModel.predict` with rows in memory (objects for tables, strings for text, arrays for images). */
  readRows(rows: readonly unknown[]): RawInputs;
}

/** The container token under which plugins bind InputReader descriptors (kind `input`), each named by its `type`. */
export const InputReader: ServiceIdentifier<ComponentDescriptor<InputReader>> = Symbol.for('hyperspec.InputReader');
