import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Direction, TrialRecord } from './search-space.js';

/**
 * Decides whether a running trial stops early. Called by the study runner after the trial reports an
 * intermediate objective value for `step` (an epoch), with every trial of the study.
 */
export interface Pruner {
  shouldPrune(trial: TrialRecord, step: number, trials: readonly TrialRecord[], direction: Direction): boolean;
}

/** The container token under which plugins bind Pruner descriptors, each named by its `type`. */
export const Pruner: ServiceIdentifier<ComponentDescriptor<Pruner>> = Symbol.for('hyperspec.Pruner');
