import { HyperspecError } from '../errors/hyperspec-error.js';

/**
 * One numeric step of a fitted preprocessing. Steps act on each sample as a flat vector of float32
 * values (an image's pixels in C, H, W order) and are plain JSON, so a model bundle stores them and an
 * exporter translates them into graph operations:
 * - `affine`: x ← (x − subtract) / divide, per value (one number for all, or one per position);
 * - `one_hot`: each listed column holds a category index and becomes `categories` 0/1 columns (an index
 *   outside 0..categories−1, e.g. −1 for a category never seen, becomes all zeros); other columns pass
 *   through in order;
 * - `binarize`: x ← 1 where x > 0, else 0;
 * - `l2_normalize`: the whole vector divided by its Euclidean length (a zero vector stays zero).
 */
export type PreprocessingStep =
  | { op: 'affine'; subtract: number | number[]; divide: number | number[] }
  | { op: 'one_hot'; columns: { column: number; categories: number }[] }
  | { op: 'binarize' }
  | { op: 'l2_normalize' };

/** How a raw input is read: a component node of kind `input`, holding the fitted reading state. */
export interface InputNode {
  type: string;
  [option: string]: unknown;
}

/**
 * Everything a dataset fitted to turn a raw input (a CSV row, an image, a message) into a model input.
 * A dataset returns it with its splits; the run stores it in the bundle's `model.json`. `input` is read
 * by the `input` component of the same type (the dataset's plugin provides it), which yields raw
 * vectors of `raw_shape`; `steps` then apply in order and give the model's input shape.
 */
export interface Preprocessing {
  input: InputNode;
  /** Shape of one raw sample as the input reader yields it. */
  raw_shape: number[];
  steps: PreprocessingStep[];
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, d) => a * d, 1);

/** Values per sample after `steps`, for raw samples of `rawSize` values. */
export function preprocessedSize(steps: readonly PreprocessingStep[], rawSize: number): number {
  let width = rawSize;
  for (const s of steps) {
    if (s.op === 'one_hot') width += s.columns.reduce((n, c) => n + c.categories - 1, 0);
  }
  return width;
}

/** Sample shape after the steps: the raw shape, unless one-hot widens a flat vector. */
export function preprocessedShape(p: Preprocessing): number[] {
  const size = preprocessedSize(p.steps, sizeOf(p.raw_shape));
  return size === sizeOf(p.raw_shape) ? [...p.raw_shape] : [size];
}

/** Checks that a step fits samples of `width` values (a stored bundle may have been edited by hand). */
export function checkPreprocessingStep(step: PreprocessingStep, width: number, index: number): void {
  const fail = (what: string) => {
    throw new HyperspecError('data', `preprocessing step ${index} (${step.op}): ${what}`);
  };
  if (step.op === 'affine') {
    for (const [key, v] of [['subtract', step.subtract], ['divide', step.divide]] as const) {
      if (Array.isArray(v) && v.length !== width) fail(`${key} has ${v.length} values for samples of ${width}`);
    }
    const d = step.divide;
    if ((Array.isArray(d) ? d : [d]).some((x) => !(Number.isFinite(x) && x !== 0))) fail('divide must hold finite non-zero numbers');
  } else if (step.op === 'one_hot') {
    let last = -1;
    for (const c of step.columns) {
      if (!(Number.isInteger(c.column) && c.column > last && c.column < width)) fail(`column ${c.column} is out of order or outside 0..${width - 1}`);
      if (!(Number.isInteger(c.categories) && c.categories >= 1)) fail(`column ${c.column} needs at least one category`);
      last = c.column;
    }
  }
}

/**
 * Applies the steps to `count` raw samples (row-major, `rawSize` values each) and returns the model
 * inputs as a new array (or in `raw` itself with `inPlace`, unless a step widens the samples). Sums for
 * the norm run in float64. This one function serves training (the
 * datasets build their splits with it) and prediction, so both see the same numbers.
 */
