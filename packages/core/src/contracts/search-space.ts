/**
 * A search space: spec paths mapped to distributions. A `choice` option that is an object may hold
 * distributions of its own (a conditional space): they are searched only when that option is chosen,
 * under the name `<path>.<index>.<key>` — e.g. `train.optimizer.0.momentum`.
 */
export type Distribution = UniformDistribution | LogUniformDistribution | IntDistribution | ChoiceDistribution;

export interface UniformDistribution {
  type: 'uniform';
  low: number;
  high: number;
  /** Grid searchers need a finite number of points on continuous ranges. */
  points?: number;
}

export interface LogUniformDistribution {
  type: 'loguniform';
  low: number;
  high: number;
  points?: number;
}

export interface IntDistribution {
  type: 'int';
  low: number;
  high: number;
  step?: number;
  log?: boolean;
}

export interface ChoiceDistribution {
  type: 'choice';
  values: unknown[];
  /** Nested spaces of the options (same index as values), present for object options with distributions. */
  children?: (SearchSpace | undefined)[];
}

export type SearchSpace = Record<string, Distribution>;

/** Chosen values by parameter name; a choice is stored as the index of the chosen option. */
export type ParamValues = Record<string, number>;

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** One trial as searchers, pruners and storage see it. */
export interface TrialRecord {
  number: number;
  state: TrialState;
  params: ParamValues;
  /** Objective value as stored (in the study's direction: searchers minimise `direction === 'minimize' ? value : -value`). */
  value?: number;
  /** Intermediate objective values by step (epoch). */
  intermediate: Record<number, number>;
  /** Why a trial failed or was pruned. */
  reason?: string;
  /**
   * A study with several objectives: every objective's value, in the order of the study's objectives
   * (`value` is then the first of them). Absent in a single-objective study.
   */
  values?: number[];
  /** A constrained study: the trial's constraint values, each feasible when ≤ 0 (complete trials only). */
  constraints?: number[];
  /** Every metric of each reported epoch, by step, when the runner reported them (see `StudyStorage.report`). */
  metrics?: Record<number, Record<string, number>>;
  /** What the runner recorded besides values (`StudyStorage.setTrialAttrs`): the machine and folder a trial ran in, its final metrics. */
  attrs?: Record<string, unknown>;
}

export type Direction = 'minimize' | 'maximize';
