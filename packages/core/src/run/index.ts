// @hyperspec/core/run: run directories, checkpoints' file format, safetensors and the pieces of a
// training step (for tools and tests; `runTraining` and `composeRun` are in the root).
export { runFiles, createRunDirectory, type RunFiles } from './run-directory.js';
export { writeSafetensors, readSafetensors, type NamedArray } from './safetensors.js';
export { withValidation, takeSamples } from './split-validation.js';
export { atomicWriteFile } from '../util/atomic-write.js';
export { formatModelSummary } from '../model/summary-table.js';
export { gatherBatch } from '../train/batcher.js';
export { clipGradNorm, clipGradValue } from '../train/clip-gradients.js';
export { loadRunData } from './compose-run.js';
export { modelArrays, loadModelArrays } from './checkpoint.js';
