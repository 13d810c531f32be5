export { searchSpec, type SearchOptions, type SearchResult } from './search-spec.js';
export { inspectStudy, readStudies, type InspectedStudy, type StoredStudy } from './inspect-study.js';
export { WorkerExecutor } from './worker-executor.js';
export type { WorkerSetup } from './worker-messages.js';
export { openStudy, AskTellStudy, type OpenStudyOptions, type AskedTrial, type TellOutcome, type OptimizeOptions, type OptimizeResult } from './open-study.js';
export { copyStudies, type CopiedStudy } from './copy-study.js';
export { storageAt, isDatabaseUrl, type LocatedStorage } from './storage-at.js';
