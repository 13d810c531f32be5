export { runTraining, type RunOptions, type RunResult } from './run-training.js';
export { composeRun, type ComposedRun } from './compose-run.js';
export type { RunSpec, ComponentNode } from './run-spec.js';
export { runFiles, createRunDirectory, type RunFiles } from './run-directory.js';
export { writeSafetensors, readSafetensors, type NamedArray } from './safetensors.js';
export { withValidation, takeSamples } from './split-validation.js';
export { finalMetrics } from './final-metrics.js';
