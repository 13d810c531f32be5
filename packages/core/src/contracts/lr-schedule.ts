import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';

/**
 * The learning rate as a function of progress. The trainer calls `rate(t)` at the start of every
 * epoch (interval `epoch`, t = epoch index from 0) or every step (interval `step`, t = global step).
 */
export interface LrSchedule {
  readonly interval: 'epoch' | 'step';
  rate(t: number): number;
  /** Optional: called after each epoch with that epoch's metrics (reduce-on-plateau). */
  observe?(metrics: Readonly<Record<string, number>>): void;
  /** Optional state for checkpoints (schedules that observe metrics have some). */
  saveState?(): unknown;
  loadState?(state: unknown): void;
}

/** The container token under which plugins bind LrSchedule descriptors, each named by its `type`. */
export const LrSchedule: ServiceIdentifier<ComponentDescriptor<LrSchedule>> = Symbol.for('hyperspec.LrSchedule');
