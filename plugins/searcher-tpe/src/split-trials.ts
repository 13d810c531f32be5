import type { Direction, TrialRecord } from '@hyperspec/core';
import { constraintViolation, lastIntermediate, toLoss } from '@hyperspec/core/search';

/** Size of the good group for n trials: ceil(gamma·n), at most gammaMax (Optuna's default_gamma). */
export function goodCount(n: number, gamma: number, gammaMax: number): number {
  return Math.min(Math.ceil(gamma * n), gammaMax);
}

/**
 * Splits trials into the good group (for l(x)) and the rest (for g(x)), both in trial-number order.
 * Complete trials rank by loss — feasible ones first, infeasible ones after them by total violation, as
 * Optuna's constrained TPE splits (so l(x) models good feasible points); pruned ones after them, those that got further first, then by their
 * last intermediate loss; running trials (constant liar) always count as bad. Failed ones are left out.
 * This is the split of Optuna's TPE sampler (its `_split_trials`).
 */
export function splitTrials(trials: readonly TrialRecord[], nGood: number, direction: Direction, constantLiar: boolean): { good: TrialRecord[]; bad: TrialRecord[] } {
  const complete: { t: TrialRecord; loss: number; violation: number }[] = [];
  const pruned: { t: TrialRecord; step: number; loss: number }[] = [];
  const running: TrialRecord[] = [];
  for (const t of trials) {
    if (t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value)) complete.push({ t, loss: toLoss(t.value, direction), violation: constraintViolation(t.constraints) });
    else if (t.state === 'pruned') {
      const last = lastIntermediate(t);
      pruned.push({ t, step: last ? last.step : -Infinity, loss: last ? toLoss(last.value, direction) : Infinity });
    } else if (t.state === 'running' && constantLiar) running.push(t);
  }
  complete.sort((a, b) => a.violation - b.violation || a.loss - b.loss || a.t.number - b.t.number);
  pruned.sort((a, b) => b.step - a.step || a.loss - b.loss || a.t.number - b.t.number);
  const ranked = [...complete.map((c) => c.t), ...pruned.map((p) => p.t)];
  const good = ranked.slice(0, nGood);
  const bad = [...ranked.slice(nGood), ...running];
  const byNumber = (a: TrialRecord, b: TrialRecord) => a.number - b.number;
  return { good: good.sort(byNumber), bad: bad.sort(byNumber) };
}

/** Number of trials that count towards n (complete and pruned). */
export function countObserved(trials: readonly TrialRecord[]): number {
  let n = 0;
  for (const t of trials) if ((t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value)) || t.state === 'pruned') n++;
  return n;
}
