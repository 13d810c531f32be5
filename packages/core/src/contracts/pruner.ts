import type { ServiceIdentifier } from 'inversify';
import type { Direction, TrialRecord } from './search-space.js';

/**
 * Decides whether a running trial stops early. Called by the study runner after the trial reports an
 * intermediate objective value for `step` (an epoch), with every trial of the study.
 */
export interface Pruner {
  shouldPrune(trial: TrialRecord, step: number, trials: readonly TrialRecord[], direction: Direction): boolean;
}

export const Pruner: ServiceIdentifier<Pruner> = Symbol.for('hyperspec.Pruner');
