// @hyperspec/core/run: run directories, checkpoints' file format, safetensors and the pieces of a
// training step (for tools and tests; `runTraining` and `composeRun` are in the root), and the file
// helpers that keep runs and studies safe (atomic writes, checked reads, locks, moving aside).
export { runFiles, createRunDirectory, isUsedDirectory, type RunFiles } from './run-directory.js';
export { readCheckpoint, restoreState, checkpointHint, type CheckpointState } from './checkpoint.js';
export { writeSafetensors, readSafetensors, parseSafetensors, type NamedArray } from './safetensors.js';
export { withValidation, takeSamples, validationIndices, type ValidationRequest } from './split-validation.js';
export { checkData, MAX_CLASSES } from './check-data.js';
export { atomicWriteFile } from '../util/atomic-write.js';
export { archiveName } from '../util/archive-name.js';
export { makeDirectory } from '../util/make-directory.js';
export { asEnvironmentError, environmentFault } from '../util/fs-errors.js';
export { readRegularFile, checkRegularFile, type ReadRegularFileOptions } from '../util/read-regular-file.js';
export { DirectoryLock, LOCK_FOLDER, type LockMode } from '../util/directory-lock.js';
export { formatModelSummary } from '../model/summary-table.js';
export { fillBatch, gatherBatch } from '../train/batcher.js';
export { clipGradNorm, clipGradValue } from '../train/clip-gradients.js';
export { loadRunData } from './compose-run.js';
export { modelArrays, loadModelArrays } from './checkpoint.js';
