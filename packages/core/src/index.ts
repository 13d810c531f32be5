// The root of @hyperspec/core: what a plugin author and a pipeline in code need — the contracts and
// their tokens, the plugin system, the container, errors, the composition and the trainer. The rest
// lives under subpaths: `@hyperspec/core/tensor` (tensors, ops, backends), `/spec` (spec loading and
// validation), `/search` (search-space helpers for searchers), `/study` (the study runner), `/data`
// (dataset helpers), `/run` (run directories, safetensors), `/testing` (conformance suites).
// The list of runtime names exported here is committed in packages/core/root-exports.txt.
export { HyperspecError, isHyperspecError, type ErrorKind, type SourceLocation, type HyperspecErrorOptions } from './errors/hyperspec-error.js';
export * from './contracts/index.js';
export {
  COMPONENT_KINDS, ModelTemplate,
  type ComponentDescriptor, type ComponentKind, type CreateContext, type DatasetContext, type JsonSchema, type LayerContext, type ModelContext,
  type ModelDescriptor, type ScheduleContext,
} from './plugin/component-descriptor.js';
export { Components, type ComponentSpec, type ExtraContext } from './plugin/components.js';
export { tokenOfKind } from './plugin/component-tokens.js';
export { definePlugin, pluginName } from './plugin/define-plugin.js';
export { loadPlugin, type LoadedPlugin, type LoadPluginOptions } from './plugin/load-plugin.js';
export { createContainer, type ContainerOptions } from './container/create-container.js';
export { createRunContainer } from './container/run-container.js';
export { defaultLogger, type Logger } from './container/logger.js';
export { ComponentsToken, EngineToken, LoggerToken } from './container/tokens.js';
export { Rng } from './util/rng.js';
export { Model, type ModelLayer, type LayerSummary } from './model/model.js';
export { buildModel, type BuildModelOptions } from './model/build-model.js';
export { Trainer, type TrainConfig, type TrainResult } from './train/trainer.js';
export { LearningRate } from './train/learning-rate.js';
export { evaluate, type EvaluateOptions } from './train/evaluate.js';
export { OptimizerSlotStates, type SlotState } from './train/optimizer-slot-states.js';
export { composeRun, type ComposedRun } from './run/compose-run.js';
export { runTraining, type RunOptions, type RunResult } from './run/run-training.js';
export { finalMetrics } from './run/final-metrics.js';
export type { RunSpec, ComponentNode } from './run/run-spec.js';
