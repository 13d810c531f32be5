export * from '@hyperspec/core';
export { defaultPlugins, createDefaultContainer } from './default-container.js';
export { openSpec, type OpenSpecOptions, type OpenedSpec } from './open-spec.js';
export { Session, type SessionOptions, type SpecObject, type FitResult } from './session.js';
export { searchSpec, inspectStudy, readStudies, WorkerExecutor, type SearchOptions, type SearchResult, type InspectedStudy, type StoredStudy, type WorkerSetup } from './study/index.js';
