export { type SplitSet } from './split-set.js';
export { featureMoments, applyStandardization, standardizeSplits, type FeatureMoments } from './standardize.js';
export { featureRange, applyMinMax, normalizeSplits, divideBy, type FeatureRange } from './normalize.js';
export { distinctSorted } from './categories.js';
export { fitOneHot, oneHotInto, oneHotEncode, type OneHotEncoder } from './one-hot.js';
export { encodeLabels, type LabelEncoding } from './label-encoding.js';
export { trainTestIndices, trainTestSplit, type SplitIndices, type SampleSizes } from './train-test-split.js';
export { resolveDataPath, readDataFile, openDataFile, type DataFileRef } from './data-file.js';
export { applyPreprocessing, preprocessedShape, preprocessedSize, standardizeStep, minMaxStep, type Preprocessing, type PreprocessingStep, type InputNode } from './preprocessing.js';