export function applyPreprocessing(steps: readonly PreprocessingStep[], raw: Float32Array, count: number, rawSize: number, options: { inPlace?: boolean } = {}): Float32Array {
  if (raw.length !== count * rawSize) {
    throw new HyperspecError('internal', `applyPreprocessing: ${raw.length} values are not ${count} samples of ${rawSize}`);
  }
  // In place saves a copy of large image sets; one-hot makes a new (wider) array either way.
  let x: Float32Array = options.inPlace ? raw : raw.slice();
  let width = rawSize;
  steps.forEach((step, index) => {
    checkPreprocessingStep(step, width, index);
    switch (step.op) {
      case 'affine':
        affine(x, width, step.subtract, step.divide);
        break;
      case 'one_hot': {
        x = oneHot(x, count, width, step.columns);
        width = preprocessedSize([step], width);
        break;
      }
      case 'binarize':
        for (let i = 0; i < x.length; i++) x[i] = x[i] > 0 ? 1 : 0;
        break;
      case 'l2_normalize':
        l2Normalize(x, width);
        break;
      default:
        throw new HyperspecError('data', `preprocessing step ${index}: unknown op "${(step as { op: string }).op}"`);
    }
  });
  return x;
}

function affine(x: Float32Array, width: number, subtract: number | number[], divide: number | number[]): void {
  const rows = x.length / width;
  for (let j = 0; j < width; j++) {
    const s = typeof subtract === 'number' ? subtract : subtract[j];
    const d = typeof divide === 'number' ? divide : divide[j];
    if (s === 0 && d === 1) continue;
    for (let r = 0; r < rows; r++) x[r * width + j] = (x[r * width + j] - s) / d;
  }
}

function oneHot(x: Float32Array, count: number, width: number, columns: readonly { column: number; categories: number }[]): Float32Array {
  const expand = new Map(columns.map((c) => [c.column, c.categories]));
  const outWidth = preprocessedSize([{ op: 'one_hot', columns: [...columns] }], width);
  const out = new Float32Array(count * outWidth);
  for (let r = 0; r < count; r++) {
    let o = r * outWidth;
    for (let j = 0; j < width; j++) {
      const v = x[r * width + j];
      const k = expand.get(j);
      if (k === undefined) out[o++] = v;
      else {
        if (Number.isInteger(v) && v >= 0 && v < k) out[o + v] = 1;
        o += k;
      }
    }
  }
  return out;
}

function l2Normalize(x: Float32Array, width: number): void {
  const rows = x.length / width;
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    let sum = 0;
    for (let j = 0; j < width; j++) sum += x[o + j] * x[o + j];
    const norm = Math.sqrt(sum);
    if (norm > 0) for (let j = 0; j < width; j++) x[o + j] = x[o + j] / norm;
  }
}

/** The affine step of per-column standardisation ((x − mean) / std; a constant column is only centred). */
export function standardizeStep(mean: ArrayLike<number>, std: ArrayLike<number>, columns?: readonly number[]): PreprocessingStep {
  const width = mean.length;
  const only = columns ? new Set(columns) : undefined;
  const subtract = Array.from({ length: width }, (_, j) => (only && !only.has(j) ? 0 : mean[j]));
  const divide = Array.from({ length: width }, (_, j) => (only && !only.has(j) ? 1 : std[j] > 0 ? std[j] : 1));
  return { op: 'affine', subtract, divide };
}

/** The affine step of min–max scaling to the fitted [min, max] ((x − min) / (max − min); a constant column is only shifted). */
export function minMaxStep(min: ArrayLike<number>, max: ArrayLike<number>, columns?: readonly number[]): PreprocessingStep {
  const width = min.length;
  const only = columns ? new Set(columns) : undefined;
  const subtract = Array.from({ length: width }, (_, j) => (only && !only.has(j) ? 0 : min[j]));
  const divide = Array.from({ length: width }, (_, j) => (only && !only.has(j) ? 1 : max[j] - min[j] > 0 ? max[j] - min[j] : 1));
  return { op: 'affine', subtract, divide };
}
