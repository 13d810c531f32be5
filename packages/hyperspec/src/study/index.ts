export { searchSpec, type SearchOptions, type SearchResult } from './search-spec.js';
export { inspectStudy, type InspectedStudy } from './inspect-study.js';
export { WorkerExecutor } from './worker-executor.js';
export type { WorkerSetup } from './worker-messages.js';
