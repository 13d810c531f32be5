import type { Direction, TrialRecord } from '../contracts/search-space.js';
import { nonDominatedSort, paretoFront } from './pareto.js';

/** Total violation of constraint values (each feasible when ≤ 0): the sum of the positive ones, 0 when feasible or unconstrained. */
export function constraintViolation(constraints: readonly number[] | undefined): number {
  let v = 0;
  if (constraints) for (const c of constraints) v += c > 0 ? c : Number.isNaN(c) ? Infinity : 0;
  return v;
}

/** Whether a trial meets every constraint (a trial without constraint values does). */
export function isFeasible(trial: TrialRecord): boolean {
  return constraintViolation(trial.constraints) === 0;
}

/**
 * A complete trial's objective values as losses (each minimised: maximised objectives negated), in the
 * order of `directions`; undefined for other trials and for values that are missing or not finite. With
 * one direction the trial's `value` is used, with several its `values`.
 */
export function trialLosses(trial: TrialRecord, directions: readonly Direction[]): number[] | undefined {
  if (trial.state !== 'complete') return undefined;
  const raw = directions.length === 1 ? (trial.value === undefined ? undefined : [trial.value]) : trial.values;
  if (!raw || raw.length !== directions.length || !raw.every(Number.isFinite)) return undefined;
  return raw.map((v, i) => (directions[i] === 'minimize' ? v : -v));
}

/** A complete trial with usable values, its losses and constraint violation. */
export interface ScoredTrial {
  trial: TrialRecord;
  losses: number[];
  violation: number;
}

/** Complete trials with finite values in every objective, with their losses and violations. */
export function scoredTrials(trials: readonly TrialRecord[], directions: readonly Direction[]): ScoredTrial[] {
  const out: ScoredTrial[] = [];
  for (const trial of trials) {
    const losses = trialLosses(trial, directions);
    if (losses) out.push({ trial, losses, violation: constraintViolation(trial.constraints) });
  }
  return out;
}

/**
 * Complete trials ranked into fronts by constrained non-dominated sorting (feasible trials before
 * infeasible ones, which rank by violation): `fronts[0]` is the Pareto front of the study. With one
 * objective each front is one value (ties share a front).
 */
export function rankTrials(trials: readonly TrialRecord[], directions: readonly Direction[]): ScoredTrial[][] {
  const scored = scoredTrials(trials, directions);
  const fronts = nonDominatedSort(scored.map((s) => s.losses), scored.map((s) => s.violation));
  return fronts.map((f) => f.map((i) => scored[i]));
}

/**
 * The Pareto-optimal trials of a study: complete, feasible (when any trial is), and dominated by no
 * other such trial. In trial-number order.
 */
export function paretoTrials(trials: readonly TrialRecord[], directions: readonly Direction[]): TrialRecord[] {
  const scored = scoredTrials(trials, directions);
  return paretoFront(scored.map((s) => s.losses), scored.map((s) => s.violation)).map((i) => scored[i].trial);
}
