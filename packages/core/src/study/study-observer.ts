import type { TrialRecord, TrialState } from '../contracts/search-space.js';
import type { LeaderboardEntry } from './leaderboard.js';

/** One trial as a display shows it. */
export interface TrialRow {
  number: number;
  state: TrialState;
  params: Record<string, unknown>;
  value?: number;
  /** Every objective's value, in a study with several. */
  values?: number[];
  note?: string;
}

/** What a study run is about to do, for a display's header line. */
export interface StudyStart {
  file: string;
  name: string;
  /** The objective metric. */
  objective: string;
  searcher: string;
  /** Trial budget, or `unlimited`. */
  budget: number | string;
  timeout?: number;
  parallel: number;
  pruner?: string;
  storageLabel: string;
  studyDir: string;
  /** `--new-study` moved an earlier study directory here. */
  archived?: string;
}

/** How a study ended, for a display's summary. */
export interface StudyEnd {
  study: string;
  /** The (first) objective's metric. */
  objective: string;
  /** Every objective's metric, in order. */
  objectives: readonly string[];
  trials: readonly TrialRecord[];
  leaderboard: readonly LeaderboardEntry[];
  /** One objective: the best trial. */
  best?: LeaderboardEntry;
  bestSpec?: string;
  /** Several objectives: the Pareto front and one spec file per member. */
  pareto?: readonly LeaderboardEntry[];
  paretoSpecs?: readonly string[];
}

/**
 * Watches a study run (the CLI's live table is one). Every hook is optional and called on the
 * runner's thread; none may change the study.
 */
export interface StudyObserver {
  /** Once, before the first trial. */
  onStart?(info: StudyStart): void;
  /** Once, when the study already holds trials from an earlier run. */
  onResume?(study: string, trials: readonly TrialRecord[]): void;
  /** When a trial starts, is reclaimed, or ends. */
  onTrial?(row: TrialRow): void;
  /** Once, after the leaderboard and best spec are written. */
  onEnd?(end: StudyEnd): void;
}
