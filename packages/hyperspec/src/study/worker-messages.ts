import type { TrialOutcome, TrialTask } from '@hyperspec/core/study';

/** What every trial worker needs besides the task: the same plugins and backend as the main thread. */
export interface WorkerSetup {
  /** Absolute directories of the plugin packages loaded besides the default bundle. */
  plugins: string[];
  backend?: string;
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'run'; task: TrialTask; setup: WorkerSetup }
  | { type: 'decision'; step: number; stop: boolean };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'epoch'; step: number; metrics: Record<string, number> }
  | { type: 'done'; outcome: TrialOutcome };
