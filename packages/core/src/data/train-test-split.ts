import type { ArraySplit } from '../contracts/dataset.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { takeSamples } from '../run/split-validation.js';
import type { Rng } from '../util/rng.js';

/** Sample indices of each side of a split, ascending (so each side keeps the source order). */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/**
 * A seeded split of `count` samples: `round(count · testFraction)` go to test. With `stratify` (one
 * class per sample) every class gives its share of test samples: the exact shares are floored and the
 * few samples left over go to the classes with the largest remainders, so class proportions match the
 * whole data as closely as whole samples allow. Draws only from `rng`, so one seed repeats the split.
 * A positive fraction that leaves no sample on either side is a spec error at `option` (its spec path).
 */
export function trainTestIndices(count: number, testFraction: number, rng: Rng, stratify?: ArrayLike<number>, option = 'test_split'): SplitIndices {
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new HyperspecError('internal', `trainTestIndices: testFraction must be in [0, 1) (got ${testFraction})`);
  }
  if (stratify && stratify.length !== count) {
    throw new HyperspecError('internal', `trainTestIndices: ${stratify.length} class labels for ${count} samples`);
  }
  const nTest = Math.round(count * testFraction);
  if (testFraction > 0 && (nTest === 0 || nTest >= count)) {
    throw new HyperspecError('spec', `${option.split('.').pop()} ${testFraction} of ${count} samples leaves ${count - nTest} for training and ${nTest} for testing`, {
      location: { path: option },
      hint: 'each side needs at least one sample: choose a fraction that fits the data, or 0 for no test split',
    });
  }
  if (nTest === 0) return { train: Int32Array.from({ length: count }, (_, i) => i), test: new Int32Array(0) };
  const isTest = new Uint8Array(count);
  if (!stratify) {
    const order = rng.shuffle(Int32Array.from({ length: count }, (_, i) => i));
    for (let i = 0; i < nTest; i++) isTest[order[i]] = 1;
  } else {
    const groups = groupByClass(stratify);
    const quotas = allocate(groups.map((g) => g.length), nTest, testFraction);
    groups.forEach((members, k) => {
      rng.shuffle(members);
      for (let i = 0; i < quotas[k]; i++) isTest[members[i]] = 1;
    });
  }
  const train = new Int32Array(count - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < count; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Sample indices per class, classes in ascending order. */
function groupByClass(labels: ArrayLike<number>): Int32Array[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]);
    if (list) list.push(i);
    else byClass.set(labels[i], [i]);
  }
  return [...byClass.keys()].sort((a, b) => a - b).map((k) => Int32Array.from(byClass.get(k)!));
}

/** Largest-remainder apportionment of `total` test samples over classes of the given sizes. */
function allocate(sizes: number[], total: number, fraction: number): number[] {
  const exact = sizes.map((n) => n * fraction);
  const quotas = exact.map((e) => Math.floor(e));
  let left = total - quotas.reduce((s, q) => s + q, 0);
  const byRemainder = exact.map((e, k) => ({ k, r: e - Math.floor(e) })).sort((p, q) => q.r - p.r || p.k - q.k);
  for (const { k } of byRemainder) {
    if (left <= 0) break;
    if (quotas[k] < sizes[k]) {
      quotas[k]++;
      left--;
    }
  }
  return quotas;
}

/** Shapes needed to copy samples: values per sample and per target. */
export interface SampleSizes {
  sampleSize: number;
  targetSize: number;
}

/** Splits an in-memory split into train and test parts (see `trainTestIndices`). */
export function trainTestSplit(
  split: ArraySplit, testFraction: number, rng: Rng, sizes: SampleSizes, stratify?: ArrayLike<number>, option?: string,
): { train: ArraySplit; test: ArraySplit } {
  const { train, test } = trainTestIndices(split.count, testFraction, rng, stratify, option);
  return {
    train: takeSamples(split, train, sizes.sampleSize, sizes.targetSize),
    test: takeSamples(split, test, sizes.sampleSize, sizes.targetSize),
  };
}
