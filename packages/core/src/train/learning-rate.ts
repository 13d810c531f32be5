import type { LrSchedule } from '../contracts/lr-schedule.js';

/**
 * The one place the learning rate of a step is computed: the optimizer's `learning_rate` (read once,
 * from its resolved options, when the run is composed), shaped by the schedule when there is one.
 * The trainer asks it once per step and reports the last rate of each epoch.
 */
export class LearningRate {
  constructor(
    /** The resolved `train.optimizer.learning_rate`. */
    readonly base: number,
    readonly schedule?: LrSchedule,
  ) {}

  /** The rate for a step: `epoch` counts from 0, `step` is the global step count before this step. */
  at(epoch: number, step: number): number {
    if (!this.schedule) return this.base;
    return this.schedule.rate(this.schedule.interval === 'epoch' ? epoch : step);
  }
}
