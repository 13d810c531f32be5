export { runStudy, studyDirFor, objectiveValue, judgedEpoch, type StudyRunOptions, type StudyRunResult } from './study-runner.js';
export type { TrialExecutor, TrialHooks, TrialOutcome, TrialTask } from './trial-executor.js';
export { trialSeed, trialRng, trialSpec, anchorDataPaths } from './trial-spec.js';
export { openOrRefuseStudy, storedObjectives, type StudyIdentity } from './open-study.js';
export { Study, type StudyOptions, type TrialResult } from './study.js';
export { leaderboard, countStates, formatLeaderboard, type LeaderboardEntry } from './leaderboard.js';
export { displayParams, formatValue } from './display-params.js';
export type { StudyObserver, StudyStart, StudyEnd, TrialRow } from './study-observer.js';
export { summarizeStudy, formatStudySummary, studySpace, type StudySummary, type ParamRange } from './study-summary.js';
