import { HyperspecError, type ComponentDescriptor, type CreateContext, type DataSplits, type Dataset } from '@hyperspec/core';
import { imagePreprocessing } from './image-preprocessing.js';
import { loadIdxSplit } from './load-idx-split.js';

export interface IdxOptions {
  images: string;
  labels: string;
  test_images?: string;
  test_labels?: string;
  normalize: boolean;
  flatten: boolean;
  classes?: number;
}

/** Most classes inferred from labels when `classes` is not given: a larger label is far more likely a damaged file. */
export const MAX_INFERRED_CLASSES = 1000;

const file = (what: string) => ({ type: 'string', minLength: 1, description: `${what} (IDX format, uncompressed); a relative path is resolved against the spec file's directory` });

export const idxSchema = {
  $id: 'hyperspec:dataset/idx',
  type: 'object',
  properties: {
    images: file('Training images file, e.g. train-images-idx3-ubyte'),
    labels: file('Training labels file, e.g. train-labels-idx1-ubyte'),
    test_images: file('Test images file (optional, together with test_labels; without them there is no test split)'),
    test_labels: file('Test labels file (optional, together with test_images)'),
    normalize: { type: 'boolean', default: true, description: 'Divide 8-bit pixel values by 255, giving [0, 1]' },
    flatten: { type: 'boolean', default: false, description: 'One vector per sample instead of [channels, height, width]' },
    classes: {
      type: 'integer',
      minimum: 2,
      maximum: 100000,
      description: 'Number of classes; every label must be below it. Default: the largest label + 1, at most 1000',
    },
  },
  required: ['images', 'labels'],
  additionalProperties: false,
} as const;

/** Image classification data in IDX files (the MNIST format), e.g. Fashion-MNIST or EMNIST. */
export const idxDataset: ComponentDescriptor<Dataset, IdxOptions> = {
  kind: 'dataset',
  type: 'idx',
  description: 'Images and class labels from IDX files (the MNIST file format)',
  schema: idxSchema,
  create(options: IdxOptions, ctx: CreateContext): Dataset {
    if ((options.test_images === undefined) !== (options.test_labels === undefined)) {
      const missing = options.test_images === undefined ? 'test_images' : 'test_labels';
      throw new HyperspecError('spec', `idx dataset: test_images and test_labels go together, but ${missing} is missing`, { location: { path: `${ctx.path}.${missing}` } });
    }
    const ref = (path: string, option: string) => ({ path, baseDir: ctx.baseDir, component: 'idx dataset', specPath: `${ctx.path}.${option}` });
    const common = { normalize: options.normalize, flatten: options.flatten };
    return {
      async load() {
        const train = await loadIdxSplit({ images: ref(options.images, 'images'), labels: ref(options.labels, 'labels'), ...common });
        const test = options.test_images && options.test_labels
          ? await loadIdxSplit({ images: ref(options.test_images, 'test_images'), labels: ref(options.test_labels, 'test_labels'), ...common })
          : undefined;
        if (test && test.sampleShape.join() !== train.sampleShape.join()) {
          throw new HyperspecError('data', `idx dataset: test images are [${test.sampleShape.join(', ')}] but training images are [${train.sampleShape.join(', ')}]`, { location: { path: `${ctx.path}.test_images` } });
        }
        const largest = Math.max(train.maxLabel, test?.maxLabel ?? 0);
        const labelsFile = train.maxLabel >= (test?.maxLabel ?? 0) ? 'labels' : 'test_labels';
        if (options.classes !== undefined && largest >= options.classes) {
          throw new HyperspecError('data', `idx dataset: ${options[labelsFile]} has label ${largest}, but classes is ${options.classes} (labels 0 … ${options.classes - 1})`, { location: { path: `${ctx.path}.${labelsFile}` } });
        }
        if (options.classes === undefined && largest >= MAX_INFERRED_CLASSES) {
          throw new HyperspecError('data', `idx dataset: ${options[labelsFile]} has label ${largest}, which would make ${largest + 1} classes`, {
            location: { path: `${ctx.path}.${labelsFile}` },
            hint: `a label file with more than ${MAX_INFERRED_CLASSES} classes is likely damaged; if the data really has that many, say so with classes: N`,
          });
        }
        const classes = options.classes ?? largest + 1;
        const classNames = Array.from({ length: classes }, (_, k) => String(k));
        const data: DataSplits = { train: train.split, sampleShape: train.sampleShape, targetShape: [], classes, classNames, preprocessing: imagePreprocessing(train, options.normalize) };
        if (test) data.test = test.split;
        return data;
      },
    };
  },
};
