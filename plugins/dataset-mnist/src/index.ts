import { definePlugin } from '@hyperspec/core';
import { idxDataset } from './idx-descriptor.js';
import { imageInput } from './image-input.js';
import { mnistDataset } from './mnist-descriptor.js';

export { parseIdx, parseIdxHeader, decodeIdx, encodeIdx, type IdxArray, type IdxData, type IdxDataType, type IdxHeader, type ParseIdxOptions } from './idx-format.js';
export { readIdxFile } from './read-idx-file.js';
export { loadIdxSplit, sampleShapeOf, type IdxSplit, type IdxSplitOptions } from './load-idx-split.js';
export { idxDataset, idxSchema, type IdxOptions } from './idx-descriptor.js';
export { mnistDataset, mnistSchema, MNIST_TRAIN_SIZE, MNIST_TEST_SIZE, type MnistOptions } from './mnist-descriptor.js';
export { imageInput, imageInputSchema, imageSteps, type ImageInputOptions } from './image-input.js';
export { ImageReader } from './image-reader.js';
export { mnistFiles, type MnistFiles } from './mnist-files.js';

export default definePlugin('@hyperspec/dataset-mnist', [idxDataset, mnistDataset, imageInput]);
