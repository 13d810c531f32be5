export * from '@hyperspec/core';
export { defaultPlugins, createDefaultContainer } from './default-container.js';
export { openSpec, type OpenSpecOptions, type OpenedSpec } from './open-spec.js';
export { Session, type SessionOptions, type SpecObject, type FitResult } from './session.js';
export {
  searchSpec, inspectStudy, readStudies, copyStudies, storageAt, isDatabaseUrl, WorkerExecutor,
  type SearchOptions, type SearchResult, type InspectedStudy, type StoredStudy, type CopiedStudy, type LocatedStorage, type WorkerSetup,
} from './study/index.js';
export { loadModel, type LoadModelOptions } from './model/load-model.js';
export { LoadedModel, type Prediction, type PredictionSet } from './model/loaded-model.js';
export { exportModel, type ExportOptions } from './model/export-model.js';
export { evaluateOnFile, evaluateOnSplit } from './model/evaluate-model.js';
export { evaluationOf, formatEvaluation, targetsOf, type Evaluation, type ClassificationEvaluation, type RegressionEvaluation } from './model/evaluation.js';
export { openStudy, AskTellStudy, type OpenStudyOptions, type AskedTrial, type TellOutcome, type OptimizeOptions, type OptimizeResult } from './study/index.js';
