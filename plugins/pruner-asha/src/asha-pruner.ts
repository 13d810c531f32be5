import type { Direction, Pruner, TrialRecord } from '@hyperspec/core';

export interface AshaPrunerOptions {
  /** Epochs of the lowest rung (r in the paper). */
  min_resource: number;
  /** η: a rung keeps the best 1/η of the trials that reached it. */
  reduction_factor: number;
  /** s: the first rung sits at min_resource · η^s epochs. */
  min_early_stopping_rate: number;
}

/** The rung whose resource is exactly `step` epochs, or -1 when `step` is not a rung. */
export function rungAt(step: number, o: AshaPrunerOptions): number {
  let resource = o.min_resource * o.reduction_factor ** o.min_early_stopping_rate;
  for (let rung = 0; resource <= step; rung++, resource *= o.reduction_factor) {
    if (resource === step) return rung;
  }
  return -1;
}

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020). Rung k sits at min_resource · η^(s+k) epochs. When a trial reaches a rung it
 * goes on only if its value there ranks among the best ⌊n/η⌋ (at least 1) of the n trials that have
 * reached that rung so far — whatever their state now — and stops otherwise. Decisions never wait for
 * other trials, so parallel workers stay busy; early trials are judged against fewer peers, which is
 * the paper's trade of some mistaken promotions for no idle time.
 */
export class AshaPruner implements Pruner {
  constructor(private readonly options: AshaPrunerOptions) {}

  /** Called after `trial` reported its value for `step` (epochs completed); true stops it. */
  shouldPrune(trial: TrialRecord, step: number, trials: readonly TrialRecord[], direction: Direction): boolean {
    if (rungAt(step, this.options) < 0) return false;
    const value = trial.intermediate[step];
    if (value === undefined) return false;
    if (Number.isNaN(value)) return true;
    const peers = trials.filter((t) => t.number !== trial.number).map((t) => t.intermediate[step]).filter((v): v is number => v !== undefined && !Number.isNaN(v));
    const keep = Math.max(1, Math.floor((peers.length + 1) / this.options.reduction_factor));
    const better = peers.filter((v) => (direction === 'minimize' ? v < value : v > value)).length;
    return better >= keep;
  }
}
