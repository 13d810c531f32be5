export { MODEL_FORMAT, MODEL_FORMAT_VERSION, MODEL_FILE, PARAMETERS_FILE, type ModelBundle, type BundleLayer, type BundleParameters, type OutputActivation } from './model-bundle.js';
export { readModelBundle, migrateModelBundle, modelSchemaPath } from './read-model-bundle.js';
export { modelBundleOf, writeModelBundle, type BundleSource } from './write-model-bundle.js';
export { BestEpoch, lowerIsBetter, type BestEpochOptions, type BestSoFar } from './best-epoch.js';
export { parameterPolicy, type ParameterPolicy } from './parameter-policy.js';
